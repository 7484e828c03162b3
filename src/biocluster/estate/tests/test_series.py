"""The monthly series summed in SQL gives, month by month, what `occupancy()` gives at each date."""

import datetime
import random
from decimal import Decimal

import pytest

from biocluster.directory.tests.factories import CampusFactory
from biocluster.estate import occupancy_summary
from biocluster.estate.models import UnitStatus
from biocluster.estate.occupancy import occupancy, occupancy_by
from biocluster.estate.series import series, series_by

from .factories import AgreementFactory, BuildingFactory, UnitFactory, line

pytestmark = pytest.mark.django_db
D = datetime.date
STATUSES = ["available", "available", "planned", "under_works", "let"]


def random_estate(rng: random.Random):
    """Units on two campuses with status rows on random days (some the same day, some on the 1st:
    the last written wins) and lines one after another starting and ending any day, some
    inactive. As the services see to it, a unit is in service while an active line covers it."""
    campuses = [CampusFactory(name="North"), CampusFactory(name="South")]
    units = [
        UnitFactory(
            building=BuildingFactory(campus=rng.choice(campuses)),
            kind=rng.choice(["office", "bsl1_lab", "mixed", "meeting_room"]),
            area=Decimal(rng.randrange(90, 3000)) / 10,
            status=rng.choice(STATUSES),
        )
        for _ in range(10)
    ]
    first = AgreementFactory()
    agreements = [first] + [AgreementFactory(organisation=first.organisation) for _ in range(40)]
    statuses, starts = [], []
    for unit in units:
        spans, day = [], D(2018, 6, 1) + datetime.timedelta(days=rng.randrange(0, 400))
        for agreement in agreements:  # a unit has one line per agreement
            if day >= D(2025, 6, 1):
                break
            end = day + datetime.timedelta(days=rng.randrange(0, 700))
            active = rng.random() < 0.85
            line(agreement, unit, day, end, active=active)
            if active:
                spans.append((day, end))
                starts.append(UnitStatus(unit=unit, status="let", since=day))
            day = end + datetime.timedelta(days=rng.randrange(1, 90))
        for _ in range(rng.randrange(0, 8)):
            day = D(2018, 1, 1) + datetime.timedelta(days=rng.randrange(0, 2600))
            if rng.random() < 0.3:
                day = day.replace(day=1)
            let = any(start <= day <= end for start, end in spans)
            status = rng.choice(STATUSES[:2] + STATUSES[-1:] if let else STATUSES)
            statuses += [UnitStatus(unit=unit, status=status, since=day)] * (1 + (rng.random() < 0.2))
    rows = statuses + starts  # written after the others, the let rows win on their day
    UnitStatus.objects.bulk_create([UnitStatus(unit=s.unit, status=s.status, since=s.since) for s in rows])
    occupancy_summary.refresh(units)  # written without the services
    return campuses


def test_the_series_equals_occupancy_at_each_first_of_month():
    random_estate(random.Random(7))
    months = series(D(2018, 11, 20), D(2025, 3, 3))
    assert months[0][0] == D(2018, 11, 1) and months[-1][0] == D(2025, 3, 1) and len(months) == 77
    assert any(figures.units_let for _day, figures in months)
    assert len({figures.units_total for _day, figures in months}) > 2  # the stock changes too
    for day, figures in months:
        assert figures == occupancy(day), day
    for by in ("campus", "kind"):
        grouped = series_by(D(2018, 11, 1), D(2025, 3, 1), by)
        for index, (day, _figures) in list(enumerate(months))[::4]:
            expected = occupancy_by(day, by)
            found = {group: rows[index][1] for group, rows in grouped.items() if rows[index][1].units_total}
            assert found == {key: value for key, value in expected.items() if value.units_total}, (day, by)


def test_a_filtered_series_and_an_empty_one():
    north, _south = random_estate(random.Random(3))
    from biocluster.estate.models import Unit

    units = Unit.objects.lettable().filter(building__campus=north)
    for day, figures in series(D(2019, 1, 1), D(2024, 12, 1), building__campus=north):
        assert figures == occupancy(day, units=units), day
    assert series(D(2019, 3, 1), D(2019, 1, 1)) == []
    assert series(D(1990, 1, 1), D(1990, 2, 1), kind="office") == [
        (D(1990, 1, 1), occupancy(D(1990, 1, 1), units=Unit.objects.none())),
        (D(1990, 2, 1), occupancy(D(1990, 2, 1), units=Unit.objects.none())),
    ]
