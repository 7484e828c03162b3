"""The programmes' line of an organisation's staff summary (`core.registry.add_organisation_summary`)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from biocluster.core import formatting
from biocluster.core.registry import SummaryLine

from .models import Enrolment

SHOWN = 3


def organisation_summary(user, organisation) -> list[SummaryLine]:
    """Its enrolments, the latest first; linked for those who may open them (the Entreprises staff)."""
    enrolments = list(
        Enrolment.objects.filter(organisation=organisation)
        .select_related("cohort__programme")
        .order_by("-start_date", "-id")[:SHOWN]
    )
    if not enrolments:
        return []
    opened = set(
        Enrolment.objects.visible_to(user)
        .filter(pk__in=[e.pk for e in enrolments])
        .values_list("pk", flat=True)
    )
    return [
        SummaryLine(
            _("Programmes"),
            _("%(cohort)s: %(status)s, since %(start)s")
            % {
                "cohort": enrolment.cohort,
                "status": enrolment.get_status_display().lower(),
                "start": formatting.day(enrolment.start_date),
            },
            reverse("programmes:enrolment_detail", args=[enrolment.pk]) if enrolment.pk in opened else "",
        )
        for enrolment in enrolments
    ]
