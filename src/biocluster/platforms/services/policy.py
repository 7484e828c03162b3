"""The rules a booking must follow, each failure a ValidationError with a field, a code and a clear message.

Codes let the API choose its status: `conflict` (and `own_booking`) is a 409, `not_qualified` a
403, the others a 400. `SKIPPABLE` failures of one occurrence can be skipped
in a recurring booking (the date is taken, closed or out of order); the
others stop it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import timeutils
from ..limits import MAX_BLOCK_MINUTES
from ..models import Booking, BookingKind, Closure, Instrument, Outage, OutageKind, Qualification

CONFLICT = "conflict"
OWN_BOOKING = "own_booking"  # the slot is taken by the person's own booking
TAKEN = {CONFLICT, OWN_BOOKING}
NOT_QUALIFIED = "not_qualified"
SKIPPABLE = {*TAKEN, "closed_day", "closed_hours", "down"}


def fail(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def error_code(error: ValidationError) -> str | None:
    """The code of the first message of a ValidationError raised by `fail`."""
    for errors in getattr(error, "error_dict", {"": getattr(error, "error_list", [error])}).values():
        for item in errors:
            if item.code:
                return item.code
    return None


@dataclass
class Request:
    """What is being checked: one booking (or one occurrence) as it would be stored."""

    instrument: Instrument
    user: object
    start: datetime
    end: datetime
    privileged: bool  # booked by a manager of the platform: no horizon, no weekly cap
    exclude: tuple[int, ...] = ()

    @property
    def blocked_until(self) -> datetime:
        return self.end + timedelta(minutes=self.instrument.buffer_minutes)


def check_times(request: Request) -> None:
    """The checks that need no other booking: shape, horizon, hours, closures, outages, training."""
    instrument, start, end = request.instrument, request.start, request.end
    tz = instrument.platform.tz
    now = timezone.now()
    if end <= start:
        raise fail("end", _("The booking must end after it starts."), "ends_before_start")
    if start < now:
        raise fail("start", _("This time has passed: a booking starts in the future."), "past")
    check_active(instrument)
    check_steps(instrument, start, end)
    minutes = (end - start).total_seconds() / 60
    if minutes < instrument.min_minutes:
        raise fail(
            "end",
            _("Too short: a booking of %(instrument)s lasts at least %(minutes)s minutes.")
            % {"instrument": instrument, "minutes": instrument.min_minutes},
            "too_short",
        )
    if minutes > instrument.max_minutes:
        raise fail(
            "end",
            _("Too long: a booking of %(instrument)s lasts at most %(hours)s.")
            % {"instrument": instrument, "hours": _duration(instrument.max_minutes)},
            "too_long",
        )
    horizon = now + timedelta(days=instrument.max_days_ahead)
    if start > horizon and not request.privileged:
        raise fail(
            "start",
            _("Too far ahead: %(instrument)s can be booked at most %(days)s days ahead, until %(date)s.")
            % {
                "instrument": instrument,
                "days": instrument.max_days_ahead,
                "date": timeutils.date_text(horizon.astimezone(tz).date()),
            },
            "too_far_ahead",
        )
    check_hours(request)
    check_closures(request)
    check_outages(request)
    check_qualification(request)


def check_active(instrument: Instrument) -> None:
    if not instrument.is_active:
        raise fail(
            "instrument",
            _("%(instrument)s cannot be booked at the moment.") % {"instrument": instrument},
            "inactive",
        )


def check_hours(request: Request) -> None:
    instrument = request.instrument
    hours = list(instrument.opening_hours.all())
    if not timeutils.is_open(hours, request.start, request.end, instrument.platform.tz):
        raise fail(
            "start",
            _("Outside opening hours: %(instrument)s can be booked %(hours)s.")
            % {"instrument": instrument, "hours": timeutils.describe_hours(hours)},
            "closed_hours",
        )


def check_steps(instrument: Instrument, start: datetime, end: datetime) -> None:
    """Bookings start and end on the instrument's steps; a refusal names the two nearest."""
    slot, tz = instrument.slot_minutes, instrument.platform.tz
    for name, moment in (("start", start), ("end", end)):
        if timeutils.on_slot(moment, slot, tz):
            continue
        before, after = timeutils.nearest_steps(moment, slot, tz)
        raise fail(
            name,
            _(
                "Bookings of %(instrument)s start and end on %(slot)s-minute steps: "
                "instead of %(time)s, choose %(before)s or %(after)s."
            )
            % {
                "instrument": instrument,
                "slot": slot,
                "time": f"{moment.astimezone(tz):%H:%M}",
                "before": before,
                "after": after,
            },
            "slot",
        )


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if rest:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}
    return _("%(hours)s hours") % {"hours": hours}


def check_closures(request: Request) -> None:
    tz = request.instrument.platform.tz
    days = list(timeutils.days_between(request.start, request.end, tz))
    closure = (
        Closure.objects.filter(
            platform_id=request.instrument.platform_id, start_date__lte=days[-1], end_date__gte=days[0]
        )
        .filter(Q(instrument__isnull=True) | Q(instrument_id=request.instrument.pk))
        .order_by("start_date")
        .first()
    )
    if closure is not None:
        day = max(closure.start_date, days[0])
        message = _("Closed on %(date)s") % {"date": timeutils.date_text(day)}
        if closure.reason:
            message += f" ({closure.reason})"
        raise fail("start", message + ".", "closed_day")


def check_outages(request: Request) -> None:
    outage = (
        Outage.objects.filter(
            instrument_id=request.instrument.pk, kind=OutageKind.BREAKDOWN, resolved_at__isnull=True
        )
        .filter(Q(expected_end__isnull=True) | Q(expected_end__gt=request.start))
        .order_by("start")
        .first()
    )
    if outage is None:
        return
    tz = request.instrument.platform.tz
    if outage.expected_end is None:
        message = _("%(instrument)s is out of order until further notice.") % {
            "instrument": request.instrument
        }
    else:
        message = _("%(instrument)s is out of order until %(when)s.") % {
            "instrument": request.instrument,
            "when": timeutils.moment_text(outage.expected_end, tz),
        }
    raise fail("start", message, "down")


def check_qualification(request: Request) -> None:
    instrument = request.instrument
    if not instrument.requires_qualification:
        return
    tz = instrument.platform.tz
    first = request.start.astimezone(tz).date()
    last = (request.end - timedelta(microseconds=1)).astimezone(tz).date()
    qualified = Qualification.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=last),
        instrument=instrument,
        user=request.user,
        qualified_on__lte=first,
    ).exists()
    if not qualified:
        expired = (
            Qualification.objects.filter(instrument=instrument, user=request.user)
            .order_by("-expires_on")
            .first()
        )
        if expired is not None and expired.expires_on is not None and expired.expires_on < last:
            message = _(
                "The training on %(instrument)s expired on %(date)s: ask the platform to renew it."
            ) % {
                "instrument": instrument,
                "date": timeutils.date_text(expired.expires_on),
            }
        else:
            message = _("Only trained people may book %(instrument)s: ask the platform for the training.") % {
                "instrument": instrument
            }
        raise fail("instrument", message, NOT_QUALIFIED)


def check_weekly_cap(request: Request) -> None:
    instrument = request.instrument
    if instrument.weekly_cap_hours is None or request.privileged:
        return
    monday, next_monday = timeutils.week_of(request.start, instrument.platform.tz)
    taken = (
        Booking.objects.active()
        .filter(
            instrument=instrument,
            user=request.user,
            kind=BookingKind.BOOKING,
            start__gte=monday,
            start__lt=next_monday,
        )
        .exclude(pk__in=request.exclude)
        .values_list("start", "end")
    )
    hours = sum((end - start).total_seconds() for start, end in taken) / 3600
    wanted = (request.end - request.start).total_seconds() / 3600
    if hours + wanted > instrument.weekly_cap_hours:
        raise fail(
            "end",
            _(
                "Weekly cap reached: %(instrument)s is limited to %(cap)s hours per person per week, "
                "and %(taken)s hours are already booked that week."
            )
            % {"instrument": instrument, "cap": instrument.weekly_cap_hours, "taken": f"{hours:g}"},
            "weekly_cap",
        )


def find_conflict(
    instrument: Instrument, start: datetime, blocked_until: datetime, exclude=()
) -> Booking | None:
    return (
        Booking.objects.active()
        .overlapping(instrument.pk, start, blocked_until)
        .exclude(pk__in=exclude)
        .order_by("start")
        .first()
    )


def conflict_error(instrument: Instrument, other: Booking | None, user=None) -> ValidationError:
    """The slot is taken: say by what (a booking, a maintenance, an event's session), and when, in
    the platform's time. The booking in the way is in the error's params (`in_the_way`).

    Taken by the person's own booking, the error says so (code `OWN_BOOKING`) and carries the
    booking's id in its params (`own_booking`): waiting for one's own slot to free makes no sense.
    """
    if other is None:
        return fail("start", _("This slot has just been taken: choose another time."), CONFLICT)
    tz = instrument.platform.tz
    # The message stays a template with its params (rendered when read): a session's title
    # may hold a "%".
    params = {
        "instrument": str(instrument),
        "when": timeutils.when(other.start, other.end, tz),
        "booking": other.pk,
        "session": other.purpose,
        "minutes": instrument.buffer_minutes,
    }
    if user is not None and other.user_id == user.pk and other.kind == BookingKind.BOOKING:
        message = _(
            "You have already booked %(instrument)s %(when)s: change that booking rather than booking again."
        )
        return ValidationError({"start": [ValidationError(message, code=OWN_BOOKING, params=params)]})
    if other.kind == BookingKind.MAINTENANCE:
        message = _("This slot is taken: %(instrument)s is under maintenance %(when)s.")
    elif other.kind == BookingKind.EVENT:
        message = _(
            "This slot is taken: %(instrument)s is held for the event session “%(session)s” %(when)s."
        )
    else:
        message = _("This slot is taken: %(instrument)s is booked %(when)s.")
    if instrument.buffer_minutes:
        message += " " + _("%(minutes)s minutes are kept free after each booking.")
    return ValidationError({"start": [ValidationError(message, code=CONFLICT, params=params)]})


def check_conflict(request: Request) -> None:
    other = find_conflict(request.instrument, request.start, request.blocked_until, request.exclude)
    if other is not None:
        raise conflict_error(request.instrument, other, request.user)


def own_booking(error: ValidationError) -> int | None:
    """The id of the person's own booking in the way, when that is why `error` was raised."""
    for errors in getattr(error, "error_dict", {"": getattr(error, "error_list", [error])}).values():
        for item in errors:
            if item.code == OWN_BOOKING:
                return item.params["booking"]
    return None


def in_the_way(error: ValidationError) -> int | None:
    """The id of the booking in the way (anyone's), when a taken slot is why `error` was raised."""
    for errors in getattr(error, "error_dict", {"": getattr(error, "error_list", [error])}).values():
        for item in errors:
            if item.code in TAKEN and item.params:
                return item.params.get("booking")
    return None


def check_approvable(request: Request) -> None:
    """A request checked again when a manager approves it: what may have changed since it was made
    (the instrument withdrawn, its hours, a closure, a breakdown, the person's training, the calendar).
    Its shape, horizon and weekly cap were checked when it was made and stay as they were."""
    check_active(request.instrument)
    check_hours(request)
    check_closures(request)
    check_outages(request)
    check_qualification(request)
    check_conflict(request)


def check(request: Request) -> None:
    """Every rule, cheapest first; the conflict check last (the database makes it final)."""
    check_times(request)
    if (request.blocked_until - request.start) > timedelta(minutes=MAX_BLOCK_MINUTES):
        raise fail("end", _("Too long: no booking blocks an instrument for more than 31 days."), "too_long")
    check_weekly_cap(request)
    check_conflict(request)
