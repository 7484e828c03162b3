"""Actual use: check-in and check-out, use recorded by a manager, no-shows, and what each costs.

Every charge is a `UsageRecord` priced at the tariff of the user category in
force on its date. Once a record is on an issued statement it no longer changes.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit import services as audit

from .. import notifications, timeutils
from ..categories import category_of
from ..models import (
    Booking,
    BookingKind,
    BookingStatus,
    Instrument,
    Tariff,
    TariffUnit,
    UsageKind,
    UsageRecord,
    UserCategory,
)
from .booking import _billing, manages
from .policy import fail

CENT = Decimal("0.01")
# Check-in opens a little before the start: people arrive early.
EARLY_CHECK_IN = timedelta(minutes=15)


def tariff_for(*, instrument=None, service=None, category: str, day) -> Tariff | None:
    tariffs = Tariff.objects.filter(category=category, valid_from__lte=day)
    tariffs = (
        tariffs.filter(instrument=instrument) if instrument is not None else tariffs.filter(service=service)
    )
    return tariffs.order_by("-valid_from").first()


def _price(record: UsageRecord, tariff: Tariff | None, hours: Decimal) -> None:
    record.tariff = tariff
    record.unit = tariff.unit if tariff else TariffUnit.HOUR
    record.quantity = hours if record.unit == TariffUnit.HOUR else Decimal(1)
    record.unit_price = tariff.price if tariff else Decimal(0)
    record.amount = (record.quantity * record.unit_price * record.rate / 100).quantize(CENT, ROUND_HALF_UP)
    if tariff is None:
        record.note = (record.note + " " + _("No tariff for this category: charged 0.")).strip()


def _hours(start: datetime, end: datetime, slot_minutes: int) -> Decimal:
    """Hours charged: the time used, rounded up to the instrument's slot."""
    minutes = math.ceil((end - start).total_seconds() / 60 / slot_minutes) * slot_minutes
    return (Decimal(minutes) / 60).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Estimate:
    """What a booking would cost if used as booked: the charge check-out would record."""

    category: str
    tariff: Tariff | None
    quantity: Decimal
    amount: Decimal | None  # None without a tariff for the category

    @property
    def category_label(self) -> str:
        return UserCategory(self.category).label


def estimate(*, instrument: Instrument, organisation, start: datetime, end: datetime) -> Estimate:
    """The price of using `instrument` from `start` to `end`, billed to `organisation`.

    The same pricing as a recorded use (`_charge`): the category of the organisation billed,
    the tariff in force on the day, the time rounded up to the instrument's step.
    """
    category = category_of(instrument.platform, organisation)
    day = start.astimezone(instrument.platform.tz).date()
    tariff = tariff_for(instrument=instrument, category=category, day=day)
    hours = _hours(start, end, instrument.slot_minutes) if end > start else Decimal(0)
    if tariff is None:
        return Estimate(category, None, hours, None)
    quantity = hours if tariff.unit == TariffUnit.HOUR else Decimal(1)
    return Estimate(category, tariff, quantity, (quantity * tariff.price).quantize(CENT, ROUND_HALF_UP))


def _charge(*, actor, booking: Booking, kind: str, start, end, rate: int, note: str = "") -> UsageRecord:
    """Create or replace the charge of `kind` for a booking, unless it is already billed."""
    instrument = booking.instrument
    tz = instrument.platform.tz
    record = UsageRecord.objects.filter(booking=booking, kind=kind).first()
    if record is not None and record.statement_id:
        raise fail("booking", _("This use is on an issued statement and can no longer change."), "billed")
    before = audit.snapshot(record) if record else None
    record = record or UsageRecord(booking=booking, kind=kind)
    record.platform = instrument.platform
    record.instrument = instrument
    record.user = booking.user
    record.organisation = booking.organisation
    record.category = booking.category
    record.start, record.end = start, end
    record.day = start.astimezone(tz).date()
    record.rate = rate
    record.recorded_by = actor if actor is not None and actor.is_authenticated else None
    record.note = note
    _price(
        record,
        tariff_for(instrument=instrument, category=booking.category, day=record.day),
        _hours(start, end, instrument.slot_minutes),
    )
    record.save()
    if before is None:
        audit.record_create(actor=actor, obj=record, action=f"platforms.usage.{kind}")
    else:
        audit.record_update(actor=actor, obj=record, action=f"platforms.usage.{kind}", before=before)
    return record


def charge_cancellation(*, actor, booking: Booking) -> UsageRecord | None:
    platform = booking.instrument.platform
    if not platform.late_cancellation_charge or booking.organisation_id is None:
        return None
    return _charge(
        actor=actor,
        booking=booking,
        kind=UsageKind.LATE_CANCELLATION,
        start=booking.start,
        end=booking.end,
        rate=platform.late_cancellation_charge,
    )


def _may_act(actor, booking: Booking) -> None:
    if actor.pk != booking.user_id and not manages(actor, booking.instrument):
        raise PermissionDenied


@transaction.atomic
def check_in(*, actor, booking: Booking) -> Booking:
    """The user (or a manager, or the kiosk) says the use has begun."""
    booking = Booking.objects.select_for_update().select_related("instrument__platform").get(pk=booking.pk)
    _may_act(actor, booking)
    now = timezone.now()
    if booking.kind != BookingKind.BOOKING or booking.status != BookingStatus.CONFIRMED:
        raise fail("status", _("Only a confirmed booking can be checked in."), "status")
    if now < booking.start - EARLY_CHECK_IN:
        raise fail(
            "start",
            _("Too early: check-in opens %(minutes)s minutes before the start.")
            % {"minutes": int(EARLY_CHECK_IN.total_seconds() // 60)},
            "too_early",
        )
    if now >= booking.end:
        raise fail("end", _("This booking is over."), "over")
    before = audit.snapshot(booking)
    booking.status = BookingStatus.CHECKED_IN
    booking.checked_in_at = now
    booking.save(update_fields=["status", "checked_in_at", "updated_at"])
    audit.record_update(actor=actor, obj=booking, action="platforms.booking.checked_in", before=before)
    return booking


@transaction.atomic
def check_out(*, actor, booking: Booking) -> UsageRecord:
    """The use ends: it is recorded, from check-in to now, at the tariff of the user's category."""
    booking = Booking.objects.select_for_update().select_related("instrument__platform").get(pk=booking.pk)
    _may_act(actor, booking)
    if booking.status != BookingStatus.CHECKED_IN:
        raise fail("status", _("Check in first."), "status")
    now = timezone.now()
    before = audit.snapshot(booking)
    booking.status = BookingStatus.COMPLETED
    booking.checked_out_at = now
    booking.save(update_fields=["status", "checked_out_at", "updated_at"])
    audit.record_update(actor=actor, obj=booking, action="platforms.booking.checked_out", before=before)
    started = booking.checked_in_at or booking.start
    return _charge(
        actor=actor,
        booking=booking,
        kind=UsageKind.USE,
        start=started,
        end=max(now, started + timedelta(minutes=1)),
        rate=100,
    )


@transaction.atomic
def record_use(*, actor, booking: Booking, start: datetime, end: datetime, note: str = "") -> UsageRecord:
    """A manager records (or corrects) the actual use of a booking."""
    booking = Booking.objects.select_for_update().select_related("instrument__platform").get(pk=booking.pk)
    if not manages(actor, booking.instrument):
        raise PermissionDenied
    start, end = timeutils.utc(start), timeutils.utc(end)
    if end <= start:
        raise fail("end", _("The use must end after it starts."), "ends_before_start")
    if end > timezone.now() + timedelta(minutes=1):
        raise fail("end", _("Record a use once it has happened."), "future")
    if booking.kind != BookingKind.BOOKING or booking.organisation_id is None:
        raise fail("booking", _("Maintenance is not charged."), "maintenance")
    if booking.status not in (
        BookingStatus.CONFIRMED,
        BookingStatus.CHECKED_IN,
        BookingStatus.COMPLETED,
        BookingStatus.RELEASED,
    ):
        raise fail("status", _("This booking was cancelled or declined."), "status")
    before = audit.snapshot(booking)
    booking.checked_in_at = booking.checked_in_at or start
    booking.checked_out_at = end
    booking.status = BookingStatus.COMPLETED if booking.status != BookingStatus.RELEASED else booking.status
    booking.save(update_fields=["status", "checked_in_at", "checked_out_at", "updated_at"])
    audit.record_update(actor=actor, obj=booking, action="platforms.booking.use_recorded", before=before)
    for charge in UsageRecord.objects.filter(booking=booking, kind=UsageKind.NO_SHOW, statement__isnull=True):
        # It was used after all: the no-show charge gives way to the use.
        audit.record_delete(actor=actor, obj=charge, action="platforms.usage.no_show_withdrawn")
        charge.delete()
    return _charge(
        actor=actor, booking=booking, kind=UsageKind.USE, start=start, end=end, rate=100, note=note
    )


@transaction.atomic
def record_walk_in(
    *, actor, instrument: Instrument, user, start: datetime, end: datetime, organisation=None, note: str = ""
) -> UsageRecord:
    """A manager records a use that had no booking: it enters the calendar as a completed booking."""
    from .booking import _save

    if not manages(actor, instrument):
        raise PermissionDenied
    start, end = timeutils.utc(start), timeutils.utc(end)
    if end <= start:
        raise fail("end", _("The use must end after it starts."), "ends_before_start")
    organisation, category = _billing(instrument, user, organisation)
    booking = Booking(
        instrument=instrument,
        user=user,
        created_by=actor,
        status=BookingStatus.COMPLETED,
        start=start,
        end=end,
        blocked_until=end,
        organisation=organisation,
        category=category,
        checked_in_at=start,
        checked_out_at=end,
        purpose=note,
    )
    _save(booking)
    audit.record_create(actor=actor, obj=booking, action="platforms.booking.walk_in")
    return _charge(
        actor=actor, booking=booking, kind=UsageKind.USE, start=start, end=end, rate=100, note=note
    )


@transaction.atomic
def release_no_shows(*, actor=None, now: datetime | None = None) -> list[Booking]:
    """Release confirmed bookings not checked in within the platform's deadline, and charge them.

    The rest of the slot goes back to the calendar and the waiting list is told. Resources used
    without checking in (rooms: `Instrument.requires_check_in` off) are never released.
    """
    now = now or timezone.now()
    candidates = (
        Booking.objects.select_for_update()
        .filter(
            kind=BookingKind.BOOKING,
            instrument__requires_check_in=True,
            status=BookingStatus.CONFIRMED,
            start__lte=now,
            start__gt=now - timedelta(days=32),
        )
        .select_related("instrument__platform")
    )
    released = []
    for booking in candidates:
        platform = booking.instrument.platform
        if booking.start + timedelta(minutes=platform.no_show_minutes) > now:
            continue
        before = audit.snapshot(booking)
        booking.status = BookingStatus.RELEASED
        booking.save(update_fields=["status", "updated_at"])
        audit.record_update(actor=actor, obj=booking, action="platforms.booking.released", before=before)
        if platform.no_show_charge and booking.organisation_id:
            _charge(
                actor=actor,
                booking=booking,
                kind=UsageKind.NO_SHOW,
                start=booking.start,
                end=booking.end,
                rate=platform.no_show_charge,
            )
        notifications.booking_released(booking)
        if booking.end > now:
            notifications.slot_freed(booking.instrument, now, booking.end)
        released.append(booking)
    return released


@transaction.atomic
def send_reminders(*, now: datetime | None = None, ahead: timedelta = timedelta(hours=24)) -> int:
    """Remind everyone whose confirmed booking starts within `ahead`, once."""
    now = now or timezone.now()
    due = list(
        Booking.objects.select_for_update().filter(
            kind=BookingKind.BOOKING,
            status=BookingStatus.CONFIRMED,
            reminded_at__isnull=True,
            start__gt=now,
            start__lte=now + ahead,
        )
    )
    for booking in due:
        notifications.booking_reminder(booking)
    Booking.objects.filter(pk__in=[b.pk for b in due]).update(reminded_at=now)
    return len(due)
