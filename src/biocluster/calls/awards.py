"""The default plan of an award (end date, instalments, reports) from its call's kind. Pure."""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .kinds import CallKind


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Plan:
    end_date: date
    instalments: list[tuple[int, date, Decimal]]
    reports: list[tuple[str, date]]


def plan_award(*, amount: Decimal, start: date, kind: CallKind) -> Plan:
    """Equal instalments, spaced evenly from the start (the remainder cent goes on the first);
    an interim report at mid-term when the kind asks for one, a final report two months after the end."""
    months = max(kind.duration_months, 1)
    end = add_months(start, months)
    count = max(kind.instalments, 0)
    instalments = []
    if count and amount > 0:
        part = (amount / count).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
        first = amount - part * (count - 1)
        step = months // count
        for index in range(count):
            instalments.append((index + 1, add_months(start, step * index), first if index == 0 else part))
    reports = []
    if "interim" in kind.reports:
        reports.append(("interim", add_months(start, months // 2)))
    if "final" in kind.reports:
        reports.append(("final", add_months(end, 2)))
    return Plan(end, instalments, reports)
