"""Maintenance, breakdowns, safety issues, and the waiting list told when a slot frees."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit import services as audit

from .. import notifications, timeutils
from ..limits import MAX_BLOCK_MINUTES
from ..models import Booking, BookingKind, BookingStatus, Instrument, Outage, OutageKind, WaitlistEntry
from .booking import _save, manages
from .policy import OWN_BOOKING, fail

# Without an expected end, a breakdown tells the bookings of the next week.
UNKNOWN_OUTAGE_HORIZON = timedelta(days=7)


@transaction.atomic
def schedule_maintenance(
    *, actor, instrument: Instrument, start: datetime, end: datetime, reason: str = ""
) -> tuple[Booking, list[Booking]]:
    """Block the instrument for maintenance; bookings in the way are cancelled (free of charge) and told.

    Maintenance is a row of the bookings table, so the database guarantee
    keeps it apart from every booking, as it keeps bookings apart.
    """
    if not manages(actor, instrument):
        raise PermissionDenied
    start, end = timeutils.utc(start), timeutils.utc(end)
    if end <= start:
        raise fail("end", _("The maintenance must end after it starts."), "ends_before_start")
    if end - start > timedelta(minutes=MAX_BLOCK_MINUTES):
        raise fail("end", _("Schedule maintenance in periods of at most 31 days."), "too_long")
    cancelled = []
    in_the_way = (
        Booking.objects.active().overlapping(instrument.pk, start, end).select_for_update().order_by("start")
    )
    for booking in in_the_way:
        if booking.status in (BookingStatus.CHECKED_IN, BookingStatus.COMPLETED) or booking.is_maintenance:
            raise fail(
                "start",
                _("The instrument is in use or already under maintenance %(when)s.")
                % {"when": timeutils.when(booking.start, booking.end, instrument.platform.tz)},
                "conflict",
            )
        before = audit.snapshot(booking)
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = timezone.now()
        booking.cancelled_by = actor
        booking.cancel_reason = (
            _("Maintenance: %(reason)s") % {"reason": reason} if reason else _("Maintenance")
        )
        booking.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])
        audit.record_update(
            actor=actor,
            obj=booking,
            action="platforms.booking.cancelled",
            before=before,
            data={"maintenance": True},
        )
        notifications.booking_cancelled(booking)
        cancelled.append(booking)
    maintenance = Booking(
        instrument=instrument,
        user=actor,
        created_by=actor,
        kind=BookingKind.MAINTENANCE,
        status=BookingStatus.CONFIRMED,
        start=start,
        end=end,
        blocked_until=end,
        purpose=reason,
    )
    _save(maintenance)
    audit.record_create(actor=actor, obj=maintenance, action="platforms.maintenance.scheduled")
    return maintenance, cancelled


@transaction.atomic
def report_outage(
    *,
    actor,
    instrument: Instrument,
    kind: str,
    description: str,
    start: datetime | None = None,
    expected_end: datetime | None = None,
) -> Outage:
    """A user or manager reports a breakdown (the instrument goes out of order) or a safety issue.

    The managers are told; for a breakdown, so is everyone booked while it lasts.
    """
    start = timeutils.utc(start or timezone.now())
    expected_end = timeutils.utc(expected_end) if expected_end else None
    if expected_end is not None and expected_end <= start:
        raise fail("expected_end", _("The expected end must be after the start."), "ends_before_start")
    outage = Outage(
        instrument=instrument,
        kind=kind,
        description=description,
        reported_by=actor,
        start=start,
        expected_end=expected_end,
    )
    outage.full_clean()
    outage.save()
    audit.record_create(actor=actor, obj=outage, action=f"platforms.outage.{kind}_reported")
    affected: list[Booking] = []
    if kind == OutageKind.BREAKDOWN:
        if not instrument.is_down:
            before = audit.snapshot(instrument)
            instrument.is_down = True
            instrument.save(update_fields=["is_down", "updated_at"])
            audit.record_update(
                actor=actor, obj=instrument, action="platforms.instrument.down", before=before
            )
        until = expected_end or start + UNKNOWN_OUTAGE_HORIZON
        affected = list(
            Booking.objects.active()
            .overlapping(instrument.pk, start, until)
            .filter(kind=BookingKind.BOOKING)
            .select_related("user")
        )
    notifications.outage_reported(outage, affected)
    return outage


@transaction.atomic
def resolve_outage(*, actor, outage: Outage, resolution: str = "") -> Outage:
    if not manages(actor, outage.instrument):
        raise PermissionDenied
    if outage.resolved_at is not None:
        raise fail("resolved_at", _("This outage is already resolved."), "status")
    before = audit.snapshot(outage)
    outage.resolved_at = timezone.now()
    outage.resolved_by = actor
    outage.resolution = resolution
    outage.save(update_fields=["resolved_at", "resolved_by", "resolution", "updated_at"])
    audit.record_update(actor=actor, obj=outage, action="platforms.outage.resolved", before=before)
    instrument = outage.instrument
    still_down = Outage.objects.filter(
        instrument=instrument, kind=OutageKind.BREAKDOWN, resolved_at__isnull=True
    ).exists()
    if instrument.is_down and not still_down:
        before = audit.snapshot(instrument)
        instrument.is_down = False
        instrument.save(update_fields=["is_down", "updated_at"])
        audit.record_update(actor=actor, obj=instrument, action="platforms.instrument.back", before=before)
    return outage


@transaction.atomic
def join_waitlist(*, actor, instrument: Instrument, start: datetime, end: datetime) -> WaitlistEntry:
    """Ask to be told by email if [start, end) frees on the instrument."""
    start, end = timeutils.utc(start), timeutils.utc(end)
    if end <= start:
        raise fail("end", _("The period must end after it starts."), "ends_before_start")
    if end <= timezone.now():
        raise fail("start", _("This time has passed."), "past")
    in_the_way = list(
        Booking.objects.active().overlapping(instrument.pk, start, end).values_list("user_id", flat=True)
    )
    if in_the_way and all(user_id == actor.pk for user_id in in_the_way):
        raise fail(
            "start", _("Only your own booking holds this time: there is nothing to wait for."), OWN_BOOKING
        )
    entry, created = WaitlistEntry.objects.get_or_create(
        instrument=instrument, user=actor, start=start, end=end, notified_at=None
    )
    if created:
        audit.record_create(actor=actor, obj=entry, action="platforms.waitlist.joined")
    return entry


@transaction.atomic
def leave_waitlist(*, actor, entry: WaitlistEntry) -> None:
    if entry.user_id != actor.pk and not manages(actor, entry.instrument):
        raise PermissionDenied
    audit.record_delete(actor=actor, obj=entry, action="platforms.waitlist.left")
    entry.delete()
