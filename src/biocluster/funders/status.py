"""The status of a target: met, on track, at risk, missed or not started. Pure: no Django.

The rule, for a target of an indicator in a year, seen on a day (`today`, given by the
caller: the pages give the server's date, the tests a fixed one):

- a year not begun yet: **not started**;
- the actual value has reached the target: **met** (whatever the year);
- a year that is over, the target not reached: **missed**;
- the current year: the value expected by now is the baseline plus the share of the way
  from the baseline to the target that matches the share of the year elapsed (days elapsed
  to `today` included, over the days of the year). For a flow over the year (funds raised
  in the year) the baseline is 0; for a state or a running total it is the value at the
  end of the previous year; a percentage is not prorated (expected: the target itself).
  The actual at or above the expected value: **on track**; below it: **at risk**;
- no actual value (a figure not computed yet): **unknown**.
"""

from calendar import isleap
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

MET = "met"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
MISSED = "missed"
NOT_STARTED = "not_started"
UNKNOWN = "unknown"
STATUSES = (MET, ON_TRACK, AT_RISK, MISSED, NOT_STARTED, UNKNOWN)


def share_of_year(year: int, today: date) -> Decimal:
    """The share of `year` elapsed on `today`, that day included: 0 before it, 1 after it."""
    if today.year < year:
        return Decimal(0)
    if today.year > year:
        return Decimal(1)
    elapsed = (today - date(year, 1, 1)).days + 1
    return Decimal(elapsed) / Decimal(366 if isleap(year) else 365)


@dataclass(frozen=True)
class Assessment:
    status: str
    expected: Decimal | None  # the value expected by `today` (the target once the year is over)


def assess(
    *,
    target: Decimal,
    actual: Decimal | int | None,
    year: int,
    today: date,
    baseline: Decimal | int | None = 0,
    prorate: bool = True,
) -> Assessment:
    """The status of `target` for `year` on `today` given the `actual` value (see the module)."""
    target = Decimal(target)
    if today.year < year:
        return Assessment(NOT_STARTED, Decimal(0) if prorate else None)
    if actual is None:
        return Assessment(UNKNOWN, None)
    actual = Decimal(actual)
    if actual >= target:
        return Assessment(MET, target)
    if today.year > year:
        return Assessment(MISSED, target)
    if not prorate:
        return Assessment(AT_RISK, target)
    start = Decimal(baseline or 0)
    expected = start + (target - start) * share_of_year(year, today)
    return Assessment(ON_TRACK if actual >= expected else AT_RISK, expected)
