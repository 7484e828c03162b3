"""A participant's agenda as an RFC 5545 calendar feed.

One UID per meeting, kept for its whole life; SEQUENCE rises on every change of
time, place, status or publication (services bump `Meeting.sequence`). A cancelled
meeting stays in the feed with STATUS:CANCELLED, so that subscribed calendars
remove their copy instead of keeping a stale one. The feed is METHOD:PUBLISH (a
snapshot); a cancellation email carries METHOD:CANCEL with the cancelled event only.
Times are written in the event's zone with its VTIMEZONE.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from .models import Meeting, MeetingStatus, Profile

PRODID = "-//Biocluster//Partnering//EN"


def _calendar(name: str, method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    return calendar


def _status(meeting: Meeting) -> str:
    if meeting.status == MeetingStatus.CANCELLED:
        return "CANCELLED"
    return "CONFIRMED" if meeting.published_at else "TENTATIVE"


def meeting_event(meeting: Meeting, profile: Profile) -> Event:
    tz = ZoneInfo(meeting.event.time_zone)
    others = [p for p in meeting.participants.all() if p.pk != profile.pk]
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", meeting.slot.starts_at.astimezone(tz))
    event.add("dtend", meeting.slot.ends_at.astimezone(tz))
    names = ", ".join(p.display_name for p in others)
    event.add("summary", _("Meeting: %(names)s") % {"names": names})
    if meeting.location is not None:
        where = meeting.location.online_url or meeting.location.name
        event.add("location", f"{meeting.event} — {where}" if not meeting.location.is_virtual else where)
    if meeting.request is not None and meeting.request.message:
        event.add("description", meeting.request.message)
    event.add("status", _status(meeting))
    organiser = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organiser.params["cn"] = str(meeting.event)
    event.add("organizer", organiser)
    for participant in meeting.participants.all():
        attendee = vCalAddress(f"mailto:{participant.registration.email}")
        attendee.params["cn"] = participant.registration.name
        event.add("attendee", attendee, encode=0)
    site = getattr(settings, "SITE_URL", "")
    if site:
        event.add("url", f"{site}/partnering/meetings/{meeting.pk}/")
    return event


def _finish(calendar: Calendar, meetings: list[Meeting]) -> bytes:
    if meetings:
        first = min(m.slot.starts_at for m in meetings).date().replace(month=1, day=1)
        last = max(m.slot.ends_at for m in meetings).date().replace(month=12, day=31) + timedelta(days=1)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def feed_meetings(profile: Profile) -> list[Meeting]:
    """Every meeting of the participant that has a time, cancelled ones included."""
    return list(
        Meeting.objects.filter(participants=profile, slot__isnull=False)
        .select_related("slot", "location", "event", "request")
        .prefetch_related("participants__registration__organisation")
        .order_by("slot__starts_at", "pk")
    )


def agenda_calendar(profile: Profile) -> bytes:
    calendar = _calendar(_("Partnering — %(event)s") % {"event": profile.event}, "PUBLISH")
    meetings = feed_meetings(profile)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, profile))
    return _finish(calendar, meetings)


def cancellation_calendar(meeting: Meeting, profile: Profile) -> bytes:
    """An iTIP cancellation (RFC 5546) of one meeting, for the email telling the participant."""
    calendar = _calendar(_("Partnering — %(event)s") % {"event": meeting.event}, "CANCEL")
    calendar.add_component(meeting_event(meeting, profile))
    return _finish(calendar, [meeting])
