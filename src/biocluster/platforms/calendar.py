"""The day and week grids of the calendar pages, built from one query per view.

A grid is a table: one row per slot of wall-clock time in the platform's zone,
one column per day (instrument view) or per instrument (platform day view).
A booking is one cell spanning its rows (`rowspan`): no inline style is
needed, which the content security policy forbids, and bookings never
overlap, so one column is enough.
"""

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from . import timeutils
from .models import Booking, Closure, Instrument, Outage, OutageKind

DEFAULT_FIRST, DEFAULT_LAST = 8 * 60, 20 * 60


@dataclass(slots=True)
class Cell:
    kind: str  # free, closed, past, booking, buffer, covered
    start: datetime | None = None
    end: datetime | None = None
    rowspan: int = 1
    booking: Booking | None = None
    label: str = ""
    mine: bool = False
    instrument_id: int | None = None
    # Local wall-clock strings, computed once here rather than by a filter in every cell.
    day: str = ""
    clock: str = ""
    end_clock: str = ""
    span: str = ""
    book_url: str = ""

    @property
    def is_shown(self) -> bool:
        return self.kind != "covered"


@dataclass
class Column:
    key: str
    title: str
    day: date
    instrument: Instrument
    cells: list[Cell] = field(default_factory=list)
    closed_reason: str = ""


@dataclass
class Grid:
    times: list[str]
    columns: list[Column]
    slot_minutes: int

    @property
    def rows(self):
        """Row by row for the template: (time label, [cells of each column])."""
        return [
            (label, [column.cells[index] for column in self.columns])
            for index, label in enumerate(self.times)
        ]


def _minutes(moment: datetime, tz) -> int:
    local = moment.astimezone(tz)
    return local.hour * 60 + local.minute


def _display_range(instruments, days: list[date], bookings) -> tuple[int, int]:
    """From the earliest opening to the latest closing (bookings outside them widen it)."""
    first, last = None, None
    for instrument in instruments:
        hours = list(instrument.opening_hours.all())
        if not hours:
            return 0, 24 * 60
        for row in hours:
            first = row.opens_minute if first is None else min(first, row.opens_minute)
            last = row.closes_minute if last is None else max(last, row.closes_minute)
    first, last = (DEFAULT_FIRST if first is None else first), (DEFAULT_LAST if last is None else last)
    for booking in bookings:
        tz = booking.instrument.platform.tz
        start, end = booking.start.astimezone(tz), booking.end.astimezone(tz)
        if start.date() in days:
            first = min(first, _minutes(booking.start, tz))
        if end.date() in days:
            last = max(last, _minutes(booking.end, tz) or 24 * 60)
    return first, last


# What a grid or a week list shows of a booking, and what `platforms.see_booker` asks.
_SHOWN = (
    "instrument_id",
    "user_id",
    "created_by_id",
    "start",
    "end",
    "blocked_until",
    "status",
    "kind",
    "user__first_name",
    "user__last_name",
    "user__email",
)


def _bookings(instruments: list[Instrument], since: datetime, until: datetime) -> list[Booking]:
    """One index range scan per instrument (see BookingQuerySet.overlapping), reading only the
    columns shown: the instrument (and its platform) is the one already at hand."""
    rows: list[Booking] = []
    for instrument in instruments:
        found = list(
            Booking.objects.active()
            .overlapping(instrument.pk, since, until)
            .select_related("user")
            .only(*_SHOWN)
            .order_by("start")
        )
        for booking in found:
            booking.instrument = instrument
        rows += found
    return rows


def _closures(instruments, first: date, last: date) -> dict:
    platform_ids = {i.platform_id for i in instruments}
    closed: dict[tuple[int, date], str] = {}
    for closure in Closure.objects.filter(
        platform_id__in=platform_ids, start_date__lte=last, end_date__gte=first
    ):
        day = max(closure.start_date, first)
        while day <= min(closure.end_date, last):
            for instrument in instruments:
                if (
                    closure.instrument_id in (None, instrument.pk)
                    and instrument.platform_id == closure.platform_id
                ):
                    closed[(instrument.pk, day)] = closure.reason
            day += timedelta(days=1)
    return closed


def _down_until(instruments) -> dict[int, datetime | None]:
    down = {}
    for outage in Outage.objects.filter(
        instrument__in=[i.pk for i in instruments], kind=OutageKind.BREAKDOWN, resolved_at__isnull=True
    ):
        down[outage.instrument_id] = outage.expected_end
    return down


def build(
    instruments: list[Instrument], days: list[date], *, user=None, sees_names=lambda booking: False
) -> Grid:
    """The grid for these instruments on these days: one column per (instrument, day)."""
    tz = instruments[0].platform.tz
    slot = min(i.slot_minutes for i in instruments) if len(instruments) == 1 else 30
    since = timeutils.at(days[0], timeutils.MIDNIGHT, tz)
    until = timeutils.at(days[-1] + timedelta(days=1), timeutils.MIDNIGHT, tz)
    bookings = _bookings(instruments, since, until)
    first, last = _display_range(instruments, days, bookings)
    first = first // slot * slot
    last = math.ceil(last / slot) * slot
    times = [f"{m // 60:02d}:{m % 60:02d}" for m in range(first, last, slot)]
    closed = _closures(instruments, days[0], days[-1])
    down = _down_until(instruments)
    now = timezone.now()
    minutes = range(first, last, slot)
    clocks = [f"{m // 60:02d}:{m % 60:02d}" for m in minutes]
    end_clocks = [f"{(m + slot) // 60 % 24:02d}:{(m + slot) % 60:02d}" for m in minutes]
    length = timedelta(minutes=slot)
    starts_of = {day: timeutils.slot_starts(day, minutes, tz) for day in days}
    columns = []
    for instrument in instruments:
        hours = list(instrument.opening_hours.all())
        book_url = reverse("platforms:booking_create", args=[instrument.pk])
        for day in days:
            column = Column(
                key=f"{instrument.pk}-{day.isoformat()}",
                title=instrument.name,
                day=day,
                instrument=instrument,
                closed_reason=closed.get((instrument.pk, day), ""),
            )
            open_periods = (
                timeutils.opening_intervals(hours, day - timedelta(days=1), day, tz) if hours else None
            )
            shut = (instrument.pk, day) in closed or not instrument.is_active
            down_until = down.get(instrument.pk)
            iso = day.isoformat()
            for start, clock, end_clock in zip(starts_of[day], clocks, end_clocks, strict=True):
                end = start + length
                if (
                    shut
                    or (
                        open_periods is not None and not any(b <= start and end <= e for b, e in open_periods)
                    )
                    or (instrument.pk in down and (down_until is None or start < down_until))
                ):
                    kind = "closed"
                elif start < now:
                    kind = "past"
                else:
                    kind = "free"
                column.cells.append(
                    Cell(
                        kind,
                        start,
                        end,
                        instrument_id=instrument.pk,
                        day=iso,
                        clock=clock,
                        end_clock=end_clock,
                        book_url=book_url,
                    )
                )
            columns.append(column)
    index = {(c.instrument.pk, c.day): c for c in columns}
    for booking in bookings:
        _place(booking, index, first, slot, tz, user, sees_names)
    return Grid(times=times, columns=columns, slot_minutes=slot)


def _place(booking: Booking, index: dict, first: int, slot: int, tz, user, sees_names) -> None:
    """Put a booking (and its buffer) in the columns of the days it covers."""
    for kind, begins, ends in (
        ("booking", booking.start, booking.end),
        ("buffer", booking.end, booking.blocked_until),
    ):
        if ends <= begins:
            continue
        for day in timeutils.days_between(begins, ends, tz):
            column = index.get((booking.instrument_id, day))
            if column is None:
                continue
            day_start = timeutils.at(day, timeutils.MIDNIGHT, tz)
            day_end = timeutils.at(day + timedelta(days=1), timeutils.MIDNIGHT, tz)
            start_minute = 0 if begins <= day_start else _minutes(begins, tz)
            end_minute = 24 * 60 if ends >= day_end else _minutes(ends, tz)
            top = max(0, (start_minute - first) // slot)
            bottom = min(len(column.cells), math.ceil((end_minute - first) / slot))
            if bottom <= top:
                continue
            head = column.cells[top]
            if head.kind in ("booking", "covered"):
                continue  # already drawn (a neighbouring booking rounded into the same slot)
            head.kind = kind
            head.rowspan = bottom - top
            head.booking = booking
            head.mine = user is not None and user.is_authenticated and booking.user_id == user.pk
            head.label = str(booking.user) if sees_names(booking) else ""
            local_start, local_end = booking.start.astimezone(tz), booking.end.astimezone(tz)
            head.span = f"{local_start:%H:%M}\u2013{local_end:%H:%M}"
            for cell in column.cells[top + 1 : bottom]:
                if cell.kind not in ("booking", "covered"):
                    cell.kind = "covered"
                else:
                    head.rowspan = column.cells.index(cell) - top
                    break


def week_days(day: date) -> list[date]:
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=offset) for offset in range(7)]


@dataclass
class WeekRow:
    instrument: Instrument
    days: list[list[tuple[Booking, str]]]


def week_lists(
    instruments: list[Instrument], days: list[date], *, sees_names=lambda booking: False
) -> list[WeekRow]:
    """The platform's week: one row per instrument, each day listing its bookings."""
    tz = instruments[0].platform.tz
    since = timeutils.at(days[0], timeutils.MIDNIGHT, tz)
    until = timeutils.at(days[-1] + timedelta(days=1), timeutils.MIDNIGHT, tz)
    rows = []
    for instrument in instruments:
        per_day: list[list[tuple[Booking, str]]] = [[] for _ in days]
        for booking in _bookings([instrument], since, until):
            for day in timeutils.days_between(booking.start, booking.end, tz):
                if days[0] <= day <= days[-1]:
                    per_day[(day - days[0]).days].append(
                        (booking, str(booking.user) if sees_names(booking) else "")
                    )
        rows.append(WeekRow(instrument, per_day))
    return rows
