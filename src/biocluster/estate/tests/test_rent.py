"""The rent arithmetic: indexation, periods, amounts due (pure, no database)."""

import datetime
from decimal import Decimal

from biocluster.estate import rent

D = datetime.date


def test_indexed_rent_is_the_base_times_the_ratio_of_indices_rounded_to_the_cent():
    assert rent.indexed_rent(Decimal("12000"), Decimal("120.00"), Decimal("126.00")) == Decimal("12600.00")
    # 10,000 * 131.12 / 127.53 = 10,281.50...
    assert rent.indexed_rent(Decimal("10000"), Decimal("127.53"), Decimal("131.12")) == Decimal("10281.50")


def test_each_anniversary_takes_the_latest_value_published_by_then():
    values = {
        D(2024, 10, 1): Decimal("130.00"),
        D(2025, 10, 1): Decimal("132.60"),
        D(2026, 10, 1): Decimal("140"),
    }
    steps = rent.indexations(D(2024, 1, 1), D(2026, 12, 31), Decimal("10000"), Decimal("125.00"), values)
    assert [(s.since, s.index_value, s.yearly_rent) for s in steps] == [
        (D(2024, 1, 1), None, Decimal("10000.00")),
        (D(2025, 1, 1), Decimal("130.00"), Decimal("10400.00")),
        (D(2026, 1, 1), Decimal("132.60"), Decimal("10608.00")),
    ]
    assert (
        steps[1].calculation(Decimal("10000"), Decimal("125.00"))
        == f"10000.00 {rent.TIMES} 130.00 / 125.00 = 10400.00"
    )


def test_without_a_new_value_the_rent_stays_and_without_an_index_it_is_never_indexed():
    steps = rent.indexations(D(2024, 1, 1), D(2025, 6, 30), Decimal("10000"), Decimal("125"), {})
    assert [s.yearly_rent for s in steps] == [Decimal("10000.00"), Decimal("10000.00")]
    assert len(rent.indexations(D(2024, 1, 1), D(2030, 1, 1), Decimal("10000"), None, {})) == 1


def test_quarters_are_calendar_quarters_clipped_to_the_agreement():
    assert rent.periods(D(2026, 2, 15), D(2026, 8, 10), rent.QUARTERLY) == [
        (D(2026, 2, 15), D(2026, 3, 31)),
        (D(2026, 4, 1), D(2026, 6, 30)),
        (D(2026, 7, 1), D(2026, 8, 10)),
    ]
    assert rent.periods(D(2026, 1, 31), D(2026, 3, 1), rent.MONTHLY)[-1] == (D(2026, 3, 1), D(2026, 3, 1))


def test_a_full_quarter_is_a_quarter_of_the_year_and_a_part_its_days_share():
    full = rent.amount_due(
        first=D(2026, 1, 1),
        last=D(2026, 3, 31),
        frequency="quarterly",
        yearly_rent=Decimal("12000"),
        yearly_charges=Decimal("1200"),
    )
    assert full == (Decimal("3000.00"), Decimal("300.00"))
    half = rent.amount_due(
        first=D(2026, 4, 16),
        last=D(2026, 4, 30),
        frequency="monthly",
        yearly_rent=Decimal("12000"),
        yearly_charges=Decimal("0"),
    )
    assert half == (Decimal("500.00"), Decimal("0.00"))


def test_rent_free_months_owe_the_charges_only():
    dues = rent.schedule(
        start=D(2026, 1, 1),
        last_day=D(2026, 6, 30),
        frequency="monthly",
        base_rent=Decimal("12000"),
        yearly_charges=Decimal("1200"),
        free_months=2,
    )
    assert [(d.rent, d.charges) for d in dues[:3]] == [
        (Decimal("0.00"), Decimal("100.00")),
        (Decimal("0.00"), Decimal("100.00")),
        (Decimal("1000.00"), Decimal("100.00")),
    ]
    assert sum(d.total for d in dues) == Decimal("4000.00") + Decimal("600.00")


def test_the_schedule_applies_the_indexed_rent_from_the_period_after_the_anniversary():
    dues = rent.schedule(
        start=D(2025, 1, 1),
        last_day=D(2026, 3, 31),
        frequency="quarterly",
        base_rent=Decimal("10000"),
        yearly_charges=Decimal("0"),
        base_index=Decimal("100"),
        index_values={D(2025, 10, 1): Decimal("103")},
    )
    assert [d.rent for d in dues] == [Decimal("2500.00")] * 4 + [Decimal("2575.00")]


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert rent.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert rent.add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)
    assert rent.add_months(D(2025, 12, 15), 12) == D(2026, 12, 15)
