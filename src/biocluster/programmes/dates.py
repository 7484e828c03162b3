"""Calendar arithmetic of enrolments. Pure: imports no Django, so it is tested on its own."""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def programme_end(start: date, months: int) -> date:
    """The last day of a programme of `months` starting on `start`: 1 Jan + 6 months ends on 30 Jun."""
    return date.fromordinal(add_months(start, months).toordinal() - 1)


def overlaps(start_a: date, end_a: date, start_b: date, end_b: date) -> bool:
    """Whether two periods with inclusive ends share at least one day."""
    return start_a <= end_b and start_b <= end_a


def months_between(start: date, end: date) -> float:
    """The length of a period in months (of 30.44 days, the mean month), for medians and charts."""
    return round((end.toordinal() - start.toordinal() + 1) / 30.44, 1)
