"""The pure modules: calendar arithmetic, quota accounting, the pipeline's arithmetic."""

from datetime import date
from decimal import Decimal

from biocluster.programmes import arithmetic, dates, quota


def test_programme_end_is_inclusive_and_handles_short_months():
    assert dates.programme_end(date(2025, 1, 1), 6) == date(2025, 6, 30)
    assert dates.programme_end(date(2025, 1, 1), 12) == date(2025, 12, 31)
    assert dates.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert dates.add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)
    assert dates.programme_end(date(2024, 8, 31), 6) == date(2025, 2, 27)


def test_overlaps_counts_shared_days():
    assert dates.overlaps(date(2025, 1, 1), date(2025, 6, 30), date(2025, 6, 30), date(2025, 12, 31))
    assert not dates.overlaps(date(2025, 1, 1), date(2025, 6, 30), date(2025, 7, 1), date(2025, 12, 31))


def test_quota_in_hours_and_days():
    assert quota.HOURS_PER_DAY == 7
    assert quota.days_to_hours(Decimal(20)) == Decimal(140)
    assert quota.hours_to_days(Decimal("10.5")) == Decimal("1.50")
    assert quota.left(Decimal(140), Decimal(133)) == Decimal(7)
    assert quota.left(None, Decimal(5)) is None
    assert quota.would_exceed(Decimal(140), Decimal(133), Decimal("7.01"))
    assert not quota.would_exceed(Decimal(140), Decimal(133), Decimal(7))
    assert not quota.would_exceed(None, Decimal(1000), Decimal(7))


def test_median():
    assert arithmetic.median([]) is None
    assert arithmetic.median([5, 1, 3]) == 3
    assert arithmetic.median([4, 1, 3, 2]) == 2.5


def test_funnel_shares_of_the_applicants():
    steps = arithmetic.funnel({"applied": 10, "accepted": 4, "graduated": 2})
    assert [(s.stage, s.count) for s in steps] == [
        ("applied", 10),
        ("accepted", 4),
        ("graduated", 2),
        ("accredited", 0),
    ]
    assert steps[1].share == 0.4
    assert arithmetic.funnel({})[0].share is None


def test_sum_by_keeps_the_first_order():
    totals = arithmetic.sum_by(
        [("2024", Decimal(1)), ("2023", Decimal(2)), ("2024", None), ("2024", Decimal(3))]
    )
    assert list(totals.items()) == [("2024", Decimal(4)), ("2023", Decimal(2))]


def test_months_between():
    assert dates.months_between(date(2025, 1, 1), date(2025, 6, 30)) == 5.9
