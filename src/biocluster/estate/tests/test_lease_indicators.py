"""The estate's indicators on a hand-made estate on 1 January 2026: each value, its records, its groups."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from biocluster.core import indicators as ind
from biocluster.estate import services

from .factories import UnitFactory
from .test_expiry import exactly

pytestmark = pytest.mark.django_db
D = datetime.date
AT = D(2026, 1, 1)


@pytest.fixture
def estate(staff_user, tenant, building):
    def let(unit, start, end, rent="0", kind="lease", breaks=()):
        services.create_agreement(
            actor=staff_user,
            organisation=tenant,
            units=[unit],
            start=start,
            end=end,
            kind=kind,
            rent_per_m2=Decimal(rent),
            break_dates=breaks,
        )

    units = {
        code: UnitFactory(building=building, code=code, kind=kind, area=Decimal(area))
        for code, kind, area in [
            ("A", "office", "100"),
            ("B", "bsl2_lab", "50"),
            ("C", "mixed", "30"),
            ("D", "office", "40"),
            ("E", "bsl2_lab", "20"),
        ]
    }
    UnitFactory(building=building, code="P", area=Decimal("500"), status="planned")
    UnitFactory(building=building, code="R", kind="meeting_room", area=Decimal("80"))
    let(units["A"], D(2025, 1, 1), D(2029, 12, 31), "200", breaks=[D(2026, 6, 30)])
    let(units["B"], D(2024, 1, 1), D(2027, 12, 31), "100")
    let(units["C"], D(2025, 3, 16), D(2026, 3, 15), kind="free")
    let(units["D"], D(2024, 1, 1), D(2025, 10, 31), "150")  # vacant since 1 November 2025
    return units


def value(code: str, by=None):
    indicator = ind.get(code)
    return indicator.evaluate(indicator.period(at=AT), by)


def test_occupancy_by_area_and_by_units(estate):
    assert value("estate.units_let").value == 3
    assert value("estate.area_in_service").value == 240
    assert value("estate.occupancy_rate").value == Decimal("0.75")  # 180 m² of 240
    assert value("estate.unit_occupancy_rate").value == Decimal("0.6")
    assert value("estate.unit_occupancy_rate", ind.BY_UNIT_KIND).groups == {
        "Office": Decimal("0.5"),
        "BSL2 laboratory": Decimal("0.5"),
        "Mixed office and laboratory": Decimal("1"),
    }
    assert value("estate.area_let", ind.BY_UNIT_KIND).groups == {
        "BSL2 laboratory": Decimal("50"),
        "Mixed office and laboratory": Decimal("30"),
        "Office": Decimal("100"),
    }


def test_vacancy_duration(estate):
    result = value("estate.vacancy_days")
    since_2000 = (AT - D(2000, 1, 1)).days + 1  # E: never let, available since 2000
    days = {record.label: (record.date, record.value) for record in result.records}
    assert days == {"D": (D(2025, 11, 1), 62), "E": (D(2000, 1, 1), since_2000)}
    assert result.value == exactly(Fraction(62 + since_2000, 2))
    assert value("estate.vacancy_days", ind.BY_UNIT_KIND).groups == {
        "BSL2 laboratory": since_2000,
        "Office": 62,
    }


def test_expiry_within_36_months(estate):
    area = value("estate.area_expiring")
    assert area.value == 80  # B (end of 2027) and C (March 2026); A ends in 2029
    assert sorted(record.label for record in area.records) == ["B", "C"]
    assert value("estate.area_expiring", ind.BY_YEAR).groups == {"2026": 30, "2027": 50}
    assert value("estate.rent_expiring").value == 5000


def test_walt(estate):
    year = Fraction(36525, 100)
    assert value("estate.walt_rent").value == exactly((20000 * 1461 + 5000 * 730) / year / 25000)
    assert value("estate.walt_area").value == exactly((100 * 1461 + 50 * 730 + 30 * 74) / year / 180)
    assert value("estate.walt_area_to_break").value == exactly((100 * 181 + 50 * 730 + 30 * 74) / year / 180)
    assert value("estate.walt_rent_to_break").value == exactly((20000 * 181 + 5000 * 730) / year / 25000)
    assert value("estate.walt_area", ind.BY_UNIT_KIND).groups["Office"] == 4
    records = {record.label: record.value for record in value("estate.walt_rent").records}
    assert records == {"A": 1461, "B": 730, "C": 74}  # days left, both days counted
