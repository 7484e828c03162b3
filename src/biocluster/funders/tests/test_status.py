"""The status rule at fixed dates (pure: no database)."""

from datetime import date
from decimal import Decimal

import pytest

from biocluster.funders import status as rule


@pytest.mark.parametrize(
    ("actual", "today", "expected"),
    [
        (12, date(2022, 12, 31), rule.MET),  # reached, at the year's end
        (12, date(2022, 3, 1), rule.MET),  # reached early: met whatever the date
        (9, date(2023, 1, 2), rule.MISSED),  # the year is over, below the target
        (6, date(2022, 7, 2), rule.AT_RISK),  # 183/365 of 12 is 6.016: 6 is just below
        (7, date(2022, 7, 2), rule.ON_TRACK),  # above 6.016
        (5, date(2022, 7, 2), rule.AT_RISK),
        (3, date(2022, 3, 31), rule.ON_TRACK),  # 90/365 of 12 is 2.96
        (2, date(2022, 3, 31), rule.AT_RISK),
        (0, date(2021, 12, 31), rule.NOT_STARTED),  # the year has not begun
        (None, date(2022, 6, 1), rule.UNKNOWN),
    ],
)
def test_status_of_a_target_of_12_in_2022(actual, today, expected):
    assert rule.assess(target=Decimal(12), actual=actual, year=2022, today=today).status == expected


def test_the_share_of_the_year_counts_the_day_itself_and_leap_years():
    assert rule.share_of_year(2022, date(2022, 1, 1)) == Decimal(1) / Decimal(365)
    assert rule.share_of_year(2024, date(2024, 12, 31)) == 1
    assert rule.share_of_year(2022, date(2021, 12, 31)) == 0
    assert rule.share_of_year(2022, date(2023, 1, 1)) == 1


def test_a_state_is_prorated_from_the_value_at_the_end_of_the_previous_year():
    # 70 companies at the end of 2021, 80 aimed at for 2022: on 2 July, 75.0 expected (183/365 of the way)
    on_2_july = date(2022, 7, 2)
    assess = rule.assess
    assert assess(target=80, actual=76, year=2022, today=on_2_july, baseline=70).status == rule.ON_TRACK
    assert assess(target=80, actual=74, year=2022, today=on_2_july, baseline=70).status == rule.AT_RISK
    # from zero, 74 would look far ahead of a prorated 40: the baseline matters
    assert assess(target=80, actual=74, year=2022, today=on_2_july, baseline=0).status == rule.ON_TRACK


def test_a_percentage_is_not_prorated():
    result = rule.assess(
        target=Decimal("0.3"), actual=Decimal("0.2"), year=2022, today=date(2022, 2, 1), prorate=False
    )
    assert result.status == rule.AT_RISK and result.expected == Decimal("0.3")
