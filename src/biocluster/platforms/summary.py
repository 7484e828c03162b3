"""The platforms' line of an organisation's staff summary (`core.registry.add_organisation_summary`)."""

from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biocluster.core import formatting
from biocluster.core.registry import SummaryLine

from .models import Booking


def organisation_summary(user, organisation) -> list[SummaryLine]:
    """How many bookings are billed to it (cancelled ones aside) and the last one's day: figures, no names."""
    figures = (
        Booking.objects.active().filter(organisation=organisation).aggregate(n=Count("id"), last=Max("start"))
    )
    if not figures["n"]:
        return []
    text = ngettext(
        "%(count)s booking, the last on %(date)s", "%(count)s bookings, the last on %(date)s", figures["n"]
    ) % {"count": formatting.number(figures["n"]), "date": formatting.day(figures["last"])}
    return [SummaryLine(_("Platforms"), text)]
