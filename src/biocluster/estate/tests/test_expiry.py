"""The expiry profile and the WALT on hand-made leases: the arithmetic, exactly."""

import datetime
from decimal import Decimal
from fractions import Fraction

from biocluster.estate.expiry import AREA, RENT, Term, horizon_end, profile, walt

D = datetime.date
AT = D(2026, 1, 1)
# Four years of 365.25 days from 1 January 2026 end on 31 December 2029: 1,461 days.
FOUR_YEARS = Term(Decimal("100"), Decimal("20000"), D(2029, 12, 31))
# 730 days: to 31 December 2027, with a break on 30 June 2026 (181 days).
TWO_YEARS = Term(
    Decimal("50"), Decimal("5000"), D(2027, 12, 31), (D(2025, 6, 30), D(2026, 6, 30), D(2027, 6, 30))
)
FREE = Term(Decimal("30"), Decimal("0"), D(2026, 3, 15))  # a free occupation: 74 days


def exactly(fraction: Fraction) -> Decimal:
    """What the definition gives, rounded half up to two decimals (by hand: no float)."""
    hundredths = fraction * 100
    whole = hundredths.numerator // hundredths.denominator
    return Decimal(whole + (1 if hundredths - whole >= Fraction(1, 2) else 0)) / 100


def test_years_left_count_both_days():
    assert FOUR_YEARS.years_left(AT) == 4
    assert FREE.years_left(AT) == Decimal(74) / Decimal("365.25")
    assert TWO_YEARS.years_left(AT, to_break=True) == Decimal(181) / Decimal("365.25")
    assert TWO_YEARS.years_left(D(2026, 7, 1), to_break=True) == Decimal(365) / Decimal("365.25")


def test_walt_by_rent_and_by_area():
    terms = [FOUR_YEARS, TWO_YEARS, FREE]
    year = Fraction(36525, 100)
    by_rent = (20000 * Fraction(1461) + 5000 * Fraction(730)) / year / 25000
    by_area = (100 * Fraction(1461) + 50 * Fraction(730) + 30 * Fraction(74)) / year / 180
    assert walt(terms, AT, weight=RENT) == exactly(by_rent) == Decimal("3.60")
    assert walt(terms, AT, weight=AREA) == exactly(by_area) == Decimal("2.81")
    to_break = (100 * Fraction(1461) + 50 * Fraction(181) + 30 * Fraction(74)) / year / 180
    assert walt(terms, AT, weight=AREA, to_break=True) == exactly(to_break) == Decimal("2.39")
    assert walt([FREE], AT, weight=RENT) is None  # nothing weighs
    assert walt([], AT, weight=AREA) is None


def test_the_profile_by_month_and_by_quarter():
    terms = [FOUR_YEARS, TWO_YEARS, FREE, Term(Decimal("10"), Decimal("1500"), D(2028, 12, 31))]
    months = profile(terms, D(2026, 1, 20))
    assert len(months) == 36 and months[0][0] == D(2026, 1, 1) and months[-1][0] == D(2028, 12, 1)
    shown = {day: (area, rent) for day, area, rent in months if area}
    assert shown == {
        D(2026, 3, 1): (Decimal("30"), Decimal("0")),
        D(2027, 12, 1): (Decimal("50"), Decimal("5000")),
        D(2028, 12, 1): (Decimal("10"), Decimal("1500")),
    }  # 2029 is past the horizon
    assert sum(area for _day, area, _rent in months) == 90
    quarters = profile(terms, D(2026, 2, 10), quarters=True)
    assert [day for day, _a, _r in quarters][:2] == [D(2026, 1, 1), D(2026, 4, 1)]
    assert quarters[-1][0] == D(2029, 1, 1) and len(quarters) == 13  # February 2026 to January 2029
    assert {day: area for day, area, _rent in quarters if area} == {
        D(2026, 1, 1): Decimal("30"),
        D(2027, 10, 1): Decimal("50"),
        D(2028, 10, 1): Decimal("10"),
    }
    assert horizon_end(D(2026, 1, 20)) == D(2028, 12, 31)
