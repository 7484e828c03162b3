"""Booking an instrument: one slot or a series, changes, approval, cancellation.

Every write checks the rules (`policy`) and then relies on the database to
refuse an overlap that slipped in between the check and the insert (see
`constraints.py`): `_save` turns that refusal into the same clear message.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit import services as audit

from .. import notifications, timeutils
from ..categories import billable_organisations, category_of
from ..constraints import GUARANTEE, is_overlap_error
from ..limits import MAX_BULK_DECISIONS, MAX_OCCURRENCES
from ..models import (
    ACTIVE_STATUSES,
    Booking,
    BookingKind,
    BookingSeries,
    BookingStatus,
    Frequency,
    Instrument,
)
from ..querysets import is_platform_staff, managed_platform_ids
from . import policy
from .policy import CONFLICT, SKIPPABLE, fail


def manages(user, instrument: Instrument) -> bool:
    return bool(user and user.is_authenticated) and (
        is_platform_staff(user) or instrument.platform_id in managed_platform_ids(user)
    )


def _save(booking: Booking, *, update_fields=None) -> None:
    """Write the row in a savepoint; an overlap refused by the database becomes a ValidationError."""

    # Only an active row can overlap: a cancellation never waits for the instrument's writers.
    queue = [booking.instrument_id] if booking.status in ACTIVE_STATUSES else []
    try:
        GUARANTEE.write(lambda: booking.save(update_fields=update_fields), resources=queue)
    except IntegrityError as error:
        if not is_overlap_error(error):
            raise
        other = policy.find_conflict(
            booking.instrument, booking.start, booking.blocked_until, exclude=[booking.pk]
        )
        raise policy.conflict_error(booking.instrument, other, booking.user) from error


def _billing(instrument: Instrument, user, organisation) -> tuple:
    choices = billable_organisations(user)
    if organisation is None:
        if not choices:
            raise fail(
                "organisation",
                _(
                    "%(user)s is not linked to any organisation in the directory, so the booking "
                    "cannot be billed: ask the platform manager."
                )
                % {"user": user},
                "no_organisation",
            )
        organisation = choices[0]
    elif organisation.pk not in {o.pk for o in choices}:
        raise fail(
            "organisation",
            _("%(user)s cannot charge bookings to %(organisation)s.")
            % {"user": user, "organisation": organisation},
            "organisation",
        )
    return organisation, category_of(instrument.platform, organisation)


def _for_whom(actor, instrument: Instrument, user):
    """Who the booking is for: the actor, or someone else when a manager books on their behalf."""
    if user is None or user.pk == actor.pk:
        return actor
    if not manages(actor, instrument):
        raise PermissionDenied(_("Only the platform's managers book on someone else's behalf."))
    return user


def _new_booking(
    *, actor, instrument, user, start, end, purpose, organisation, category, series=None
) -> Booking:
    privileged = manages(actor, instrument)
    status = (
        BookingStatus.REQUESTED
        if instrument.requires_approval and not privileged
        else BookingStatus.CONFIRMED
    )
    return Booking(
        instrument=instrument,
        user=user,
        created_by=actor,
        kind=BookingKind.BOOKING,
        status=status,
        start=start,
        end=end,
        blocked_until=end + timedelta(minutes=instrument.buffer_minutes),
        series=series,
        purpose=purpose,
        organisation=organisation,
        category=category,
    )


def _request(actor, instrument, user, start, end, exclude=()) -> policy.Request:
    return policy.Request(
        instrument=instrument,
        user=user,
        start=start,
        end=end,
        privileged=manages(actor, instrument),
        exclude=exclude,
    )


def _created(actor, booking: Booking) -> None:
    audit.record_create(actor=actor, obj=booking, action="platforms.booking.created")


@transaction.atomic
def create_booking(
    *,
    actor,
    instrument: Instrument,
    start: datetime,
    end: datetime,
    user=None,
    purpose: str = "",
    organisation=None,
) -> Booking:
    """Book `instrument` from `start` to `end` for the actor (or, by a manager, for `user`)."""
    start, end = timeutils.utc(start), timeutils.utc(end)
    user = _for_whom(actor, instrument, user)
    policy.check(_request(actor, instrument, user, start, end))
    organisation, category = _billing(instrument, user, organisation)
    booking = _new_booking(
        actor=actor,
        instrument=instrument,
        user=user,
        start=start,
        end=end,
        purpose=purpose,
        organisation=organisation,
        category=category,
    )
    _save(booking)
    _created(actor, booking)
    notifications.booking_created(booking)
    return booking


@dataclass
class Skipped:
    start: datetime
    end: datetime
    reason: str


@dataclass
class SeriesResult:
    series: BookingSeries
    bookings: list[Booking] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def occurrence_dates(
    first: date, frequency: str, interval: int, count: int | None, until: date | None
) -> list[date]:
    """The local dates of a series; one more than MAX_OCCURRENCES says that there are too many."""
    step = timedelta(days=interval * (7 if frequency == Frequency.WEEKLY else 1))
    dates = []
    day = first
    while (
        len(dates) <= MAX_OCCURRENCES
        and (count is None or len(dates) < count)
        and (until is None or day <= until)
    ):
        dates.append(day)
        day += step
    return dates


@transaction.atomic
def create_series(
    *,
    actor,
    instrument: Instrument,
    start: datetime,
    end: datetime,
    frequency: str,
    interval: int = 1,
    count: int | None = None,
    until: date | None = None,
    user=None,
    purpose: str = "",
    organisation=None,
    skip_conflicts: bool = False,
) -> SeriesResult:
    """A recurring booking: one row per occurrence, at the same wall-clock times in the platform's zone.

    Occurrences whose date is taken, closed or out of order are skipped and
    listed when `skip_conflicts` is set; otherwise nothing is booked and the
    error lists them all. Any other rule failure stops the whole series.
    """
    if count is None and until is None:
        raise fail("count", _("Say how many times the booking repeats, or until when."), "recurrence")
    if frequency not in Frequency.values:
        raise fail("frequency", _("Repeat every day or every week."), "recurrence")
    if not 1 <= interval <= 12:
        raise fail("interval", _("Repeat every 1 to 12 days or weeks."), "recurrence")
    if (count is not None and not 1 <= count <= MAX_OCCURRENCES) or (count is None and until is None):
        raise fail(
            "count",
            _("A series has 1 to %(max)s occurrences.") % {"max": MAX_OCCURRENCES},
            "recurrence",
        )
    user = _for_whom(actor, instrument, user)
    start, end = timeutils.utc(start), timeutils.utc(end)
    tz = instrument.platform.tz
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    if end <= start:
        raise fail("end", _("The booking must end after it starts."), "ends_before_start")
    if end - start > timedelta(days=1) or (local_end.date() - local_start.date()).days > 1:
        raise fail("end", _("A repeated booking lasts less than a day."), "recurrence")
    dates = occurrence_dates(local_start.date(), frequency, interval, count, until)
    if not dates:
        raise fail("until", _("The repetition ends before the first date."), "recurrence")
    if len(dates) > MAX_OCCURRENCES:
        raise fail(
            "until",
            _("A series has at most %(max)s occurrences: choose an earlier end.") % {"max": MAX_OCCURRENCES},
            "recurrence",
        )
    organisation, category = _billing(instrument, user, organisation)
    series = BookingSeries.objects.create(
        instrument=instrument,
        user=user,
        created_by=actor,
        frequency=frequency,
        interval=interval,
        first_date=dates[0],
        count=len(dates),
        local_start=local_start.time(),
        local_end=local_end.time(),
    )
    result = SeriesResult(series=series)
    refused: list[tuple[datetime, datetime, ValidationError]] = []
    for day in dates:
        begins, ends = timeutils.local_range(day, series.local_start, series.local_end, tz)
        booking = _new_booking(
            actor=actor,
            instrument=instrument,
            user=user,
            start=begins,
            end=ends,
            purpose=purpose,
            organisation=organisation,
            category=category,
            series=series,
        )
        try:
            policy.check(_request(actor, instrument, user, begins, ends))
            _save(booking)
        except ValidationError as error:
            if policy.error_code(error) not in SKIPPABLE:
                raise _on_date(error, begins, tz) from error
            refused.append((begins, ends, error))
            continue
        result.bookings.append(booking)
    if refused and not skip_conflicts:
        raise fail(
            "start",
            _(
                "These dates are not free: %(dates)s. Choose “skip the dates that are not free” to book the others."
            )
            % {"dates": "; ".join(_reason(error) for _b, _e, error in refused)},
            CONFLICT,
        )
    if not result.bookings:
        raise fail("start", _("None of the dates is free: nothing was booked."), CONFLICT)
    result.skipped = [Skipped(begins, ends, _reason(error)) for begins, ends, error in refused]
    series.skipped = [
        {"start": s.start.isoformat(), "end": s.end.isoformat(), "reason": s.reason} for s in result.skipped
    ]
    series.save(update_fields=["skipped"])
    audit.record_create(
        actor=actor,
        obj=series,
        action="platforms.series.created",
        data={
            "times": f"{series.local_start:%H:%M}\u2013{series.local_end:%H:%M}",
            "bookings": [b.pk for b in result.bookings],
            "skipped": series.skipped,
        },
    )
    for booking in result.bookings:
        _created(actor, booking)
    notifications.series_created(series, result.bookings)
    return result


def _reason(error: ValidationError) -> str:
    return " ".join(error.messages)


def _on_date(error: ValidationError, start: datetime, tz) -> ValidationError:
    """The same error, saying which occurrence it is about."""
    prefix = timeutils.date_text(start.astimezone(tz).date())
    fields = error.error_dict if hasattr(error, "error_dict") else {"start": error.error_list}
    return ValidationError(
        {
            name: [
                ValidationError(f"{prefix}: {item.message % (item.params or {})}", code=item.code)
                for item in items
            ]
            for name, items in fields.items()
        }
    )


def _changeable(actor, booking: Booking) -> None:
    if booking.status not in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED):
        raise fail("status", _("Only a booking not yet used can be changed."), "status")
    if booking.start <= timezone.now() and not manages(actor, booking.instrument):
        raise fail("start", _("This booking has started: ask the platform manager to change it."), "past")


@transaction.atomic
def update_booking(
    *, actor, booking: Booking, start: datetime, end: datetime, purpose: str | None = None
) -> Booking:
    """Move or resize one booking (one occurrence of a series stays in its series)."""
    start, end = timeutils.utc(start), timeutils.utc(end)
    booking = Booking.objects.select_for_update().select_related("instrument__platform").get(pk=booking.pk)
    _changeable(actor, booking)
    before = audit.snapshot(booking)
    policy.check(_request(actor, booking.instrument, booking.user, start, end, exclude=(booking.pk,)))
    freed = (booking.start, booking.end)
    booking.start, booking.end = start, end
    booking.blocked_until = end + timedelta(minutes=booking.instrument.buffer_minutes)
    if purpose is not None:
        booking.purpose = purpose
    _save(booking)
    audit.record_update(actor=actor, obj=booking, action="platforms.booking.moved", before=before)
    notifications.slot_freed(booking.instrument, *freed)
    return booking


@transaction.atomic
def update_following(*, actor, booking: Booking, start: datetime, end: datetime) -> list[Booking]:
    """Move this occurrence and the rest of its series to new wall-clock times, all or nothing."""
    if booking.series_id is None:
        return [update_booking(actor=actor, booking=booking, start=start, end=end)]
    start, end = timeutils.utc(start), timeutils.utc(end)
    instrument = booking.instrument
    tz = instrument.platform.tz
    shift_days = (start.astimezone(tz).date() - booking.start.astimezone(tz).date()).days
    new_start, new_end = start.astimezone(tz).time(), end.astimezone(tz).time()
    if end <= start:
        raise fail("end", _("The booking must end after it starts."), "ends_before_start")
    occurrences = list(
        Booking.objects.select_for_update()
        .filter(series_id=booking.series_id, start__gte=booking.start, status__in=ACTIVE_STATUSES)
        .order_by("start")
    )
    for occurrence in occurrences:
        _changeable(actor, occurrence)
    moving = tuple(o.pk for o in occurrences)
    plans = []
    for occurrence in occurrences:
        day = occurrence.start.astimezone(tz).date() + timedelta(days=shift_days)
        begins, ends = timeutils.local_range(day, new_start, new_end, tz)
        try:
            policy.check(_request(actor, instrument, occurrence.user, begins, ends, exclude=moving))
        except ValidationError as error:
            raise _on_date(error, begins, tz) from error
        plans.append((occurrence, begins, ends))
    # Write in the direction of the move, so that no occurrence lands, even for a moment,
    # on a sibling that has not moved yet (the database would refuse it).
    later = plans and plans[0][1] > plans[0][0].start
    for occurrence, begins, ends in sorted(plans, key=lambda p: p[1], reverse=bool(later)):
        before = audit.snapshot(occurrence)
        occurrence.start, occurrence.end = begins, ends
        occurrence.blocked_until = ends + timedelta(minutes=instrument.buffer_minutes)
        _save(occurrence)
        audit.record_update(actor=actor, obj=occurrence, action="platforms.booking.moved", before=before)
    return [plan[0] for plan in plans]


@transaction.atomic
def decide_booking(*, actor, booking: Booking, approve: bool, reason: str = "") -> Booking:
    """A manager approves or declines a booking that awaits approval.

    An approval checks the request again against what may have changed since it was made
    (`policy.check_approvable`): a closure, a breakdown, an expired training... refuse it.
    """
    booking = Booking.objects.select_for_update().select_related("instrument__platform").get(pk=booking.pk)
    if not manages(actor, booking.instrument):
        raise PermissionDenied
    if booking.status != BookingStatus.REQUESTED:
        raise fail("status", _("This booking is not awaiting approval."), "status")
    if approve:
        policy.check_approvable(
            _request(
                actor, booking.instrument, booking.user, booking.start, booking.end, exclude=(booking.pk,)
            )
        )
    before = audit.snapshot(booking)
    booking.status = BookingStatus.CONFIRMED if approve else BookingStatus.REJECTED
    booking.decided_by = actor
    if not approve:
        booking.cancel_reason = reason
    booking.save(update_fields=["status", "decided_by", "cancel_reason", "updated_at"])
    action = "platforms.booking.approved" if approve else "platforms.booking.declined"
    audit.record_update(actor=actor, obj=booking, action=action, before=before)
    notifications.booking_decided(booking)
    if not approve:
        notifications.slot_freed(booking.instrument, booking.start, booking.end)
    return booking


@dataclass
class Unchanged:
    """A booking a bulk decision left as it was, and why."""

    booking: Booking
    reason: str


@dataclass
class BulkDecision:
    decided: list[Booking] = field(default_factory=list)
    unchanged: list[Unchanged] = field(default_factory=list)


@transaction.atomic
def decide_bookings(*, actor, bookings: list[Booking], approve: bool, reason: str = "") -> BulkDecision:
    """Approve (or decline) several requests at once, one at a time through `decide_booking`.

    Permission is all or nothing: a single booking the actor may not decide refuses the whole
    (PermissionDenied, nothing changes). The rules are per booking: one that no longer passes
    them (or no longer awaits approval) stays as it was, reported with the reason, and the
    others are decided, each in its own savepoint and with its own audit record and e-mail.
    """
    if not bookings:
        raise fail("bookings", _("Choose at least one booking."), "empty")
    if len(bookings) > MAX_BULK_DECISIONS:
        raise fail(
            "bookings",
            _("At most %(count)s bookings at once.") % {"count": MAX_BULK_DECISIONS},
            "too_many",
        )
    for booking in bookings:
        if not manages(actor, booking.instrument):
            raise PermissionDenied
    result = BulkDecision()
    for booking in sorted(bookings, key=lambda b: (b.start, b.pk)):
        try:
            result.decided.append(
                decide_booking(actor=actor, booking=booking, approve=approve, reason=reason)
            )
        except ValidationError as error:
            result.unchanged.append(Unchanged(booking, _reason(error)))
    return result


@transaction.atomic
def cancel_booking(*, actor, booking: Booking, reason: str = "", following: bool = False) -> list[Booking]:
    """Cancel a booking (and, with `following`, the rest of its series); a late cancellation is charged.

    Late means within the platform's notice period before the start, when the
    booker cancels; a manager's cancellation is never charged.
    """
    from .usage import charge_cancellation

    booking = Booking.objects.select_for_update().select_related("instrument__platform").get(pk=booking.pk)
    if booking.status not in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED):
        raise fail("status", _("Only a booking not yet used can be cancelled."), "status")
    privileged = manages(actor, booking.instrument)
    now = timezone.now()
    if booking.start <= now and not privileged:
        raise fail("start", _("This booking has started: check in, or ask the platform manager."), "past")
    targets = [booking]
    if following and booking.series_id:
        targets += list(
            Booking.objects.select_for_update()
            .filter(
                series_id=booking.series_id,
                start__gt=booking.start,
                status__in=(BookingStatus.REQUESTED, BookingStatus.CONFIRMED),
            )
            .order_by("start")
        )
    platform = booking.instrument.platform
    for target in targets:
        before = audit.snapshot(target)
        target.status = BookingStatus.CANCELLED
        target.cancelled_at = now
        target.cancelled_by = actor
        target.cancel_reason = reason
        target.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])
        late = (
            not privileged
            and target.kind == BookingKind.BOOKING
            and before["status"] == BookingStatus.CONFIRMED
            and target.start - now < timedelta(hours=platform.cancellation_notice_hours)
        )
        audit.record_update(
            actor=actor, obj=target, action="platforms.booking.cancelled", before=before, data={"late": late}
        )
        if late:
            charge_cancellation(actor=actor, booking=target)
        if actor.pk != target.user_id:
            notifications.booking_cancelled(target)
        notifications.slot_freed(target.instrument, target.start, target.end)
    return targets
