"""Occupancy at a date: the let area and units against the lettable stock in service.

The stock at a date is every lettable unit (rooms are booked, not let) whose status then
is available or let; a unit is let when an active agreement line covers the date. The
same figures serve the API, the pages and the indicators. `from_statuses` computes the
let part from the units' status history instead: the two must agree (a test checks it).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Sum

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
    """The occupancy on the first day of every month from `first`'s to `last`'s, asked month by
    month: the reference `series.series` is checked against (it gives the same in four queries)."""
    series = []
    day = first.replace(day=1)
    while day <= last:
        series.append((day, occupancy(day)))
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return series
