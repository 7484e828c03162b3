from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from biocluster.platforms import timeutils

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("day", "zone"),
    [
        (date(2026, 12, 7), PARIS),
        (date(2026, 3, 29), PARIS),  # 23 hours: 02:00-03:00 does not exist
        (date(2026, 10, 25), PARIS),  # 25 hours: 02:00-03:00 happens twice
        (date(2026, 3, 8), ZoneInfo("America/New_York")),
        (date(2026, 4, 5), ZoneInfo("Australia/Sydney")),
    ],
)
@pytest.mark.parametrize("slot", [15, 30, 60])
def test_slot_starts_are_the_instants_at_gives_one_by_one(day, zone, slot):
    minutes = range(0, 24 * 60, slot)
    assert timeutils.slot_starts(day, minutes, zone) == [
        timeutils.at(day, time(m // 60, m % 60), zone) for m in minutes
    ]
