"""Partnering's line of an organisation's staff summary (`core.registry.add_organisation_summary`)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biocluster.core.registry import SummaryLine

from .models import Profile


def organisation_summary(user, organisation) -> list[SummaryLine]:
    """At how many events its people took part in the partnering, and the latest."""
    profiles = Profile.objects.active().filter(registration__organisation=organisation)
    events = profiles.values("event_id").distinct().count()
    if not events:
        return []
    latest = profiles.select_related("event").order_by("-event__starts_at", "-id").first().event
    text = ngettext(
        "%(count)s partnering event, the latest: %(event)s",
        "%(count)s partnering events, the latest: %(event)s",
        events,
    ) % {"count": events, "event": latest.title}
    return [SummaryLine(_("Partnering"), text)]
