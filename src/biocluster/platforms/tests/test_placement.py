"""Where the grid puts each booking (`calendar.place`, `calendar.grid_minutes`) converts a
booking's times once (issue 11). The reference here converts them at each use, as the grid
did before: both must agree on every week, including the weeks the clocks change, at midnight
in Santiago."""

import random
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from biocluster.platforms import calendar, timeutils
from biocluster.platforms.calendar import Shown

from .test_week_table import _bookings, _hours, _instrument

# Paris: spring forward, fall back; Santiago: the clocks skip 00:00-01:00 on 6 September 2026
# and repeat 23:00-24:00 on 4 April 2026.
WEEKS = [
    ("Europe/Paris", date(2026, 3, 23)),
    ("Europe/Paris", date(2026, 10, 19)),
    ("Europe/Paris", date(2026, 6, 15)),
    ("America/Santiago", date(2026, 8, 31)),
    ("America/Santiago", date(2026, 3, 30)),
    ("Asia/Kolkata", date(2026, 12, 28)),
]


def _wall_minute(moment: datetime, tz) -> int:
    local = moment.astimezone(tz)
    return local.hour * 60 + local.minute


def _reference_range(days, bookings, tz, first: int, last: int) -> tuple[int, int]:
    for booking in bookings:
        if booking.start.astimezone(tz).date() in days:
            first = min(first, _wall_minute(booking.start, tz))
        if booking.end.astimezone(tz).date() in days:
            last = max(last, _wall_minute(booking.end, tz) or 24 * 60)
    return first, last


def _reference_place(bookings, kinds_of: dict, minutes: range, tz) -> dict:
    """{(instrument, day): {row: (kind, rowspan, span, booking)}}, each time converted at each use."""
    first, slot = minutes.start, minutes.step
    heads: dict = {}
    for booking in bookings:
        span = f"{booking.start.astimezone(tz):%H:%M}\u2013{booking.end.astimezone(tz):%H:%M}"
        for kind, begins, ends in (
            ("booking", booking.start, booking.end),
            ("buffer", booking.end, booking.blocked_until),
        ):
            if ends <= begins:
                continue
            for day in timeutils.days_between(begins, ends, tz):
                kinds = kinds_of.get((booking.instrument.pk, day))
                if kinds is None:
                    continue
                day_start = timeutils.at(day, timeutils.MIDNIGHT, tz)
                day_end = timeutils.at(day + timedelta(days=1), timeutils.MIDNIGHT, tz)
                start_minute = 0 if begins <= day_start else _wall_minute(begins, tz)
                end_minute = 24 * 60 if ends >= day_end else _wall_minute(ends, tz)
                top = max(0, (start_minute - first) // slot)
                bottom = min(len(kinds), -(-(end_minute - first) // slot))
                if bottom <= top or kinds[top] in ("booking", "covered"):
                    continue
                kinds[top] = kind
                rowspan = bottom - top
                for row in range(top + 1, bottom):
                    if kinds[row] in ("booking", "covered"):
                        rowspan = row - top
                        break
                    kinds[row] = "covered"
                heads.setdefault((booking.instrument.pk, day), {})[top] = (kind, rowspan, span, booking.pk)
    return heads


def _at_midnights(instrument, days, tz) -> list[Shown]:
    """Bookings that begin or end exactly at a local midnight, or a minute either side of it."""
    found = []
    for offset, day in enumerate([days[0] - timedelta(days=1), *days]):
        midnight = timeutils.at(day + timedelta(days=1), timeutils.MIDNIGHT, tz)
        for pk, (before, after) in enumerate(((120, 0), (0, 90), (61, 1), (1, 59)), start=10 * offset):
            start, end = midnight - timedelta(minutes=before), midnight + timedelta(minutes=after)
            found.append(Shown(pk, 1, None, start, end, end, "confirmed", "booking", "Zoë", instrument))
    return found


@pytest.mark.parametrize(("zone", "monday"), WEEKS, ids=[f"{z}-{m}" for z, m in WEEKS])
def test_each_booking_is_placed_where_converting_its_times_at_each_use_placed_it(zone, monday, monkeypatch):
    monkeypatch.setattr(calendar, "HOLD_DESCRIBERS", [lambda ids, user: {}])  # room holds: no session
    tz = ZoneInfo(zone)
    rng = random.Random(monday.toordinal())
    drawn = 0
    for trial in range(60):
        instrument = _instrument(rng, 7, zone)
        days = calendar.week_days(monday) if trial % 4 else [monday + timedelta(days=rng.randint(0, 6))]
        hours = _hours(rng)
        # One kind of booking at a time: the random ones may overlap the midnight ones.
        bookings = _bookings(rng, instrument, days, tz) if trial % 2 else _at_midnights(instrument, days, tz)
        slot, minutes = calendar.grid_minutes([instrument], days, bookings, {instrument.pk: hours})
        opening = calendar._display_range([instrument], days, [], {instrument.pk: hours})
        assert (minutes.start // slot * slot, minutes.stop) == (
            (found := _reference_range(days, bookings, tz, *opening))[0] // slot * slot,
            -(-found[1] // slot) * slot,
        )
        kinds_of = {(instrument.pk, day): ["free"] * len(minutes) for day in days}
        expected = _reference_place(
            bookings, {key: list(kinds) for key, kinds in kinds_of.items()}, minutes, tz
        )
        viewer = SimpleNamespace(is_authenticated=True, pk=1)
        heads = calendar.place(bookings, kinds_of, days, minutes, tz, viewer, lambda booking: True)
        placed = {
            column: {
                row: (cell.kind, cell.rowspan, cell.span, cell.booking.pk) for row, cell in cells.items()
            }
            for column, cells in heads.items()
        }
        assert placed == expected, (trial, days)
        drawn += sum(len(cells) for cells in placed.values())
    assert drawn >= 200  # the weeks drew bookings: the comparison is not of empty grids


def test_a_booking_placed_in_another_zone_is_converted_again():
    """A booking's converted times are kept for the zone they were converted to, not another."""
    paris, kolkata = ZoneInfo("Europe/Paris"), ZoneInfo("Asia/Kolkata")
    start = datetime(2026, 6, 16, 8, tzinfo=UTC)
    booking = Shown(
        1,
        1,
        None,
        start,
        start + timedelta(hours=1),
        start + timedelta(hours=1),
        "confirmed",
        "booking",
        "Zoë",
        _instrument(random.Random(1), 7, "Europe/Paris"),
    )
    assert calendar._local(booking, paris)[0].time() == time(10)
    assert calendar._local(booking, kolkata)[0].time() == time(13, 30)
    assert calendar._local(booking, paris)[0].time() == time(10)
