"""The emails: a participant's agenda (PDF and calendar attached) and a meeting's cancellation,
each in the participant's language; and what a scheduler run changed in a published agenda."""

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import agenda as agenda_module
from . import ics
from .models import Meeting, Profile


def _language(profile: Profile) -> str:
    language = (profile.registration.language or "en")[:2]
    return language if language in dict(settings.LANGUAGES) else "en"


def _site() -> str:
    return getattr(settings, "SITE_URL", "")


def agenda(profile_id: int) -> int:
    profile = Profile.objects.select_related("registration", "event").filter(pk=profile_id).first()
    if profile is None or not profile.registration.email:
        return 0
    with translation.override(_language(profile)):
        body = render_to_string(
            "partnering/email/agenda.txt",
            {
                "profile": profile,
                "entries": agenda_module.entries(profile),
                "agenda_url": _site() + reverse("partnering:agenda", args=[profile.pk]),
                "feed_url": _site()
                + reverse("partnering:agenda_ics", args=[profile.pk])
                + f"?token={profile.feed_token}",
            },
        )
        message = EmailMessage(
            _("Your partnering agenda — %(event)s") % {"event": profile.event},
            body,
            settings.DEFAULT_FROM_EMAIL,
            [profile.registration.email],
        )
        from . import pdf  # heavy: imported on first use

        message.attach("agenda.pdf", pdf.agenda_pdf(profile), "application/pdf")
        message.attach("agenda.ics", ics.agenda_calendar(profile), "text/calendar; method=PUBLISH")
        return message.send()


def cancellation(meeting_id: int, profile_id: int) -> int:
    meeting = Meeting.objects.select_related("slot", "location", "event").filter(pk=meeting_id).first()
    profile = Profile.objects.select_related("registration", "event").filter(pk=profile_id).first()
    if meeting is None or profile is None or meeting.slot is None or not profile.registration.email:
        return 0
    with translation.override(_language(profile)):
        others = [p for p in meeting.participants.all() if p.pk != profile.pk]
        body = render_to_string(
            "partnering/email/cancellation.txt",
            {
                "profile": profile,
                "meeting": meeting,
                "others": others,
                "event": meeting.event,
                "starts": meeting.slot.starts_at.astimezone(agenda_module.ZoneInfo(meeting.event.time_zone)),
            },
        )
        message = EmailMessage(
            _("Meeting cancelled — %(event)s") % {"event": meeting.event},
            body,
            settings.DEFAULT_FROM_EMAIL,
            [profile.registration.email],
        )
        message.attach(
            "cancel.ics", ics.cancellation_calendar(meeting, profile), "text/calendar; method=CANCEL"
        )
        return message.send()


def _agenda_change(meeting: Meeting, profile: Profile, change: dict, zone) -> dict:
    starts, ends = ics.meeting_times(meeting)
    previous = change.get("previous")
    return {
        "change": change["change"],
        "starts": starts.astimezone(zone),
        "ends": ends.astimezone(zone),
        "previous": datetime.fromisoformat(previous).astimezone(zone) if previous else None,
        "others": [p for p in meeting.participants.all() if p.pk != profile.pk],
        "location": meeting.location,
    }


def schedule_changes(profile_id: int, changes: list[dict]) -> int:
    """Tell one participant what a scheduler run changed in their published agenda, with the
    calendar updates attached: METHOD:REQUEST for meetings placed or moved, METHOD:CANCEL for removed."""
    profile = Profile.objects.select_related("registration", "event").filter(pk=profile_id).first()
    if profile is None or not profile.registration.email or profile.registration.status != "confirmed":
        return 0
    meetings = {
        m.pk: m
        for m in Meeting.objects.filter(pk__in=[c["meeting"] for c in changes], participants=profile)
        .select_related("slot", "location", "event")
        .prefetch_related("participants__registration__organisation")
    }
    changes = [c for c in changes if c["meeting"] in meetings]
    # What the run did may have been undone since (a cancellation has its own email): keep what holds.
    current = [c for c in changes if (c["change"] == "removed") != meetings[c["meeting"]].in_calendars]
    if not current:
        return 0
    zone = agenda_module.ZoneInfo(profile.event.time_zone)
    with translation.override(_language(profile)):
        body = render_to_string(
            "partnering/email/schedule_changes.txt",
            {
                "profile": profile,
                "changes": [_agenda_change(meetings[c["meeting"]], profile, c, zone) for c in current],
                "agenda_url": _site() + reverse("partnering:agenda", args=[profile.pk]),
            },
        )
        message = EmailMessage(
            _("Your partnering agenda has changed — %(event)s") % {"event": profile.event},
            body,
            settings.DEFAULT_FROM_EMAIL,
            [profile.registration.email],
        )
        updated = [meetings[c["meeting"]] for c in current if c["change"] != "removed"]
        removed = [meetings[c["meeting"]] for c in current if c["change"] == "removed"]
        if updated:
            message.attach(
                "update.ics", ics.itip_calendar(updated, profile, "REQUEST"), "text/calendar; method=REQUEST"
            )
        if removed:
            message.attach(
                "cancel.ics", ics.itip_calendar(removed, profile, "CANCEL"), "text/calendar; method=CANCEL"
            )
        return message.send()
