"""The emails: a participant's agenda (PDF and calendar attached) and a meeting's cancellation,
each in the participant's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import agenda as agenda_module
from . import ics, pdf
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
