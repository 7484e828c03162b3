"""Wall-clock time in a platform's time zone: opening hours, slots, weeks, and how times read.

Bookings are stored in UTC; every rule a person states in local time (opens at
8:00, a 10:00-12:00 series, a weekly cap) is checked in the platform's zone, so
it stays right across changes to and from summer time.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import formats

MIDNIGHT = time(0)


def utc(moment: datetime) -> datetime:
    """The same instant in UTC.

    Python subtracts and compares two datetimes that share a tzinfo by their
    wall clocks: 22:00 to 06:00 across the change to summer time would last 8
    hours, not 7. Services therefore work on UTC datetimes only.
    """
    return moment.astimezone(UTC)


def at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """The instant (in UTC) of `clock` on `day` in `tz`.

    A wall time skipped by the change to summer time (02:30 on that Sunday) is
    read with the offset before the change, i.e. one hour later on the clock;
    a wall time that happens twice (autumn) is its first occurrence.
    """
    return datetime.combine(day, clock).replace(tzinfo=tz).astimezone(UTC)


def slot_starts(day: date, minutes: Iterable[int], tz: ZoneInfo) -> list[datetime]:
    """`at(day, each minute after local midnight)`, in one step on a day without a clock change:
    a week's grid asks for some 300 of them, and `at` costs a time-zone lookup each."""
    midnight = at(day, MIDNIGHT, tz)
    if at(day + timedelta(days=1), MIDNIGHT, tz) - midnight == timedelta(days=1):
        return [midnight + timedelta(minutes=minute) for minute in minutes]
    return [at(day, time(minute // 60, minute % 60), tz) for minute in minutes]


def local_range(day: date, start: time, end: time, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) on `day`; an end at or before the start (e.g. 00:00) is on the next day."""
    begins = at(day, start, tz)
    ends = at(day + timedelta(days=1) if end <= start else day, end, tz)
    return begins, ends


def days_between(start: datetime, end: datetime, tz: ZoneInfo) -> Iterable[date]:
    """Local dates met by [start, end)."""
    day = start.astimezone(tz).date()
    last = (end - timedelta(microseconds=1)).astimezone(tz).date()
    while day <= last:
        yield day
        day += timedelta(days=1)


def opening_intervals(hours, first: date, last: date, tz: ZoneInfo) -> list[tuple[datetime, datetime]]:
    """The instrument's open periods between two local dates, merged where they touch."""
    by_weekday: dict[int, list] = {}
    for row in hours:
        by_weekday.setdefault(row.weekday, []).append(row)
    intervals = []
    day = first
    while day <= last:
        for row in by_weekday.get(day.weekday(), []):
            intervals.append(local_range(day, row.opens, row.closes, tz))
        day += timedelta(days=1)
    intervals.sort()
    merged: list[tuple[datetime, datetime]] = []
    for begins, ends in intervals:
        if merged and begins <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], ends))
        else:
            merged.append((begins, ends))
    return merged


def is_open(hours, start: datetime, end: datetime, tz: ZoneInfo) -> bool:
    """Whether [start, end) lies within opening hours; no hours at all means always open."""
    hours = list(hours)
    if not hours:
        return True
    days = list(days_between(start, end, tz))
    return any(
        begins <= start and end <= ends
        for begins, ends in opening_intervals(hours, days[0] - timedelta(days=1), days[-1], tz)
    )


def on_slot(moment: datetime, slot_minutes: int, tz: ZoneInfo) -> bool:
    clock = moment.astimezone(tz)
    return (
        clock.second == 0 and clock.microsecond == 0 and (clock.hour * 60 + clock.minute) % slot_minutes == 0
    )


def nearest_steps(moment: datetime, slot_minutes: int, tz: ZoneInfo) -> tuple[str, str]:
    """The wall-clock steps on either side of `moment`: ("10:00", "10:30") for 10:10 in 30-minute steps."""
    clock = moment.astimezone(tz)
    minute = clock.hour * 60 + clock.minute
    before = minute // slot_minutes * slot_minutes
    after = before + slot_minutes
    return tuple(f"{m // 60 % 24:02d}:{m % 60:02d}" for m in (before, after))


def week_of(moment: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The local Monday-to-Monday week containing `moment`."""
    day = moment.astimezone(tz).date()
    monday = day - timedelta(days=day.weekday())
    return at(monday, MIDNIGHT, tz), at(monday + timedelta(days=7), MIDNIGHT, tz)


def describe_hours(hours) -> str:
    """'Mon 08:00-19:00, Tue 08:00-19:00, …' for messages."""
    from django.utils.dates import WEEKDAYS_ABBR

    return ", ".join(
        f"{WEEKDAYS_ABBR[row.weekday]} {row.opens:%H:%M}\u2013{row.closes:%H:%M}"
        for row in sorted(hours, key=lambda r: (r.weekday, r.opens))
    )


def when(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    """How a period reads to a person: 'Nov. 24, 2026, 10:00-12:00' in the platform's zone."""
    begins, ends = start.astimezone(tz), end.astimezone(tz)
    text = f"{formats.date_format(begins.date())}, {begins:%H:%M}\u2013"
    if ends.date() == begins.date() or (
        ends.time() == MIDNIGHT and ends.date() == begins.date() + timedelta(days=1)
    ):
        return text + f"{ends:%H:%M}"
    return text + f"{formats.date_format(ends.date())} {ends:%H:%M}"


def plausible(day: date | None) -> bool:
    """Dates people book on. Far years overflow once a week or a time zone is added to them."""
    return day is not None and 2000 <= day.year <= 2100


def date_text(day: date) -> str:
    return formats.date_format(day)


def moment_text(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{formats.date_format(local.date())} {local:%H:%M}"
