"""When the let space comes back: the lease expiry profile and the weighted average unexpired
lease term (WALT). Pure arithmetic on the lines let at a date; no Django (an import-linter
contract), so that the hand-made cases of the tests read like the definitions.

A line's unexpired term at a date runs from that date to its last day, both included, in
years of 365.25 days; to its first break, to the first break date on or after the date (a
break date is a day the tenant may leave on, counted like a last day), else to its end.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

YEAR_DAYS = Decimal("365.25")
HORIZON_MONTHS = 36
RENT, AREA = "rent", "area"


@dataclass(frozen=True)
class Term:
    """One unit let at the date: its area, its yearly rent, its last day and its break dates."""

    area: Decimal
    rent: Decimal
    end: datetime.date
    breaks: tuple[datetime.date, ...] = ()

    def last_day(self, at: datetime.date, *, to_break: bool = False) -> datetime.date:
        if to_break:
            return min((day for day in self.breaks if at <= day <= self.end), default=self.end)
        return self.end

    def years_left(self, at: datetime.date, *, to_break: bool = False) -> Decimal:
        """Unrounded: WALT rounds once, at the end."""
        return Decimal((self.last_day(at, to_break=to_break) - at).days + 1) / YEAR_DAYS


def walt(
    terms: Iterable[Term], at: datetime.date, *, weight: str = RENT, to_break: bool = False
) -> Decimal | None:
    """The years left on the terms, weighted by their rent or their area, to two decimals
    (half up); None when nothing weighs (no unit let, or only free occupations by rent)."""
    weighted = total = Decimal(0)
    for term in terms:
        amount = term.rent if weight == RENT else term.area
        weighted += amount * term.years_left(at, to_break=to_break)
        total += amount
    if not total:
        return None
    return (weighted / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def month_number(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def first_day(number: int) -> datetime.date:
    return datetime.date(number // 12, number % 12 + 1, 1)


def horizon_end(at: datetime.date, months: int = HORIZON_MONTHS) -> datetime.date:
    """The last day of the profile: the end of the `months`-th month counting `at`'s own."""
    return first_day(month_number(at) + months) - datetime.timedelta(days=1)


def profile(
    terms: Iterable[Term], at: datetime.date, *, months: int = HORIZON_MONTHS, quarters: bool = False
) -> list[tuple[datetime.date, Decimal, Decimal]]:
    """(first day of the month or calendar quarter, area, yearly rent) of the terms ending in it,
    for every month from `at`'s over `months` months (quarters: the quarters they fall in,
    the first and last ones possibly partial). Terms ending later are left out."""
    first = month_number(at)

    def bucket(number: int) -> int:
        return number - number % 3 if quarters else number

    buckets = {bucket(number): [Decimal(0), Decimal(0)] for number in range(first, first + months)}
    for term in terms:
        number = month_number(term.end)
        if first <= number < first + months:
            figures = buckets[bucket(number)]
            figures[0] += term.area
            figures[1] += term.rent
    return [(first_day(number), area, rent) for number, (area, rent) in buckets.items()]
