"""Occupancy on the first day of every month, summed by the database.

A unit counts in the stock from the first month-start on or after a status row that puts it
in service until the first month-start on or after the unit's next status row; it counts as
let from the first month-start on or after a line's start until the month after its end.
Each such stretch is a step (+area where it begins, -area where it ends): the database
groups the steps by month (a window function gives each status row its successor's date),
so a query returns a few hundred rows whatever the number of leases, and a running total
over them gives the very figures `occupancy()` computes one date at a time.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import connections
from django.db.models import Case, F, Func, IntegerField, Value, When, Window
from django.db.models.functions import Lead

from .models import IN_SERVICE, LETTABLE_KINDS, AgreementUnit, UnitStatus
from .occupancy import GROUPS, Occupancy

TOTAL = None  # the group of a series asked without `by`


class MonthOf(Func):
    """The month of a date as a number (year * 12 + month - 1); with `after`, the number of the
    first month-start on or after it. Written per database: SQLite keeps dates as ISO text."""

    arity = 1
    output_field = IntegerField()

    def __init__(self, expression, *, after: bool = False):
        self.after = after
        super().__init__(expression)

    def _sql(self, compiler, parts) -> tuple[str, list]:
        sql, params = compiler.compile(self.source_expressions[0])
        year, month, day = (part.format(sql) for part in parts)
        text = f"({year} * 12 + {month} - 1"
        if self.after:
            text += f" + CASE WHEN {day} > 1 THEN 1 ELSE 0 END"
            return text + ")", params * 3
        return text + ")", params * 2

    def as_sql(self, compiler, connection, **extra):
        return self._sql(
            compiler, [f"CAST(EXTRACT({part} FROM {{}}) AS INTEGER)" for part in ("YEAR", "MONTH", "DAY")]
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self._sql(
            compiler,
            [f"CAST(substr({{}}, {at}, {size}) AS INTEGER)" for at, size in ((1, 4), (6, 2), (9, 2))],
        )


# Areas summed in tenths of m² as integers: exact on both databases.
STEPS = (
    "SELECT grp, low, SUM(CAST(ROUND(area * 10) AS INTEGER)), COUNT(*) FROM s "
    "WHERE counted = 1 AND (high IS NULL OR high > low) GROUP BY grp, low "
    "UNION ALL "
    "SELECT grp, high, -SUM(CAST(ROUND(area * 10) AS INTEGER)), -COUNT(*) FROM s "
    "WHERE counted = 1 AND high > low GROUP BY grp, high"
)


def _first_day(month: int) -> datetime.date:
    return datetime.date(month // 12, month % 12 + 1, 1)


def _steps(rows, using: str) -> list[tuple]:
    """(group, month, tenths of m², units) per group and month: + where stretches begin, - where they end.

    `rows` selects `low` and `high` (month numbers; high None: on and on), `area`, `grp` and
    `counted` (1 or 0)."""
    inner, params = rows.query.get_compiler(using=using).as_sql()
    # The inner query is Django's own compilation, every value in it a parameter.
    sql = f"WITH s AS ({inner}) {STEPS}"
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _group(by: str | None):
    return Value("") if by is None else F(f"unit__{GROUPS[by]}")


def _unit_filter(unit_path: str, units: dict) -> dict:
    return {f"{unit_path}__kind__in": LETTABLE_KINDS} | {
        f"{unit_path}__{key}": value for key, value in units.items()
    }


def _statuses(by, units: dict):
    """Each status row with the month it starts counting and the month its successor takes over."""
    successor = Window(
        Lead(MonthOf(F("since"), after=True)),
        partition_by=F("unit_id"),
        order_by=[F("since").asc(), F("id").asc()],
    )
    return (
        UnitStatus.objects.filter(**_unit_filter("unit", units))
        .annotate(
            low=MonthOf(F("since"), after=True),
            high=successor,
            area=F("unit__area"),
            grp=_group(by),
            counted=Case(When(status__in=IN_SERVICE, then=Value(1)), default=Value(0)),
        )
        .values("low", "high", "area", "grp", "counted")
        .order_by()
    )


def _lines(by, units: dict, first_month: int):
    return (
        AgreementUnit.objects.filter(active=True, **_unit_filter("unit", units))
        .annotate(last_month=MonthOf(F("end")))
        .filter(last_month__gte=first_month)
        .annotate(
            low=MonthOf(F("start"), after=True),
            high=F("last_month") + 1,
            area=F("unit__area"),
            grp=_group(by),
            counted=Value(1),
        )
        .values("low", "high", "area", "grp", "counted")
        .order_by()
    )


def series_by(first: datetime.date, last: datetime.date, by: str | None = None, **units) -> dict:
    """{group: [(first day of the month, Occupancy), ...]} from `first`'s month to `last`'s, in two
    queries. `by` is "campus" or "kind" (None: one group, `TOTAL`); `units` filters the units
    (e.g. `building__campus=campus`, `kind="office"`)."""
    start = first.year * 12 + first.month - 1
    end = last.year * 12 + last.month - 1
    if end < start:
        return {}
    using = UnitStatus.objects.db
    deltas = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))
    for index, rows in ((0, _statuses(by, units)), (2, _lines(by, units, start))):
        for group, month, tenths, count in _steps(rows, using):
            step = deltas[group or TOTAL if by is None else group][max(month, start)]
            step[index] += tenths
            step[index + 1] += count
    result = {}
    for group, steps in sorted(deltas.items(), key=lambda item: str(item[0])):
        running, figures = [0, 0, 0, 0], []
        for month in range(start, end + 1):
            running = [a + b for a, b in zip(running, steps.get(month, (0, 0, 0, 0)), strict=True)]
            area_total, units_total, area_let, units_let = running
            figures.append(
                (
                    _first_day(month),
                    Occupancy(Decimal(area_total) / 10, Decimal(area_let) / 10, units_total, units_let),
                )
            )
        result[group] = figures
    return result


def series(first: datetime.date, last: datetime.date, **units) -> list[tuple[datetime.date, Occupancy]]:
    """The same figures as `occupancy.monthly` (the first day of each month), in two queries."""
    found = series_by(first, last, None, **units)
    if TOTAL in found:
        return found[TOTAL]
    nothing = Occupancy(Decimal(0), Decimal(0), 0, 0)
    months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
    return [(_first_day(month), nothing) for month in months]
