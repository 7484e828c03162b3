"""Occupancy at a date: the let area and units against the lettable stock in service.

The stock at a date is every lettable unit (rooms are booked, not let) whose status then
is available or let; a unit is let when an active agreement line covers the date. The
same figures serve the API, the pages and the indicators. `from_statuses` computes the
let part from the units' status history instead: the two must agree (a test checks it).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import CharField, Count, Exists, OuterRef, Sum
from django.db.models.functions import Cast

from .models import IN_SERVICE, AgreementUnit, Unit, UnitStatusKind

GROUPS = {"campus": "building__campus__name", "kind": "kind"}


@dataclass(frozen=True)
class Occupancy:
    area_total: Decimal
    area_let: Decimal
    units_total: int
    units_let: int

    @property
    def rate(self) -> float:
        """The let share of the area, in percent (one decimal); 0 with no stock."""
        if not self.area_total:
            return 0.0
        return round(float(self.area_let * 100 / self.area_total), 1)

    def as_dict(self) -> dict:
        return {
            "area_total": float(self.area_total),
            "area_let": float(self.area_let),
            "rate": self.rate,
            "units_total": self.units_total,
            "units_let": self.units_let,
        }


def stock(at: datetime.date, units=None):
    """The lettable units in service on `at`."""
    from .querysets import status_at

    units = Unit.objects.lettable() if units is None else units
    return units.annotate(status_then=status_at(at)).filter(status_then__in=IN_SERVICE)


def _let(at: datetime.date, units, from_statuses: bool):
    if from_statuses:
        return units.filter(status_then=UnitStatusKind.LET)
    lines = AgreementUnit.objects.filter(unit=OuterRef("pk"), active=True, start__lte=at, end__gte=at)
    return units.filter(Exists(lines))


def _totals(units) -> tuple[Decimal, int]:
    row = units.aggregate(area=Sum("area"), count=Count("pk"))
    return row["area"] or Decimal("0"), row["count"]


def occupancy(at: datetime.date, *, from_statuses: bool = False, units=None) -> Occupancy:
    units = stock(at, units)
    area_total, units_total = _totals(units)
    area_let, units_let = _totals(_let(at, units, from_statuses))
    return Occupancy(area_total, area_let, units_total, units_let)


def occupancy_by(at: datetime.date, by: str, *, from_statuses: bool = False) -> dict[str, Occupancy]:
    """The figures per campus (its name) or per kind (its code), in two grouped queries."""
    path = GROUPS[by]
    units = stock(at)

    def grouped(rows) -> dict:
        return {
            row[path]: (row["area"] or Decimal("0"), row["count"])
            for row in rows.values(path).annotate(area=Sum("area"), count=Count("pk")).order_by(path)
        }

    totals = grouped(units)
    let = grouped(_let(at, units, from_statuses))
    return {
        key: Occupancy(area, let.get(key, (Decimal("0"), 0))[0], count, let.get(key, (Decimal("0"), 0))[1])
        for key, (area, count) in totals.items()
    }


def monthly(first: datetime.date, last: datetime.date) -> list[tuple[datetime.date, Occupancy]]:
    """The occupancy on the first day of every month from `first`'s to `last`'s."""
    series = []
    day = first.replace(day=1)
    while day <= last:
        series.append((day, occupancy(day)))
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return series


def _month_index(first: datetime.date, day) -> int:
    """The index of the first month's first day on or after `day` (a date or ISO text), from `first`."""
    if isinstance(day, str):
        year, month, dom = int(day[:4]), int(day[5:7]), int(day[8:10])
    else:
        year, month, dom = day.year, day.month, day.day
    return (year - first.year) * 12 + month - first.month + (1 if dom > 1 else 0)


def _day_after(iso: str) -> datetime.date:
    return datetime.date(int(iso[:4]), int(iso[5:7]), int(iso[8:10])) + datetime.timedelta(days=1)


def _iso(path: str):
    """The date as ISO text: read without the date converters' cost (150,000 rows in a series)."""
    return Cast(path, CharField())


def series(first: datetime.date, last: datetime.date) -> list[tuple[datetime.date, Occupancy]]:
    """The same figures as `monthly` (the first day of each month), in three queries whatever the
    span: each unit's time in service and each let period become steps of a running total."""
    from .models import LETTABLE_KINDS, UnitStatus

    first = first.replace(day=1)
    months = _month_index(first, last.replace(day=1)) + 1
    if months <= 0:
        return []
    area = dict(Unit.objects.filter(kind__in=LETTABLE_KINDS).values_list("pk", "area"))
    steps = {key: [0] * (months + 1) for key in ("area_total", "units_total", "area_let", "units_let")}

    def add(start, end, unit_area, total: str, count: str):
        """Count the unit from `start` until the day before `end` (None: on and on)."""
        low = max(_month_index(first, start), 0)
        high = months if end is None else min(_month_index(first, end), months)
        if low < high:
            steps[total][low] += unit_area
            steps[total][high] -= unit_area
            steps[count][low] += 1
            steps[count][high] -= 1

    rows = UnitStatus.objects.filter(unit_id__in=area).order_by("unit_id", "since", "id")
    current, since, status = None, None, None
    for unit_id, row_since, row_status in rows.values_list("unit_id", "since", "status").iterator(
        chunk_size=5000
    ):
        if unit_id != current:
            if current is not None and status in IN_SERVICE:
                add(since, None, area[current], "area_total", "units_total")
            current, since, status = unit_id, row_since, row_status
            continue
        if row_since == since:  # the later row of the same day wins
            status = row_status
            continue
        if status in IN_SERVICE:
            add(since, row_since, area[current], "area_total", "units_total")
        since, status = row_since, row_status
    if current is not None and status in IN_SERVICE:
        add(since, None, area[current], "area_total", "units_total")
    lines = AgreementUnit.objects.filter(active=True, unit__kind__in=LETTABLE_KINDS, end__gte=first)
    for unit_id, start, end in lines.values_list("unit_id", _iso("start"), _iso("end")).iterator(
        chunk_size=5000
    ):
        add(start, _day_after(end), area[unit_id], "area_let", "units_let")
    result, running = [], dict.fromkeys(steps, 0)
    day = first
    for index in range(months):
        for key in steps:
            running[key] += steps[key][index]
        result.append(
            (
                day,
                Occupancy(
                    Decimal(running["area_total"]),
                    Decimal(running["area_let"]),
                    running["units_total"],
                    running["units_let"],
                ),
            )
        )
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return result
