"""The survey's line of an organisation's staff summary (`core.registry.add_organisation_summary`)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from biocluster.core.registry import SummaryLine

from .models import Response


def organisation_summary(user, organisation) -> list[SummaryLine]:
    """Its response to the latest campaign it is asked in, and that response's state."""
    response = (
        Response.objects.visible_to(user)
        .filter(organisation=organisation)
        .select_related("campaign")
        .order_by("-campaign__year")
        .first()
    )
    if response is None:
        return []
    text = _("Company survey %(year)s: %(state)s") % {
        "year": response.campaign.year,
        "state": response.get_state_display().lower(),
    }
    return [SummaryLine(_("Survey"), text, reverse("survey:response_detail", args=[response.pk]))]
