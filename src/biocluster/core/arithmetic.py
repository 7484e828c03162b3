"""The arithmetic of indicators: periods, totals, groups, rates, differences. Pure: no Django.

An indicator's period is one of three kinds (`PeriodKind`): a state *at* a date (companies
on site on 31 December), a flow *over* a year (funds raised in 2024), or a running total
*since* a date (funds raised since the cluster's founding in 1998). `period_for` turns the
question a person asks ("2024", or "on 2024-06-30") into the dates an indicator counts.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

AT = "at"  # a state at a date
YEAR = "year"  # a flow over a year (up to a date within it)
CUMULATIVE = "cumulative"  # a running total since a fixed date
PERIOD_KINDS = (AT, YEAR, CUMULATIVE)

Number = int | Decimal


@dataclass(frozen=True)
class Period:
    """The days an indicator counts: `start` to `end`, both included; no start for a state."""

    kind: str
    end: date
    start: date | None = None

    def __post_init__(self):
        if self.kind not in PERIOD_KINDS:
            raise ValueError(f"unknown period kind {self.kind!r}")
        if self.start is not None and self.start > self.end:
            raise ValueError("a period cannot end before it starts")
        if self.kind == AT and self.start is not None:
            raise ValueError("a state at a date has no start")

    @property
    def year(self) -> int:
        return self.end.year

    def contains(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and day <= self.end

    @property
    def key(self) -> str:
        """A stable name for the period, as a snapshot would file it ("2024", "at:2024-06-30")."""
        if self.kind == YEAR and self.start == date(self.year, 1, 1) and self.end == date(self.year, 12, 31):
            return str(self.year)
        return f"{self.kind}:{self.start or ''}:{self.end}"


def period_for(
    kind: str, *, year: int | None = None, at: date | None = None, since: date | None = None
) -> Period:
    """The period an indicator of `kind` counts for a year (to its 31 December) or up to a date.

    A flow asked `at` a date counts from the first of January of that date's year (year to
    date); a running total counts from `since` (required for that kind).
    """
    if (year is None) == (at is None):
        raise ValueError("give a year or a date, not both")
    end = at or date(year, 12, 31)
    if kind == AT:
        return Period(AT, end)
    if kind == YEAR:
        return Period(YEAR, end, date(end.year, 1, 1))
    if kind == CUMULATIVE:
        if since is None:
            raise ValueError("a running total needs the date it runs from")
        return Period(CUMULATIVE, end, min(since, end))
    raise ValueError(f"unknown period kind {kind!r}")


def last_years(year: int, count: int) -> list[int]:
    """The `count` years up to and including `year`, oldest first (a trend's columns)."""
    return list(range(year - count + 1, year + 1))


def total(values: Iterable[Number | None]) -> Number:
    """The sum of values, missing ones counted as nothing; whole numbers stay whole."""
    result: Number = 0
    for value in values:
        if value is not None:
            result += value
    return result


def group_totals(
    pairs: Iterable[tuple[str | None, Number | None]], *, missing: str = ""
) -> dict[str, Number]:
    """Values added up per group, groups in their first order; no group is `missing`."""
    totals: dict[str, Number] = {}
    for key, value in pairs:
        name = missing if key is None or key == "" else str(key)
        totals[name] = totals.get(name, 0) + (value or 0)
    return totals


def rate(part: Number, whole: Number) -> Decimal | None:
    """`part` out of `whole` as a ratio (0..1), None when there is nothing to divide."""
    if not whole:
        return None
    return Decimal(part) / Decimal(whole)


def difference(computed: Number | None, published: Number | None) -> Number | None:
    """How far a computed value is from a published one (computed minus published)."""
    if computed is None or published is None:
        return None
    return Decimal(computed) - Decimal(published)


def hours(seconds: float | int) -> Decimal:
    """A duration in hours, to the hundredth (as a booking's or a session's hours are shown)."""
    return (Decimal(int(seconds)) / Decimal(3600)).quantize(Decimal("0.01"))
