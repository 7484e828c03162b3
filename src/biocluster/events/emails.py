"""Emails to registrants, each written in the registrant's language.

Services call the functions at the top; each enqueues a task once the
transaction commits, so nothing is sent for a registration that was rolled back.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .display import event_when
from .models import Event, Registration, RegistrationStatus

# --------------------------------------------------------------------------- what services call


def _enqueue(kind: str, pk: int) -> None:
    from .tasks import send_email

    transaction.on_commit(lambda: send_email.enqueue(kind, pk))


def registration_made(registration: Registration) -> None:
    _enqueue("made", registration.pk)


def registration_promoted(registration: Registration) -> None:
    _enqueue("promoted", registration.pk)


def registration_cancelled(registration: Registration) -> None:
    _enqueue("cancelled", registration.pk)


def event_cancelled(event: Event, registration_ids: list[int]) -> None:
    for pk in registration_ids:
        _enqueue("event_cancelled", pk)


# --------------------------------------------------------------------------- building and sending


def _link(name: str, *args) -> str:
    return getattr(settings, "SITE_URL", "") + reverse(name, args=args)


def _event_lines(registration: Registration) -> str:
    event = registration.event
    place = ", ".join(part for part in (event.venue, event.city) if part)
    lines = [
        _("Event: %(event)s") % {"event": event.title},
        _("When: %(when)s") % {"when": event_when(event, event.tz)},
    ]
    if place:
        lines.append(_("Where: %(place)s") % {"place": place})
    lines.append(_("Attendance: %(mode)s") % {"mode": registration.get_mode_display()})
    lines.append(_link("events:event_detail", event.pk))
    return "\n".join(lines)


def _confirmed_text(registration: Registration) -> tuple[str, str]:
    body = _("Hello %(name)s,") % {"name": registration.name} + "\n\n"
    body += _("Your registration is confirmed.") + "\n\n" + _event_lines(registration)
    if registration.mode == "on_site":
        body += "\n\n" + _("Your badge, to show at the entrance: %(url)s") % {
            "url": _link("events:badge", registration.pk)
        }
    elif registration.event.online_url:
        body += "\n\n" + _("Online link: %(url)s") % {"url": registration.event.online_url}
    return _("Registration confirmed: %(event)s") % {"event": registration.event.title}, body


def _waiting_text(registration: Registration) -> tuple[str, str]:
    body = _("Hello %(name)s,") % {"name": registration.name} + "\n\n"
    body += _("The event is full: you are on the waiting list. We will write again if a place frees up.")
    body += "\n\n" + _event_lines(registration)
    return _("Waiting list: %(event)s") % {"event": registration.event.title}, body


def _cancelled_text(registration: Registration) -> tuple[str, str]:
    body = _("Hello %(name)s,") % {"name": registration.name} + "\n\n"
    body += _("Your registration is cancelled.") + "\n\n" + _event_lines(registration)
    return _("Registration cancelled: %(event)s") % {"event": registration.event.title}, body


def _event_cancelled_text(registration: Registration) -> tuple[str, str]:
    event = registration.event
    body = _("Hello %(name)s,") % {"name": registration.name} + "\n\n"
    body += _("We are sorry: this event is cancelled.")
    if event.cancel_reason:
        body += "\n" + _("Reason: %(reason)s") % {"reason": event.cancel_reason}
    body += "\n\n" + _event_lines(registration)
    return _("Event cancelled: %(event)s") % {"event": event.title}, body


def _text(kind: str, registration: Registration) -> tuple[str, str]:
    if kind == "made":
        if registration.status == RegistrationStatus.WAITING:
            return _waiting_text(registration)
        return _confirmed_text(registration)
    if kind == "promoted":
        subject, body = _confirmed_text(registration)
        intro = _("A place freed up: you are off the waiting list.")
        return subject, intro + "\n\n" + body
    if kind == "cancelled":
        return _cancelled_text(registration)
    return _event_cancelled_text(registration)


def send(kind: str, registration: Registration) -> None:
    if not registration.email:
        return
    language = registration.language if registration.language in ("en", "fr") else settings.LANGUAGE_CODE
    with translation.override(language):
        subject, body = _text(kind, registration)
    EmailMessage(subject=subject, body=body, to=[registration.email]).send()
