"""How event times read: in the event's time zone, and in the viewer's when it differs.

The viewer's zone is Django's current time zone (the site's, unless a request
activated another).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, timezone


def when(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    """'June 13, 2022, 09:00-June 16, 2022, 17:00' or 'June 8, 2022, 09:00-17:30' in `tz`."""
    begins, ends = start.astimezone(tz), end.astimezone(tz)
    text = f"{formats.date_format(begins.date())}, {begins:%H:%M}\u2013"
    if ends.date() == begins.date():
        return text + f"{ends:%H:%M}"
    return text + f"{formats.date_format(ends.date())} {ends:%H:%M}"


def zone_label(tz: ZoneInfo, moment: datetime) -> str:
    return f"{tz.key} ({moment.astimezone(tz):%Z})"


def event_when(event, tz: ZoneInfo | None = None) -> str:
    tz = tz or event.tz
    return f"{when(event.starts_at, event.ends_at, tz)} {zone_label(tz, event.starts_at)}"


def viewer_differs(event) -> bool:
    """Whether the viewer's zone shows other wall-clock times than the event's."""
    viewer = timezone.get_current_timezone()
    return event.starts_at.astimezone(viewer).utcoffset() != event.starts_at.astimezone(event.tz).utcoffset()


def times(event, start: datetime | None = None, end: datetime | None = None) -> dict:
    """The times of the event (or of one of its sessions) for a template."""
    start = start or event.starts_at
    end = end or event.ends_at
    viewer = timezone.get_current_timezone()
    local = when(start, end, event.tz)
    differs = viewer_differs(event)
    return {
        "local": local,
        "zone": zone_label(event.tz, start),
        "viewer": when(start, end, viewer) if differs else "",
        "viewer_zone": zone_label(viewer, start) if differs else "",
    }
