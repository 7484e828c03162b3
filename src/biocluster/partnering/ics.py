"""A participant's agenda as an RFC 5545 calendar feed.

One UID per meeting, kept for its whole life; SEQUENCE rises on every change of
time, place, status or publication (services bump `Meeting.sequence`). A cancelled
meeting stays in the feed with STATUS:CANCELLED, and so does one a later scheduler
run left without a slot (at the time it last had, `Meeting.calendar_starts_at`),
so that subscribed calendars remove their copy instead of keeping a stale one. The feed is METHOD:PUBLISH (a
snapshot); emails carry METHOD:CANCEL (cancelled or unplaced meetings) or METHOD:REQUEST
(meetings newly placed or moved) with those events only.
Times are written in the event's zone with its VTIMEZONE.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from biocluster.core import ics

from .models import Meeting, Profile

PRODID = "-//Biocluster//Partnering//EN"


def _calendar(name: str, method: str) -> Calendar:
    return ics.calendar(prodid=PRODID, name=name, method=method)


def _status(meeting: Meeting) -> str:
    if not meeting.in_calendars:
        return "CANCELLED"  # cancelled, or no longer placed by the scheduler
    return "CONFIRMED" if meeting.published_at else "TENTATIVE"


def meeting_times(meeting: Meeting) -> tuple:
    """Its slot's times, else the last ones it was placed at (a cancellation keeps that time)."""
    if meeting.slot is not None:
        return meeting.slot.starts_at, meeting.slot.ends_at
    return meeting.calendar_starts_at, meeting.calendar_ends_at


def meeting_event(meeting: Meeting, profile: Profile) -> Event:
    tz = ZoneInfo(meeting.event.time_zone)
    others = [p for p in meeting.participants.all() if p.pk != profile.pk]
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at)
    starts, ends = meeting_times(meeting)
    event.add("dtstart", starts.astimezone(tz))
    event.add("dtend", ends.astimezone(tz))
    names = ", ".join(p.display_name for p in others)
    event.add("summary", _("Meeting: %(names)s") % {"names": names})
    if meeting.location is not None:
        where = meeting.location.online_url or meeting.location.name
        event.add("location", f"{meeting.event} — {where}" if not meeting.location.is_virtual else where)
    if meeting.request is not None and meeting.request.message:
        event.add("description", meeting.request.message)
    event.add("status", _status(meeting))
    event.add("organizer", ics.organizer(str(meeting.event)))
    for participant in meeting.participants.all():
        attendee = vCalAddress(f"mailto:{participant.registration.email}")
        attendee.params["cn"] = participant.registration.name
        event.add("attendee", attendee, encode=0)
    site = getattr(settings, "SITE_URL", "")
    if site:
        event.add("url", f"{site}/partnering/meetings/{meeting.pk}/")
    return event


def _finish(calendar: Calendar, meetings: list[Meeting], zone: str) -> bytes:
    if not meetings:
        return ics.finish(calendar, zone=zone)
    return ics.finish(
        calendar,
        first=min(meeting_times(m)[0] for m in meetings).date(),
        last=max(meeting_times(m)[1] for m in meetings).date(),
    )


def feed_meetings(profile: Profile) -> list[Meeting]:
    """Every meeting of the participant that has, or once had, a time: cancelled and
    unplaced ones included, so that calendars receive their cancellation."""
    has_time = Q(slot__isnull=False) | Q(calendar_starts_at__isnull=False)
    return list(
        Meeting.objects.filter(has_time, participants=profile)
        .select_related("slot", "location", "event", "request")
        .prefetch_related("participants__registration__organisation")
        .order_by("calendar_starts_at", "pk")
    )


def agenda_calendar(profile: Profile) -> bytes:
    calendar = _calendar(_("Partnering — %(event)s") % {"event": profile.event}, "PUBLISH")
    meetings = feed_meetings(profile)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, profile))
    return _finish(calendar, meetings, profile.event.time_zone)


def cancellation_calendar(meeting: Meeting, profile: Profile) -> bytes:
    """An iTIP cancellation (RFC 5546) of one meeting, for the email telling the participant."""
    return itip_calendar([meeting], profile, "CANCEL")


def itip_calendar(meetings: list[Meeting], profile: Profile, method: str) -> bytes:
    """An iTIP message (RFC 5546): REQUEST for meetings placed or moved, CANCEL for removed ones."""
    calendar = _calendar(_("Partnering — %(event)s") % {"event": profile.event}, method)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, profile))
    return _finish(calendar, meetings, profile.event.time_zone)
