"""The week calendar's table from remembered slots (`grid_html.week_table`, issue 11) is the table
the grid built cell by cell writes (`instrument_table(calendar.build(...))`), whatever the week,
its bookings, closures, breakdown, hours, the time, the language and the viewer."""

import random
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone, translation

from biocluster.platforms import calendar, grid_html
from biocluster.platforms.calendar import Hours, Shown, Week
from biocluster.platforms.models import Instrument, Platform

MONDAYS = [date(2026, 6, 15), date(2026, 3, 23), date(2026, 10, 19), date(2026, 12, 28)]
ZONES = ["Europe/Paris", "America/New_York", "Asia/Kolkata"]


def _instrument(rng, pk: int, zone: str) -> Instrument:
    platform = Platform(pk=1, time_zone=zone, is_published=True)
    instrument = Instrument(
        pk=pk,
        platform=platform,
        name="Cytometer",
        slot_minutes=rng.choice([15, 30, 60]),
        is_active=rng.random() > 0.05,
    )
    instrument.is_down = False
    return instrument


def _hours(rng) -> list[Hours]:
    if rng.random() < 0.15:
        return []  # open around the clock
    return sorted(
        (
            Hours(
                weekday, time(rng.randint(6, 10), rng.choice([0, 30])), time(rng.choice([0, 17, 18, 20, 23]))
            )
            for weekday in rng.sample(range(7), rng.randint(1, 7))
        ),
        key=lambda row: (row.weekday, row.opens),
    )


def _bookings(rng, instrument, days, tz) -> list[Shown]:
    """Random bookings around the week: some across midnight, some rounded into a neighbour's
    slot, some overlapping others' buffers, a few room holds, and the viewer's own."""
    found, pk = [], 100
    start = datetime.combine(days[0] - timedelta(days=1), time(6), tz).astimezone(UTC)
    for _ in range(rng.randint(0, 25)):
        start += timedelta(minutes=rng.choice([5, 20, 45, 90, 240, 600]))
        end = start + timedelta(minutes=rng.choice([10, 30, 60, 150, 600, 1500]))
        blocked = end + timedelta(minutes=rng.choice([0, 0, 15, 40]))
        pk += 1
        found.append(
            Shown(
                pk=pk,
                user_id=rng.choice([1, 2, 3]),
                created_by_id=None,
                start=start,
                end=end,
                blocked_until=blocked,
                status=rng.choice(["confirmed", "requested", "completed"]),
                kind=rng.choice(["booking", "booking", "maintenance", "event"]),
                booker="Zoë <O'Brien> & Co",
                instrument=instrument,
            )
        )
        start = blocked if rng.random() < 0.7 else start + timedelta(minutes=rng.choice([-30, 5]))
    return found


def _week(rng, instrument, days) -> Week:
    pk = instrument.pk
    closed = {(pk, day): "Inventaire <annuel> & nettoyage" for day in days if rng.random() < 0.1}
    down = {}
    if rng.random() < 0.2:
        down[pk] = None if rng.random() < 0.5 else datetime.combine(rng.choice(days), time(13), UTC)
    return Week(instrument, [], _hours(rng), closed, down)


@pytest.mark.parametrize("monday", MONDAYS, ids=["june", "spring-forward", "fall-back", "new-year"])
def test_the_remembered_week_writes_the_built_grid(monday, monkeypatch):
    monkeypatch.setattr(
        calendar, "HOLD_DESCRIBERS", [lambda ids, user: {ids[0]: ("Séminaire <IA>", "/events/3/")}]
    )
    rng = random.Random(monday.toordinal())
    grid_html._remembered_slots.cache_clear()
    for trial in range(80):
        zone = rng.choice(ZONES)
        tz = ZoneInfo(zone)
        instrument = _instrument(rng, rng.choice([7, 8]), zone)
        days = (
            calendar.week_days(monday) if rng.random() < 0.8 else [monday + timedelta(days=rng.randint(0, 6))]
        )
        week = _week(rng, instrument, days)
        week.bookings = _bookings(rng, instrument, days, tz)
        user = SimpleNamespace(is_authenticated=rng.random() < 0.7, pk=1)
        sees = rng.choice([lambda booking: False, lambda booking: True, lambda booking: booking.pk % 2 == 0])
        can_book = rng.random() < 0.6
        book_url = f"/platforms/instruments/{instrument.pk}/book/"
        # Before the week, after it, and at moments inside it (remembered, then not).
        now = datetime.combine(monday, time(0), tz) + timedelta(minutes=rng.randint(-3000, 9 * 24 * 60))
        language = rng.choice(["en", "fr"])
        with time_machine.travel(now, tick=False), translation.override(language), timezone.override(tz):
            built = calendar.build([instrument], days, user=user, sees_names=sees, week=week)
            expected = grid_html.instrument_table(built, can_book=can_book, book_url=book_url)
            for _ in range(2):  # the first fills the memory, the second reads it
                found = grid_html.week_table(
                    week, days, user=user, sees_names=sees, can_book=can_book, book_url=book_url
                )
                assert found == expected, (trial, zone, days, now, can_book)
    # The weeks wholly before or after the moment were remembered, and read again.
    info = grid_html._remembered_slots.cache_info()
    assert info.hits >= info.misses >= 20


def test_a_week_is_remembered_across_instruments_with_the_same_hours_but_not_as_another_week():
    rng = random.Random(4)
    grid_html._remembered_slots.cache_clear()
    monday = date(2026, 6, 15)
    hours = _hours(random.Random(9)) or [Hours(0, time(8), time(18))]
    first, second = _instrument(rng, 7, "Europe/Paris"), _instrument(rng, 8, "Europe/Paris")
    first.slot_minutes = second.slot_minutes = 30
    first.is_active = second.is_active = True
    user = SimpleNamespace(is_authenticated=False, pk=None)
    tables = []
    with time_machine.travel(datetime(2026, 1, 5, 9, tzinfo=UTC), tick=False):
        for instrument, days in (
            (first, calendar.week_days(monday)),
            (second, calendar.week_days(monday)),
            (second, calendar.week_days(monday + timedelta(days=7))),
        ):
            week = Week(instrument, [], list(hours), {}, {})
            url = f"/platforms/instruments/{instrument.pk}/book/"
            tables.append(
                grid_html.week_table(
                    week, days, user=user, sees_names=lambda b: False, can_book=True, book_url=url
                )
            )
        with translation.override("fr"):
            french = grid_html.week_table(
                week, days, user=user, sees_names=lambda b: False, can_book=True, book_url=url
            )
    info = grid_html._remembered_slots.cache_info()
    assert (info.hits, info.misses) == (1, 3)
    # The same week in French is remembered apart.
    assert "Réserver le" in french and "Réserver" not in tables[2]
    # Each instrument's free slots lead to its own booking page, never the first's.
    assert "/instruments/7/book/" in tables[0] and "/instruments/8/" not in tables[0]
    assert "/instruments/8/book/" in tables[1] and "/instruments/7/" not in tables[1]
    assert "<\x00>" not in "".join(tables)
