"""A participant's agenda: their meetings in time order, with times in the event's zone and the viewer's."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings

from .models import Meeting, MeetingStatus, Profile

VIEWER_ZONE_COOKIE = "tz"  # set by static/partnering/tz.js from the browser


def viewer_zone(request) -> ZoneInfo:
    """The viewer's own time zone as their browser reports it, else the site's."""
    name = request.COOKIES.get(VIEWER_ZONE_COOKIE, "") if request is not None else ""
    if name and len(name) < 64:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return ZoneInfo(settings.TIME_ZONE)


@dataclass
class Times:
    """A moment shown in the event's zone and, when it differs, the viewer's."""

    event: datetime
    viewer: datetime | None

    @classmethod
    def of(cls, moment: datetime, event_zone: ZoneInfo, viewer: ZoneInfo | None) -> "Times":
        local = moment.astimezone(event_zone)
        other = moment.astimezone(viewer) if viewer is not None else None
        differs = other is not None and other.utcoffset() != local.utcoffset()
        return cls(local, other if differs else None)


@dataclass
class Entry:
    meeting: Meeting
    starts: Times | None
    ends: Times | None
    others: list[Profile]

    @property
    def is_cancelled(self) -> bool:
        return self.meeting.status == MeetingStatus.CANCELLED


def meetings_of(profile: Profile, *, with_cancelled: bool = True):
    meetings = (
        Meeting.objects.filter(participants=profile)
        .select_related("slot", "location", "event")
        .prefetch_related("participants__registration__organisation")
        .order_by("slot__starts_at", "pk")
    )
    if not with_cancelled:
        meetings = meetings.filter(status=MeetingStatus.CONFIRMED)
    return meetings


def entries(profile: Profile, viewer: ZoneInfo | None = None, *, with_cancelled: bool = False) -> list[Entry]:
    zone = ZoneInfo(profile.event.time_zone)
    out = []
    for meeting in meetings_of(profile, with_cancelled=with_cancelled):
        slot = meeting.slot
        out.append(
            Entry(
                meeting=meeting,
                starts=Times.of(slot.starts_at, zone, viewer) if slot else None,
                ends=Times.of(slot.ends_at, zone, viewer) if slot else None,
                others=[p for p in meeting.participants.all() if p.pk != profile.pk],
            )
        )
    # Placed meetings first in time order, then those waiting for the scheduler.
    return sorted(
        out,
        key=lambda e: (e.starts is None, e.starts.event if e.starts else datetime.min.replace(tzinfo=zone)),
    )
