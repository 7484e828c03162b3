"""The grid's slots found closed, past or free by bisection (issue 11) are the ones a test of
each slot finds, on ordinary weeks and on the weeks the clocks change."""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from biocluster.platforms import calendar, timeutils
from biocluster.platforms.calendar import Hours

PARIS = ZoneInfo("Europe/Paris")


def _each_slot(starts, length, now, *, shut, periods, down, down_until):
    kinds = []
    for start in starts:
        end = start + length
        inside = periods is None or any(begins <= start and end <= ends for begins, ends in periods)
        if shut or not inside or (down and (down_until is None or start < down_until)):
            kinds.append("closed")
        elif start < now:
            kinds.append("past")
        else:
            kinds.append("free")
    return kinds


@pytest.mark.parametrize(
    "monday",
    [date(2026, 6, 15), date(2026, 3, 23), date(2026, 10, 19), date(2026, 12, 28)],
    ids=["june", "spring-forward", "fall-back", "new-year"],
)
def test_bisection_agrees_with_a_test_of_each_slot(monday):
    rng = random.Random(monday.toordinal())
    days = calendar.week_days(monday)
    for _ in range(60):
        slot = rng.choice([15, 30, 60])
        minutes = range(0, 24 * 60, slot)
        length = timedelta(minutes=slot)
        hours = [
            Hours(weekday, time(rng.randint(0, 12)), time(rng.choice([0, 13, 18, 20, 23])))
            for weekday in rng.sample(range(7), rng.randint(0, 7))
        ]
        periods = (
            timeutils.opening_intervals(hours, days[0] - timedelta(days=1), days[-1], PARIS)
            if hours
            else None
        )
        now = datetime.combine(days[0], time(0), PARIS) + timedelta(minutes=rng.randint(-600, 8 * 24 * 60))
        down = rng.random() < 0.3
        down_until = None if rng.random() < 0.5 else now + timedelta(minutes=rng.randint(-600, 3000))
        starts_of = calendar.slot_starts_of(days, minutes, PARIS)
        for day in days:
            assert starts_of[day] == timeutils.slot_starts(day, minutes, PARIS)
            rules = {"shut": rng.random() < 0.1, "down": down, "down_until": down_until}
            found = calendar._kinds(starts_of[day], length, now, open_periods=periods, **rules)
            assert found == _each_slot(starts_of[day], length, now, periods=periods, **rules), (
                day,
                slot,
                hours,
            )
