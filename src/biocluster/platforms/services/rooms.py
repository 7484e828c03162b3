"""Rooms held for an event's sessions: the same bookings, the same never-overlap guarantee.

A meeting room or the conference centre is an `Instrument` of the cluster's rooms platform
(no training, no check-in, no tariff). People book it through the ordinary booking services;
the events app holds it for a session through these functions, in the session's own
transaction, so that a session and a private booking can never take the room at the same time.

The caller (the events services) has checked that the actor may schedule the event: holding a
room for it needs no right on the platform. A hold is a booking of kind `event`: the platform's
rules for people (opening hours, steps, horizon, weekly cap, training) do not apply, nor does
billing; an inactive or broken-down room, and any overlap, still refuse it.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit import services as audit

from .. import notifications, timeutils
from ..limits import MAX_BLOCK_MINUTES
from ..models import Booking, BookingKind, BookingStatus, Instrument
from . import policy
from .booking import _save
from .policy import fail


def _check(instrument: Instrument, start: datetime, end: datetime, exclude=()) -> None:
    if end <= start:
        raise fail("end", _("The booking must end after it starts."), "ends_before_start")
    if end + timedelta(minutes=instrument.buffer_minutes) - start > timedelta(minutes=MAX_BLOCK_MINUTES):
        raise fail("end", _("Too long: no booking blocks an instrument for more than 31 days."), "too_long")
    policy.check_active(instrument)
    request = policy.Request(
        instrument=instrument, user=None, start=start, end=end, privileged=True, exclude=tuple(exclude)
    )
    policy.check_outages(request)
    policy.check_conflict(request)


@transaction.atomic
def hold(*, actor, instrument: Instrument, start: datetime, end: datetime, purpose: str) -> Booking:
    """Hold `instrument` (a room) from `start` to `end` for an event's session named by `purpose`."""
    start, end = timeutils.utc(start), timeutils.utc(end)
    _check(instrument, start, end)
    booking = Booking(
        instrument=instrument,
        user=actor,
        created_by=actor,
        kind=BookingKind.EVENT,
        status=BookingStatus.CONFIRMED,
        start=start,
        end=end,
        blocked_until=end + timedelta(minutes=instrument.buffer_minutes),
        purpose=purpose[:200],
    )
    _save(booking)
    audit.record_create(actor=actor, obj=booking, action="platforms.booking.held")
    return booking


@transaction.atomic
def move_hold(*, actor, booking: Booking, start: datetime, end: datetime, purpose: str) -> Booking:
    """Move (or rename) a hold with its session; the room freed is offered to the waiting list."""
    start, end = timeutils.utc(start), timeutils.utc(end)
    booking = Booking.objects.select_for_update().select_related("instrument__platform").get(pk=booking.pk)
    if booking.kind != BookingKind.EVENT or booking.status != BookingStatus.CONFIRMED:
        raise fail("status", _("Only a room held for a session moves with it."), "status")
    _check(booking.instrument, start, end, exclude=(booking.pk,))
    before = audit.snapshot(booking)
    freed = (booking.start, booking.end)
    booking.start, booking.end, booking.purpose = start, end, purpose[:200]
    booking.blocked_until = end + timedelta(minutes=booking.instrument.buffer_minutes)
    _save(booking)
    audit.record_update(actor=actor, obj=booking, action="platforms.booking.moved", before=before)
    if freed != (start, end):
        notifications.slot_freed(booking.instrument, *freed)
    return booking


@transaction.atomic
def release(*, actor, booking: Booking, reason: str = "") -> Booking:
    """Give the room back (the session is cancelled, deleted or moved to another room)."""
    booking = Booking.objects.select_for_update().select_related("instrument__platform").get(pk=booking.pk)
    if booking.status in (BookingStatus.CANCELLED, BookingStatus.REJECTED, BookingStatus.RELEASED):
        return booking
    before = audit.snapshot(booking)
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = actor
    booking.cancel_reason = reason[:300]
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])
    audit.record_update(actor=actor, obj=booking, action="platforms.booking.cancelled", before=before)
    notifications.slot_freed(booking.instrument, booking.start, booking.end)
    return booking
