"""The register's line of an organisation's staff summary (`core.registry.add_organisation_summary`)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from biocluster.core import formatting
from biocluster.core.registry import SummaryLine

from .models import Accreditation, Decision


def organisation_summary(user, organisation) -> list[SummaryLine]:
    """Its latest decision and, when accepted, its status now."""
    accreditation = (
        Accreditation.objects.visible_to(user)
        .with_current_status()
        .filter(organisation=organisation)
        .order_by("-decided_on", "-id")
        .first()
    )
    if accreditation is None:
        return []
    if accreditation.decision == Decision.ACCEPTED:
        text = _("Accredited on %(date)s; now: %(status)s") % {
            "date": formatting.day(accreditation.decided_on),
            "status": accreditation.current_status_label.lower(),
        }
    else:
        text = _("Refused on %(date)s") % {"date": formatting.day(accreditation.decided_on)}
    return [SummaryLine(_("Accreditation"), text, reverse("accreditation:detail", args=[accreditation.pk]))]
