"""The day and week grids of the calendar pages, built from one query per view.

A grid is a table: one row per slot of wall-clock time in the platform's zone,
one column per day (instrument view) or per instrument (platform day view).
A booking is one cell spanning its rows (`rowspan`): no inline style is
needed, which the content security policy forbids, and bookings never
overlap, so one column is enough.
"""

import bisect
import functools
import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection
from django.utils import timezone

from biocluster.core import prepared
from biocluster.core.indicators import record_url
from biocluster.core.models import bilingual
from biocluster.directory.models import Organisation

from . import timeutils
from .limits import MAX_BLOCK_MINUTES
from .models import ACTIVE_STATUSES, BookingKind, Instrument, OutageKind, Platform
from .timeutils import MIDNIGHT

DEFAULT_FIRST, DEFAULT_LAST = 8 * 60, 20 * 60


@dataclass(slots=True)
class Cell:
    kind: str  # free, closed, past, booking, buffer, covered
    instrument_id: int | None = None
    # Local wall-clock strings, computed once here rather than by a filter in every cell.
    day: str = ""
    clock: str = ""
    end_clock: str = ""
    book_url: str = ""
    rowspan: int = 1
    booking: "Shown | None" = None
    label: str = ""
    mine: bool = False
    span: str = ""
    url: str = ""  # where the booking's label links to, when not its own page (a session's)

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


def _display_range(instruments, days: list[date], bookings, hours_of: dict) -> tuple[int, int]:
    """From the earliest opening to the latest closing (bookings outside them widen it)."""
    first, last = None, None
    for instrument in instruments:
        hours = hours_of.get(instrument.pk, ())
        if not hours:
            return 0, 24 * 60
        for row in hours:
            first = row.opens_minute if first is None else min(first, row.opens_minute)
            last = row.closes_minute if last is None else max(last, row.closes_minute)
    first, last = (DEFAULT_FIRST if first is None else first), (DEFAULT_LAST if last is None else last)
    for booking in bookings:
        start, end, _blocked = _local(booking, booking.instrument.platform.tz)
        if start.date() in days:
            first = min(first, _clock_minute(start))
        if end.date() in days:
            last = max(last, _clock_minute(end) or 24 * 60)
    return first, last


def _clock_minute(local: datetime) -> int:
    """Minutes after midnight on the wall clock of a local time."""
    return local.hour * 60 + local.minute


# A calendar page is read far more often than anything it shows is written, and compiling
# the ORM's queries cost more than running them (issue 11): the grid's four queries are
# written once here, read into plain rows, and never build a model instance.
_ACTIVE = ", ".join(f"'{status}'" for status in ACTIVE_STATUSES)
_BOOKINGS_SQL = (
    'SELECT b.id, b.user_id, b.created_by_id, b."start", b."end", b.blocked_until, b.status, b.kind, '  # noqa: S608
    "u.first_name, u.last_name, u.email "
    "FROM platforms_booking AS b JOIN accounts_user AS u ON u.id = b.user_id "
    # The lower bound on "start" keeps the scan on the (instrument, start) index (see
    # BookingQuerySet.overlapping): no booking blocks longer than MAX_BLOCK_MINUTES.
    f'WHERE b.instrument_id = %s AND b.status IN ({_ACTIVE}) AND b."start" < %s AND b."start" > %s '
    'AND b.blocked_until > %s ORDER BY b."start"'
)
_HOURS_SQL = (
    "SELECT instrument_id, weekday, opens, closes FROM platforms_openinghours "
    "WHERE instrument_id IN ({}) ORDER BY weekday, opens"
)
_CLOSURES_SQL = (
    "SELECT platform_id, instrument_id, start_date, end_date, reason_en, reason_fr FROM platforms_closure "
    "WHERE platform_id IN ({}) AND start_date <= %s AND end_date >= %s"
)
_DOWN_SQL = (
    "SELECT instrument_id, expected_end FROM platforms_outage "  # noqa: S608 - constants
    f"WHERE instrument_id IN ({{}}) AND kind = '{OutageKind.BREAKDOWN}' AND resolved_at IS NULL"
)


def _rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


def _aware(value) -> datetime:
    """A datetime as the ORM would give it (SQLite's are read naive, in UTC)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _moment_param(value: datetime):
    return connection.ops.adapt_datetimefield_value(value)


@dataclass(slots=True)
class Shown:
    """What a calendar shows of a booking, and what the rule `platforms.see_booker` asks of it."""

    pk: int
    user_id: int
    created_by_id: int | None
    start: datetime
    end: datetime
    blocked_until: datetime
    status: str
    kind: str
    booker: str  # as str(user) reads: the full name, else the e-mail address
    instrument: Instrument
    # start, end and blocked_until in the platform's zone, once converted (`_local`)
    local: tuple = field(default=(), compare=False, repr=False)

    @property
    def instrument_id(self) -> int:
        return self.instrument.pk


def _local(booking: Shown, tz) -> tuple[datetime, datetime, datetime]:
    """The booking's start, end and end of turnover in `tz`, converted once per booking: the
    grid's range, cells and label all read them (issue 11: eleven conversions a booking)."""
    local = booking.local
    if not local or local[0].tzinfo is not tz:
        local = booking.local = (
            booking.start.astimezone(tz),
            booking.end.astimezone(tz),
            booking.blocked_until.astimezone(tz),
        )
    return local


# Who describes a room held for something else than a person's use (kind "event"): the events
# app registers a function (booking ids, viewer) -> {booking id: (name, url or "")}, the name
# and page of the session that holds it, for the viewers who may see that session.
HOLD_DESCRIBERS: list = []


def describe_holds(bookings, user) -> dict[int, tuple[str, str]]:
    """The holds among `bookings` that a registered describer names for `user`."""
    ids = [b.pk for b in bookings if b.kind == BookingKind.EVENT]
    found: dict[int, tuple[str, str]] = {}
    if ids:
        for describe in HOLD_DESCRIBERS:
            found.update(describe(ids, user))
    return found


@dataclass(slots=True)
class Hours:
    """One row of an instrument's opening hours, as timeutils reads them."""

    weekday: int
    opens: time
    closes: time

    @property
    def opens_minute(self) -> int:
        return self.opens.hour * 60 + self.opens.minute

    @property
    def closes_minute(self) -> int:
        return 24 * 60 if self.closes == MIDNIGHT else self.closes.hour * 60 + self.closes.minute


@dataclass(slots=True)
class _Closure:
    reason_en: str
    reason_fr: str

    @property
    def reason(self) -> str:
        return bilingual(self, "reason")


def _bookings(instruments: list[Instrument], since: datetime, until: datetime) -> list[Shown]:
    """One index range scan per instrument, reading only the columns shown."""
    rows: list[Shown] = []
    lowest = _moment_param(since - timedelta(minutes=MAX_BLOCK_MINUTES))
    params = (_moment_param(until), lowest, _moment_param(since))
    for instrument in instruments:
        for pk, user, author, start, end, blocked, status, kind, first, last, email in _rows(
            _BOOKINGS_SQL, (instrument.pk, *params)
        ):
            name = f"{first} {last}".strip() or email
            rows.append(
                Shown(
                    pk,
                    user,
                    author,
                    _aware(start),
                    _aware(end),
                    _aware(blocked),
                    status,
                    kind,
                    name,
                    instrument,
                )
            )
    return rows


def _hours(instruments) -> dict[int, list[Hours]]:
    found: dict[int, list[Hours]] = {i.pk: [] for i in instruments}
    ids = [i.pk for i in instruments]
    for instrument_id, weekday, opens, closes in _rows(_HOURS_SQL.format(_marks(ids)), ids):
        found[instrument_id].append(Hours(weekday, _clock(opens), _clock(closes)))
    return found


def _clock(value) -> time:
    return value if isinstance(value, time) else time.fromisoformat(value)


def _day_of(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _closures(instruments, first: date, last: date) -> dict:
    platform_ids = sorted({i.platform_id for i in instruments})
    closed: dict[tuple[int, date], str] = {}
    found = _rows(_CLOSURES_SQL.format(_marks(platform_ids)), [*platform_ids, last, first])
    for platform_id, instrument_id, start_date, end_date, reason_en, reason_fr in found:
        reason = _Closure(reason_en, reason_fr).reason
        day = max(_day_of(start_date), first)
        while day <= min(_day_of(end_date), last):
            for instrument in instruments:
                if instrument_id in (None, instrument.pk) and instrument.platform_id == platform_id:
                    closed[(instrument.pk, day)] = reason
            day += timedelta(days=1)
    return closed


def _down_until(instruments) -> dict[int, datetime | None]:
    ids = [i.pk for i in instruments]
    return {
        instrument_id: None if expected is None else _aware(expected)
        for instrument_id, expected in _rows(_DOWN_SQL.format(_marks(ids)), ids)
    }


# What the calendar page reads of an instrument, its platform and the platform's organisation
# (the page names it): every other field is left deferred.
_PAGE_FIELDS = (
    (
        "platforms_instrument",
        Instrument,
        ("id", "platform_id", "name", "is_active", "is_down", "slot_minutes"),
    ),
    ("platforms_platform", Platform, ("id", "organisation_id", "time_zone", "is_published")),
    ("directory_organisation", Organisation, ("id", "name")),
)


@functools.cache
def _page_columns() -> list[tuple[type, list[str]]]:
    """Each model's wanted fields in the model's order (the order `Model.from_db` expects)."""
    return [
        (model, [f.attname for f in model._meta.concrete_fields if f.attname in wanted])
        for _table, model, wanted in _PAGE_FIELDS
    ]


_INSTRUMENT_SQL = (
    "SELECT "  # noqa: S608 - column names from the models
    + ", ".join(
        f'{table}."{name}"'
        for (table, _model, _wanted), (_m, names) in zip(_PAGE_FIELDS, _page_columns(), strict=True)
        for name in names
    )
    + " FROM platforms_instrument JOIN platforms_platform ON platforms_platform.id = platforms_instrument.platform_id"
    " JOIN directory_organisation ON directory_organisation.id = platforms_platform.organisation_id"
    " WHERE platforms_instrument.id = %s"
)


def instrument_for_page(pk: int) -> Instrument | None:
    """The instrument with its platform and organisation, in one query compiled once.

    Who may see it is the caller's to ask (`platforms.view_platform` on its platform).
    """
    found = _rows(_INSTRUMENT_SQL, [pk])
    return _page_instrument(list(found[0])) if found else None


def _page_instrument(values: list) -> Instrument:
    """The instrument, its platform and organisation from the columns of `_page_columns()`."""
    objects = []
    for model, names in _page_columns():
        objects.append(model.from_db(connection.alias, names, values[: len(names)]))
        values = values[len(names) :]
    instrument, platform, organisation = objects
    platform.organisation = organisation
    instrument.platform = platform
    return instrument


# --------------------------------------------------------------------------- one instrument's week, one statement
#
# Under twenty clients the page's cost is its CPU, the database server's included (it shares the
# machine): six round trips (the instrument, the grid's versions, hours, bookings, closures,
# breakdowns) cost more than the page's Python (issue 11). So the instrument calendar reads
# everything it shows in one statement, each part a branch of a UNION ALL in one wide row shape:
# a tag, four integers, three moments, six texts, two clocks, two dates. Bookings are read over
# a window a day wider on each side (the platform's time zone is not known before the row is
# read) and cut to the week in Python. Nothing read here is kept: a change shows on the next read.
_NULLS = {"n": 4, "m": 3, "s": 6, "c": 2, "d": 2}
# PostgreSQL types a UNION two branches at a time: the first branch names every column's type.
_TYPES = {"n": "bigint", "m": "timestamptz", "s": "text", "c": "time", "d": "date"}


def _branch(tag: int, table: str, where: str, **columns: str) -> str:
    """One branch of the week statement: `columns` names the cells it fills (n1, m2, s3...)."""
    cells = [str(tag)]
    for kind, count in _NULLS.items():
        empty = f"CAST(NULL AS {_TYPES[kind]})" if tag == 0 else "NULL"
        cells += [columns.get(f"{kind}{index}", empty) for index in range(1, count + 1)]
    return f"SELECT {', '.join(cells)} FROM {table} WHERE {where}"  # noqa: S608 - constants


def _week_sql(*, names: bool) -> str:
    """The week statement; without `names`, the bookers' names are not read (nor their table
    joined): a visitor who may see no name costs the database a third less (issue 11)."""
    return " UNION ALL ".join(
        [
            _branch(
                0,
                "platforms_instrument AS i JOIN platforms_platform AS p ON p.id = i.platform_id "
                "JOIN directory_organisation AS o ON o.id = p.organisation_id",
                "i.id = %s",
                n1="i.id",
                n2="i.platform_id",
                n3="p.organisation_id",
                n4="i.slot_minutes",
                s1="i.name",
                s2="p.time_zone",
                s3="o.name",
                # Booleans as text: one column type for every branch, on either database.
                s4="CASE WHEN i.is_active THEN 'y' ELSE 'n' END",
                s5="CASE WHEN i.is_down THEN 'y' ELSE 'n' END",
                s6="CASE WHEN p.is_published THEN 'y' ELSE 'n' END",
            ),
            _branch(
                1,
                "platforms_booking AS b" + (" JOIN accounts_user AS u ON u.id = b.user_id" if names else ""),
                f'b.instrument_id = %s AND b.status IN ({_ACTIVE}) AND b."start" < %s AND b."start" > %s '
                "AND b.blocked_until > %s",
                n1="b.id",
                n2="b.user_id",
                n3="b.created_by_id",
                m1='b."start"',
                m2='b."end"',
                m3="b.blocked_until",
                s1="b.status",
                s2="b.kind",
                **({"s3": "u.first_name", "s4": "u.last_name", "s5": "u.email"} if names else {}),
            ),
            _branch(2, "platforms_openinghours", "instrument_id = %s", n1="weekday", c1="opens", c2="closes"),
            _branch(
                3,
                "platforms_closure",
                "platform_id = (SELECT platform_id FROM platforms_instrument WHERE id = %s) "
                "AND (instrument_id IS NULL OR instrument_id = %s) AND start_date <= %s AND end_date >= %s",
                s1="reason_en",
                s2="reason_fr",
                d1="start_date",
                d2="end_date",
            ),
            _branch(
                4,
                "platforms_outage",
                f"instrument_id = %s AND kind = '{OutageKind.BREAKDOWN}' AND resolved_at IS NULL",
                n1="1",
                m1="expected_end",
            ),
        ]
    )


_WEEK_SQL = {names: _week_sql(names=names) for names in (True, False)}


@dataclass
class Week:
    """What an instrument's calendar shows of these days, as `build` reads it."""

    instrument: Instrument
    bookings: list[Shown]
    hours: list[Hours]
    closed: dict[tuple[int, date], str]
    down: dict[int, datetime | None]


def week_for_page(pk: int, first: date, last: date, *, names: bool = True) -> Week | None:
    """The instrument (with platform and organisation) and what its grid shows from `first` to
    `last`, in one statement; None when there is no such instrument. Who may see it is the
    caller's to ask. Without `names` the bookings' `booker` is empty."""
    since = datetime.combine(first - timedelta(days=1), MIDNIGHT, UTC)
    until = datetime.combine(last + timedelta(days=2), MIDNIGHT, UTC)
    lowest = since - timedelta(minutes=MAX_BLOCK_MINUTES)
    params = [
        pk,
        *(pk, _moment_param(until), _moment_param(lowest), _moment_param(since)),
        pk,
        *(pk, pk, last, first),
        pk,
    ]
    head, rows, hours, closures, down = None, [], [], [], {}
    for tag, n1, n2, n3, n4, m1, m2, m3, s1, s2, s3, s4, s5, s6, c1, c2, d1, d2 in prepared.fetch_all(
        _WEEK_SQL[names], params
    ):
        if tag == 0:
            head = (n1, n2, n3, n4, s1, s2, s3, s4 == "y", s5 == "y", s6 == "y")
        elif tag == 1:
            booker = "" if s5 is None else f"{s3} {s4}".strip() or s5
            rows.append((n1, n2, n3, _aware(m1), _aware(m2), _aware(m3), s1, s2, booker))
        elif tag == 2:
            hours.append(Hours(n1, _clock(c1), _clock(c2)))
        elif tag == 3:
            closures.append((_day_of(d1), _day_of(d2), _Closure(s1, s2).reason))
        else:
            down[pk] = None if m1 is None else _aware(m1)
    if head is None:
        return None
    pk, platform_id, organisation_id, slot, name, time_zone, organisation, active, is_down, published = head
    by_name = {
        "platforms_instrument": {
            "id": pk,
            "platform_id": platform_id,
            "name": name,
            "is_active": active,
            "is_down": is_down,
            "slot_minutes": slot,
        },
        "platforms_platform": {
            "id": platform_id,
            "organisation_id": organisation_id,
            "time_zone": time_zone,
            "is_published": published,
        },
        "directory_organisation": {"id": organisation_id, "name": organisation},
    }
    values = [
        by_name[table][name]
        for (table, _model, _wanted), (_m, names) in zip(_PAGE_FIELDS, _page_columns(), strict=True)
        for name in names
    ]
    instrument = _page_instrument(values)
    tz = instrument.platform.tz
    since = timeutils.at(first, MIDNIGHT, tz)
    until = timeutils.at(last + timedelta(days=1), MIDNIGHT, tz)
    lowest = since - timedelta(minutes=MAX_BLOCK_MINUTES)
    bookings = [
        Shown(*row[:8], row[8], instrument)
        for row in sorted(rows, key=lambda row: row[3])
        if lowest < row[3] < until and row[5] > since
    ]
    hours.sort(key=lambda row: (row.weekday, row.opens))
    closed = {}
    for begins, ends, reason in closures:
        day = max(begins, first)
        while day <= min(ends, last):
            closed[(pk, day)] = reason
            day += timedelta(days=1)
    return Week(instrument, bookings, hours, closed, down)


def build(
    instruments: list[Instrument],
    days: list[date],
    *,
    user=None,
    sees_names=lambda booking: False,
    week: Week | None = None,
) -> Grid:
    """The grid for these instruments on these days: one column per (instrument, day).

    With `week` (one instrument's, from `week_for_page`) nothing more is read.
    """
    tz = instruments[0].platform.tz
    if week is not None:
        bookings, hours_of, closed, down = (
            week.bookings,
            {week.instrument.pk: week.hours},
            week.closed,
            week.down,
        )
    else:
        since = timeutils.at(days[0], timeutils.MIDNIGHT, tz)
        until = timeutils.at(days[-1] + timedelta(days=1), timeutils.MIDNIGHT, tz)
        bookings = _bookings(instruments, since, until)
        hours_of = _hours(instruments)
        closed = _closures(instruments, days[0], days[-1])
        down = _down_until(instruments)
    slot, minutes = grid_minutes(instruments, days, bookings, hours_of)
    clocks, end_clocks = slot_clocks(minutes)
    now = timezone.now()
    starts_of = slot_starts_of(days, minutes, tz)
    kinds_of = {}
    for instrument in instruments:
        pk = instrument.pk
        shut = [(pk, day) in closed or not instrument.is_active for day in days]
        columns = column_kinds(days, starts_of, slot, tz, now, hours_of[pk], shut, pk in down, down.get(pk))
        kinds_of.update({(pk, day): kinds for day, kinds in zip(days, columns, strict=True)})
    heads_of = place(bookings, kinds_of, days, minutes, tz, user, sees_names)
    columns = []
    for instrument in instruments:
        pk = instrument.pk
        book_url = record_url("platforms:booking_create", pk)
        for day in days:
            iso = day.isoformat()
            cells = [
                Cell(kind, pk, iso, clock, end_clock, book_url)
                for kind, clock, end_clock in zip(kinds_of[(pk, day)], clocks, end_clocks, strict=True)
            ]
            for row, head in heads_of.get((pk, day), {}).items():
                # Its kind is the slot's: a buffer that a later booking covers is "covered".
                head.kind, head.instrument_id, head.day, head.book_url = cells[row].kind, pk, iso, book_url
                head.clock, head.end_clock = clocks[row], end_clocks[row]
                cells[row] = head
            columns.append(
                Column(
                    key=f"{pk}-{iso}",
                    title=instrument.name,
                    day=day,
                    instrument=instrument,
                    cells=cells,
                    closed_reason=closed.get((pk, day), ""),
                )
            )
    return Grid(times=clocks, columns=columns, slot_minutes=slot)


def grid_minutes(instruments, days: list[date], bookings, hours_of: dict) -> tuple[int, range]:
    """The slot's length and the minutes after local midnight at which the grid's rows begin."""
    slot = min(i.slot_minutes for i in instruments) if len(instruments) == 1 else 30
    first, last = _display_range(instruments, days, bookings, hours_of)
    return slot, range(first // slot * slot, math.ceil(last / slot) * slot, slot)


def slot_clocks(minutes: range) -> tuple[list[str], list[str]]:
    """Each row's local start and end clock ("08:30", "09:00")."""
    slot = minutes.step
    return (
        [f"{m // 60:02d}:{m % 60:02d}" for m in minutes],
        [f"{(m + slot) // 60 % 24:02d}:{(m + slot) % 60:02d}" for m in minutes],
    )


def column_kinds(days, starts_of, slot, tz, now, hours, shut, down, down_until) -> list[list[str]]:
    """Closed, past or free, for each slot of one instrument's column of each day (before its
    bookings are placed); `shut` says for each day whether it is closed all day."""
    # The open periods of all the days at once (a slot lies within one or none of them).
    periods = timeutils.opening_intervals(hours, days[0] - timedelta(days=1), days[-1], tz) if hours else None
    length = timedelta(minutes=slot)
    return [
        _kinds(
            starts_of[day], length, now, shut=closed, open_periods=periods, down=down, down_until=down_until
        )
        for day, closed in zip(days, shut, strict=True)
    ]


def place(bookings, kinds_of: dict, days, minutes: range, tz, user, sees_names) -> dict:
    """Each booking (and its buffer) marked in the kinds of the columns it covers: its first slot
    becomes "booking" (or "buffer"), the slots under it "covered". Returns those first cells, by
    column and row: {(instrument id, day): {row: Cell}}."""
    holds = describe_holds(bookings, user)
    bounds = _day_bounds(days, tz)
    viewer = user.pk if user is not None and user.is_authenticated else None
    heads_of: dict = {}
    for booking in bookings:
        local = _local(booking, tz)
        shown = _shown(booking, local, viewer, sees_names, holds)
        _place(booking, local, kinds_of, heads_of, bounds, minutes, shown)
    return heads_of


def slot_starts_of(days: list[date], minutes: range, tz) -> dict[date, list[datetime]]:
    """Each day's slot starts: the first day's moved by whole days when no clock changes between
    (a day is then 24 hours long), else `slot_starts` day by day."""
    first = timeutils.at(days[0], MIDNIGHT, tz)
    if timeutils.at(days[-1] + timedelta(days=1), MIDNIGHT, tz) - first != timedelta(days=len(days)):
        return {day: timeutils.slot_starts(day, minutes, tz) for day in days}
    starts = [first + timedelta(minutes=minute) for minute in minutes]
    return {
        day: starts if offset == 0 else [start + timedelta(days=offset) for start in starts]
        for offset, day in enumerate(days)
    }


def _kinds(starts: list[datetime], length: timedelta, now: datetime, *, shut, open_periods, down, down_until):
    """Closed, past or free, for each of a column's slots (`starts`, in order): each rule marks a
    run of slots found by bisection rather than asking every slot (issue 11)."""
    count = len(starts)
    if shut:
        return ["closed"] * count
    if count > 1 and starts[-1] - starts[0] != length * (count - 1):  # a day the clocks change
        return [
            "closed"
            if (open_periods is not None and not _within(start, start + length, open_periods))
            or (down and (down_until is None or start < down_until))
            else "past"
            if start < now
            else "free"
            for start in starts
        ]
    past = bisect.bisect_left(starts, now)  # the slots that began before now
    kinds = ["past"] * past + ["free"] * (count - past)
    if open_periods is not None:  # a slot is open when it lies wholly within an open period
        is_open = [False] * count
        for begins, ends in open_periods:
            low, high = bisect.bisect_left(starts, begins), bisect.bisect_right(starts, ends - length)
            is_open[low:high] = [True] * max(0, high - low)
        kinds = [kind if inside else "closed" for kind, inside in zip(kinds, is_open, strict=True)]
    if down:  # broken down: until its expected end, or for good
        stop = count if down_until is None else bisect.bisect_left(starts, down_until)
        kinds[:stop] = ["closed"] * stop
    return kinds


def _within(start: datetime, end: datetime, periods: list[tuple[datetime, datetime]]) -> bool:
    # A loop, not any(): a generator per cell cost more than the comparisons.
    for begins, ends in periods:  # noqa: SIM110
        if begins <= start and end <= ends:
            return True
    return False


def _day_bounds(days: list[date], tz) -> list[tuple[date, datetime, datetime]]:
    """Each day with its first instant and the next day's, in order, computed once for all the
    bookings placed."""
    wanted = {*days, *(day + timedelta(days=1) for day in days)}
    midnight = {day: timeutils.at(day, timeutils.MIDNIGHT, tz) for day in wanted}
    return [(day, midnight[day], midnight[day + timedelta(days=1)]) for day in sorted(set(days))]


def _place(
    booking: Shown, local: tuple, kinds_of: dict, heads_of: dict, bounds: list, minutes: range, shown: dict
) -> None:
    """Put a booking (and its buffer) in the columns of the days it covers; `local` is its times
    in the grid's zone, `shown` what its first cell says of it (label, mine, url, span)."""
    first, slot, instrument_id = minutes.start, minutes.step, booking.instrument.pk
    start, end, blocked = local
    for kind, begins, ends, local_begins, local_ends in (
        ("booking", booking.start, booking.end, start, end),
        ("buffer", booking.end, booking.blocked_until, end, blocked),
    ):
        if ends <= begins:
            continue
        for day, day_start, day_end in bounds:  # the days of the grid that [begins, ends) meets
            if day_end <= begins:
                continue
            if day_start >= ends:
                break
            kinds = kinds_of.get((instrument_id, day))
            if kinds is None:
                continue
            start_minute = 0 if begins <= day_start else _clock_minute(local_begins)
            end_minute = 24 * 60 if ends >= day_end else _clock_minute(local_ends)
            top = max(0, (start_minute - first) // slot)
            bottom = min(len(kinds), math.ceil((end_minute - first) / slot))
            if bottom <= top or kinds[top] in ("booking", "covered"):
                continue  # nothing to draw, or already drawn (a neighbour rounded into the same slot)
            kinds[top] = kind
            head = Cell(kind, rowspan=bottom - top, booking=booking, **shown)
            heads_of.setdefault((instrument_id, day), {})[top] = head
            for row in range(top + 1, bottom):
                if kinds[row] in ("booking", "covered"):
                    head.rowspan = row - top
                    break
                kinds[row] = "covered"


def _shown(booking: Shown, local: tuple, viewer: int | None, sees_names, holds: dict) -> dict:
    """What a booking's first cell says: who or what holds it, whether it is the viewer's, its times."""
    start, end, _blocked = local
    span = f"{start.hour:02d}:{start.minute:02d}\u2013{end.hour:02d}:{end.minute:02d}"
    if booking.kind == BookingKind.EVENT:  # a session's room: its name, never the staff's
        label, url = holds.get(booking.pk, ("", ""))
        return {"label": label, "url": url, "span": span}
    label = booking.booker if sees_names(booking) else ""
    return {"label": label, "mine": viewer is not None and booking.user_id == viewer, "span": span}


def week_days(day: date) -> list[date]:
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=offset) for offset in range(7)]


@dataclass
class WeekRow:
    instrument: Instrument
    days: list[list[tuple[Shown, str]]]


def week_lists(
    instruments: list[Instrument], days: list[date], *, user=None, sees_names=lambda booking: False
) -> list[WeekRow]:
    """The platform's week: one row per instrument, each day listing its bookings."""
    tz = instruments[0].platform.tz
    since = timeutils.at(days[0], timeutils.MIDNIGHT, tz)
    until = timeutils.at(days[-1] + timedelta(days=1), timeutils.MIDNIGHT, tz)
    rows = []
    for instrument in instruments:
        per_day: list[list[tuple[Shown, str]]] = [[] for _ in days]
        bookings = _bookings([instrument], since, until)
        holds = describe_holds(bookings, user)
        for booking in bookings:
            if booking.kind == BookingKind.EVENT:  # a session's room: its name, never the staff's
                label = holds.get(booking.pk, ("", ""))[0]
            else:
                label = booking.booker if sees_names(booking) else ""
            for day in timeutils.days_between(booking.start, booking.end, tz):
                if days[0] <= day <= days[-1]:
                    per_day[(day - days[0]).days].append((booking, label))
        rows.append(WeekRow(instrument, per_day))
    return rows
