"""A unit's steps in the monthly occupancy (no Django): what it adds to the stock and to the let
part on the first day of each month, the very rules of `series` and `occupancy()`.

Months are numbered year * 12 + month - 1. A status row in service counts from the first
month-start on or after its day until the first month-start on or after the unit's next row
(rows in the order of their day, then of their writing: the later row of a day wins); an
active line counts from the first month-start on or after its start until the month after
its end.
"""

import datetime
from collections.abc import Iterable

Steps = dict[int, list[int]]  # month: [stock area (tenths of m²), stock units, let area, let units]


def month_of(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def month_after(day: datetime.date) -> int:
    """The number of the first month-start on or after `day`."""
    return month_of(day) + (day.day > 1)


def first_day(month: int) -> datetime.date:
    return datetime.date(month // 12, month % 12 + 1, 1)


def _add(steps: Steps, month: int, index: int, area: int, sign: int) -> None:
    step = steps.setdefault(month, [0, 0, 0, 0])
    step[index] += sign * area
    step[index + 1] += sign


def unit_steps(
    statuses: Iterable[tuple[datetime.date, str]],
    lines: Iterable[tuple[datetime.date, datetime.date]],
    area: int,
    in_service: Iterable[str],
) -> list[list[int]]:
    """[[month, stock area, stock units, let area, let units], ...] in the order of the months,
    months whose changes cancel out left out. `statuses` in the order of the history (day, then
    writing), `lines` the unit's active agreement lines (start, end), `area` in tenths of m²."""
    in_service = set(in_service)
    steps: Steps = {}
    statuses = list(statuses)
    for index, (since, status) in enumerate(statuses):
        if status not in in_service:
            continue
        low = month_after(since)
        high = month_after(statuses[index + 1][0]) if index + 1 < len(statuses) else None
        if high is None or high > low:
            _add(steps, low, 0, area, 1)
            if high is not None:
                _add(steps, high, 0, area, -1)
    for start, end in lines:
        _add(steps, month_after(start), 2, area, 1)
        _add(steps, month_of(end) + 1, 2, area, -1)
    return [[month, *step] for month, step in sorted(steps.items()) if any(step)]
