"""Registering to an event, the waiting list, cancelling and checking in.

Capacity is counted per attendance mode (on site, online) under a lock on the
event row, so that two people taking the last place at the same moment cannot
both be confirmed: the second lands on the waiting list.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.directory.models import Affiliation

from .. import emails
from ..models import AttendanceMode, Event, EventStatus, Registration, RegistrationStatus
from ..querysets import manages_events
from ..signals import registration_changed


def fail(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def registration_problem(
    event: Event, mode: str = AttendanceMode.ON_SITE, now=None
) -> ValidationError | None:
    """Why one cannot register to `event` in `mode` right now, or None."""
    now = now or timezone.now()
    if event.status != EventStatus.PUBLISHED:
        return fail("event", _("Registration is closed: the event is not published."), "closed")
    if event.is_delegation:
        return fail("event", _("A delegation received takes no registrations."), "closed")
    if event.registration_opens_at and now < event.registration_opens_at:
        return fail("event", _("Registration has not opened yet."), "not_open")
    closes = event.registration_closes_at or event.ends_at
    if now >= closes:
        return fail("event", _("Registration is closed."), "closed")
    if mode not in event.modes():
        return fail("mode", _("This event cannot be attended that way."), "mode")
    return None


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _has_room(event: Event, mode: str) -> bool:
    capacity = event.capacity_for(mode)
    if capacity is None:
        return True
    taken = event.registrations.filter(status=RegistrationStatus.CONFIRMED, mode=mode).count()
    return taken < capacity


def _default_organisation(user):
    affiliation = (
        Affiliation.objects.current().filter(person__user=user).select_related("organisation").first()
    )
    return affiliation.organisation if affiliation else None


def _create(event: Event, actor, **fields) -> Registration:
    event = _locked(event)
    email = fields["email"].lower()
    if event.registrations.active().filter(email__iexact=email).exists():
        raise fail(
            "event", _("%(email)s is already registered to this event.") % {"email": email}, "duplicate"
        )
    status = RegistrationStatus.CONFIRMED if _has_room(event, fields["mode"]) else RegistrationStatus.WAITING
    registration = Registration(event=event, status=status, **{**fields, "email": email})
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:  # the unique constraint caught a registration made meanwhile
        raise fail(
            "event", _("%(email)s is already registered to this event.") % {"email": email}, "duplicate"
        ) from error
    audit.record_create(actor=actor, obj=registration, action=f"events.registration.{status}")
    registration_changed.send(sender=Registration, registration=registration, actor=actor)
    emails.registration_made(registration)
    return registration


@transaction.atomic
def register(
    *, event, user, actor, mode=AttendanceMode.ON_SITE, organisation=None, language=None
) -> Registration:
    """Register `user` to `event`: confirmed, or on the waiting list when `mode` is full.

    Someone registers themselves; event staff may register another login.
    """
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied
    if actor.pk != user.pk and not manages_events(actor):
        raise PermissionDenied
    event = _locked(event)  # read the status, window and capacity as they stand now
    problem = registration_problem(event, mode)
    if problem is not None:
        raise problem
    if event.registrations.active().filter(user=user).exists():
        raise fail("event", _("You are already registered to this event."), "duplicate")
    person = getattr(user, "person", None)  # the reverse one-to-one raises an AttributeError when absent
    return _create(
        event,
        actor,
        user=user,
        person=person,
        organisation=organisation or _default_organisation(user),
        name=user.get_full_name() or user.email,
        email=user.email,
        mode=mode,
        language=(language or getattr(user, "preferred_language", "") or "en")[:2],
    )


@transaction.atomic
def add_registration(
    *, event, actor, name, email, mode=AttendanceMode.ON_SITE, organisation=None, language="en", source=""
) -> Registration:
    """Staff register someone without a login (a guest, a speaker, an import)."""
    if not manages_events(actor):
        raise PermissionDenied
    if event.is_delegation:
        raise fail("event", _("A delegation received takes no registrations."), "closed")
    if mode not in event.modes():
        raise fail("mode", _("This event cannot be attended that way."), "mode")
    return _create(
        event,
        actor,
        name=name,
        email=email,
        mode=mode,
        organisation=organisation,
        language=language[:2],
        source=source,
    )


def _promote_first_waiting(event: Event, mode: str, actor) -> Registration | None:
    if not _has_room(event, mode):
        return None
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING, mode=mode).order_by(
        "created_at", "id"
    )
    first = waiting.first()
    if first is None:
        return None
    before = audit.snapshot(first)
    first.status = RegistrationStatus.CONFIRMED
    first.save(update_fields=["status", "updated_at"])
    audit.record_update(actor=actor, obj=first, action="events.registration.promoted", before=before)
    registration_changed.send(sender=Registration, registration=first, actor=actor)
    emails.registration_promoted(first)
    return first


def fill_from_waiting_list(event: Event, actor) -> list[Registration]:
    """Confirm waiting registrations, first come first served, while places are free (after a capacity rise)."""
    event = _locked(event)
    promoted = []
    if event.status != EventStatus.PUBLISHED:
        return promoted
    for mode in AttendanceMode.values:
        while (registration := _promote_first_waiting(event, mode, actor)) is not None:
            promoted.append(registration)
    return promoted


@transaction.atomic
def cancel_registration(*, registration, actor) -> Registration | None:
    """Cancel a registration; a freed place goes to the first on that mode's waiting list.

    Returns the registration promoted, if any.
    """
    if not actor.has_perm("events.cancel_registration", registration):
        raise PermissionDenied
    event = _locked(registration.event)
    registration.refresh_from_db()
    if registration.status == RegistrationStatus.CANCELLED:
        raise fail("status", _("This registration is already cancelled."), "cancelled")
    if registration.checked_in_at:
        raise fail("status", _("A registration checked in cannot be cancelled."), "checked_in")
    before = audit.snapshot(registration)
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    audit.record_update(actor=actor, obj=registration, action="events.registration.cancelled", before=before)
    registration_changed.send(sender=Registration, registration=registration, actor=actor)
    emails.registration_cancelled(registration)
    if was_confirmed and event.status == EventStatus.PUBLISHED:
        return _promote_first_waiting(event, registration.mode, actor)
    return None


def _token_of(scanned: str) -> str:
    """The badge token from what was scanned or typed: the QR's URL (…/check-in/?badge=<token>) or the token."""
    text = (scanned or "").strip()
    if "badge=" in text:
        text = text.split("badge=", 1)[1].split("&", 1)[0]
    return text.strip("/").rsplit("/", 1)[-1][:64]


@transaction.atomic
def check_in(*, event, token, actor) -> tuple[Registration, bool]:
    """Check in the badge `token` at `event`. Returns (registration, first time?).

    Scanning a badge twice is harmless: the first time stands.
    """
    if not actor.has_perm("events.check_in", event):
        raise PermissionDenied
    token = _token_of(token)
    registration = (
        Registration.objects.select_for_update().filter(badge_token=token).first() if token else None
    )
    if registration is None:
        raise fail("token", _("No registration has this badge."), "unknown")
    if registration.event_id != event.pk:
        raise fail(
            "token",
            _("This badge is for another event: %(event)s.") % {"event": registration.event},
            "wrong_event",
        )
    if registration.status != RegistrationStatus.CONFIRMED:
        raise fail(
            "token",
            _("This registration is not confirmed (%(status)s).")
            % {"status": registration.get_status_display()},
            "not_confirmed",
        )
    if registration.checked_in_at:
        return registration, False
    before = audit.snapshot(registration)
    registration.checked_in_at = timezone.now()
    registration.save(update_fields=["checked_in_at", "updated_at"])
    audit.record_update(actor=actor, obj=registration, action="events.registration.checked_in", before=before)
    return registration, True
