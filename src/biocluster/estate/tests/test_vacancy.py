"""The vacancy of the units let in a year: how long each had stood vacant before its new
agreement began (`estate.relet_vacancy_days`), on a hand-made estate, in 2025."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from biocluster.core import indicators as ind
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.estate import services

from .factories import UnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def estate(staff_user, tenant, building):
    other = OrganisationFactory(name="Second Tenant")

    def let(unit, start, end, organisation=tenant, **terms):
        return services.create_agreement(
            actor=staff_user,
            organisation=organisation,
            units=[unit],
            start=start,
            end=end,
            kind="lease",
            **terms,
        )

    units = {
        code: UnitFactory(building=building, code=code, kind=kind, area=Decimal("50"))
        for code, kind in [
            ("A", "office"),
            ("B", "bsl2_lab"),
            ("C", "office"),
            ("D", "office"),
            ("E", "office"),
        ]
    }
    units["W"] = UnitFactory(building=building, code="W", kind="office", area=Decimal("50"), status="planned")
    room = UnitFactory(building=building, code="R", kind="meeting_room", area=Decimal("80"))
    # A: a lease ends on 31 March; the next tenant comes on 1 June: vacant April and May.
    let(units["A"], D(2024, 1, 1), D(2025, 3, 31))
    let(units["A"], D(2025, 6, 1), D(2027, 5, 31), other)
    # B: never let, available since 2000 (the factory's first status), let from 1 February.
    let(units["B"], D(2025, 2, 1), D(2026, 1, 31))
    # C: the next tenant comes the day after: no gap.
    first = let(units["C"], D(2024, 1, 1), D(2025, 6, 30))
    let(units["C"], D(2025, 7, 1), D(2026, 6, 30), other)
    # D: a renewal signed as a new agreement is no new letting; E: cancelled.
    let(units["D"], D(2024, 1, 1), D(2024, 12, 31))
    renewed = let(units["D"], D(2025, 1, 1), D(2025, 12, 31), renewal_of=first)
    services.cancel_agreement(actor=staff_user, agreement=let(units["E"], D(2025, 3, 1), D(2025, 9, 30)))
    # W: planned, under works, then in service on 1 March; let from 10 March.
    services.set_unit_status(actor=staff_user, unit=units["W"], status="under_works", since=D(2024, 6, 1))
    services.set_unit_status(actor=staff_user, unit=units["W"], status="available", since=D(2025, 3, 1))
    let(units["W"], D(2025, 3, 10), D(2026, 3, 9))
    # Let in 2026: another year.
    let(units["E"], D(2026, 1, 1), D(2026, 12, 31))
    assert room and renewed
    return units


def tenth(fraction: Fraction) -> Decimal:
    """A mean of days as the indicator gives it: rounded half up to a tenth (by hand: no float)."""
    tenths = fraction * 10
    whole = tenths.numerator // tenths.denominator
    return Decimal(whole + (1 if tenths - whole >= Fraction(1, 2) else 0)) / 10


def value(by=None, year=2025):
    indicator = ind.get("estate.relet_vacancy_days")
    return indicator.evaluate(indicator.period(year=year), by)


def test_each_unit_let_in_the_year_with_the_days_it_stood_vacant(estate):
    result = value()
    since_2000 = (D(2025, 2, 1) - D(2000, 1, 1)).days
    records = {record.label: (record.date, record.value) for record in result.records}
    assert records == {
        "A": (D(2025, 6, 1), 61),  # April and May
        "B": (D(2025, 2, 1), since_2000),
        "C": (D(2025, 7, 1), 0),
        "W": (D(2025, 3, 10), 9),  # in service from 1 March (under works before: not vacant)
    }
    assert result.value == tenth(Fraction(61 + since_2000 + 0 + 9, 4))  # 2,308.25: 2,308.3
    assert value(ind.BY_UNIT_KIND).groups == {
        "BSL2 laboratory": since_2000,
        "Office": tenth(Fraction(61 + 0 + 9, 3)),  # 23.3
    }
    assert value(ind.BY_CAMPUS).groups == {"Campus 1": result.value}
    assert [record.label for record in value(year=2026).records] == ["E"]


def test_no_unit_let_no_value(db):
    result = value()
    assert result.value is None and result.records.count() == 0
