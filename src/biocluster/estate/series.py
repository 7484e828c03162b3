"""Occupancy on the first day of every month, summed by the database.

A unit counts in the stock from the first month-start on or after a status row that puts it
in service until the first month-start on or after the unit's next status row; it counts as
let from the first month-start on or after a line's start until the month after its end.
Each such stretch is a step (+area where it begins, -area where it ends): the database
groups the steps by month, so a query returns a few hundred rows whatever the number of
leases, and a running total over them gives the very figures `occupancy()` computes one
date at a time. Most units are never out of service (their rows go between available and
let): they count from their first row on, one row per unit read by an index; only the
units planned or under works at some time have their history walked, by a window function
giving each status row its successor's month.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import connections
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Lead

from biocluster.directory.models import Campus

from .models import IN_SERVICE, LETTABLE_KINDS, AgreementUnit, OccupancyMonth, Unit, UnitStatus
from .occupancy import GROUPS, Occupancy

TOTAL = None  # the group of a series asked without `by`
MAX_MONTHS = 300  # 25 years: what the pages and the API ask at most


def month_span(first: datetime.date, last: datetime.date) -> int:
    """The number of months from `first`'s to `last`'s, both counted."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


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


def _group(by: str | None, unit_path: str | None = "unit"):
    if by is None:
        return Value("")
    return F(f"{unit_path}__{GROUPS[by]}" if unit_path else GROUPS[by])


def _unit_filter(unit_path: str | None, units: dict) -> dict:
    prefix = f"{unit_path}__" if unit_path else ""
    return {f"{prefix}kind__in": LETTABLE_KINDS} | {f"{prefix}{key}": value for key, value in units.items()}


def _out_of_service():
    """A unit's status rows other than available or let (planned, under works)."""
    return UnitStatus.objects.filter(unit=OuterRef("pk")).exclude(status__in=IN_SERVICE)


def _always_in_service(by, units: dict):
    """The units never out of service, grouped by the month they entered it: from their first
    status row on, they count for ever (most units: their later rows only go between let and
    available). One row per unit is read by an index, not the whole history."""
    first_row = UnitStatus.objects.filter(unit=OuterRef("pk")).order_by("since", "id").values("since")[:1]
    return (
        Unit.objects.filter(**_unit_filter(None, units))
        .exclude(Exists(_out_of_service()))
        .annotate(entered=Subquery(first_row))
        .filter(entered__isnull=False)
        .values(grp=_group(by, None), month=MonthOf(F("entered"), after=True))
        .annotate(area_sum=Sum("area"), count=Count("pk"))
        .order_by()
    )


def _statuses(by, units: dict):
    """The status rows of the units that were out of service at some time, each with the month
    it starts counting and the month its successor takes over (a window function)."""
    successor = Window(
        Lead(MonthOf(F("since"), after=True)),
        partition_by=F("unit_id"),
        order_by=[F("since").asc(), F("id").asc()],
    )
    sometime_out = Unit.objects.filter(Exists(_out_of_service())).values("pk")
    return (
        UnitStatus.objects.filter(unit__in=sometime_out, **_unit_filter("unit", units))
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


def _let(by, units: dict, first_month: int) -> list[tuple]:
    """(group, month, tenths of m², units): + from each line's first month-start, - from the month after its end."""
    lines = AgreementUnit.objects.filter(
        active=True, end__gte=_first_day(first_month), **_unit_filter("unit", units)
    )
    found = []
    for sign, month in ((1, MonthOf(F("start"), after=True)), (-1, MonthOf(F("end")) + 1)):
        rows = (
            lines.values(grp=_group(by), month=month)
            .annotate(area_sum=Sum("unit__area"), count=Count("pk"))
            .order_by()
        )
        found += [
            (row["grp"], row["month"], sign * int(row["area_sum"] * 10), sign * row["count"]) for row in rows
        ]
    return found


def _figures(deltas: dict, start: int, end: int) -> dict:
    """A running total over each group's steps (those before `start` folded into it)."""
    result = {}
    for group, steps in sorted(deltas.items(), key=lambda item: str(item[0])):
        folded = [0, 0, 0, 0]
        for month in [month for month in steps if month < start]:
            folded = [a + b for a, b in zip(folded, steps.pop(month), strict=True)]
        steps[start] = [a + b for a, b in zip(folded, steps.get(start, (0, 0, 0, 0)), strict=True)]
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


def computed_series_by(first: datetime.date, last: datetime.date, by: str | None = None, **units) -> dict:
    """`series_by` computed from the status rows and agreement lines themselves (two to four
    grouped queries over them): for filters the summary does not keep, and to check it."""
    start = first.year * 12 + first.month - 1
    end = last.year * 12 + last.month - 1
    if end < start:
        return {}
    using = UnitStatus.objects.db
    deltas = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))
    stock = [
        (row["grp"], row["month"], int(row["area_sum"] * 10), row["count"])
        for row in _always_in_service(by, units)
    ]
    stock += _steps(_statuses(by, units), using)
    for index, steps in ((0, stock), (2, _let(by, units, start))):
        for group, month, tenths, count in steps:
            step = deltas[group or TOTAL if by is None else group][month]
            step[index] += tenths
            step[index + 1] += count
    return _figures(deltas, start, end)


SUMMARY_FILTERS = {"building__campus": "campus", "building__campus_id": "campus_id", "kind": "kind"}


def series_by(first: datetime.date, last: datetime.date, by: str | None = None, **units) -> dict:
    """{group: [(first day of the month, Occupancy), ...]} from `first`'s month to `last`'s. `by` is
    "campus" or "kind" (None: one group, `TOTAL`); `units` filters the units (e.g.
    `building__campus=campus`, `kind="office"`). Read from the summary the services keep
    (`occupancy_summary`): one query of at most a row per month and group; another filter is
    computed from the rows (`computed_series_by`)."""
    if not set(units) <= set(SUMMARY_FILTERS):
        return computed_series_by(first, last, by, **units)
    start = first.year * 12 + first.month - 1
    end = last.year * 12 + last.month - 1
    if end < start:
        return {}
    rows = (
        OccupancyMonth.objects.filter(
            month__lte=end, **{SUMMARY_FILTERS[key]: value for key, value in units.items()}
        )
        .exclude(area_total=0, units_total=0, area_let=0, units_let=0)
        .values(grp=Value("") if by is None else F("campus_id" if by == "campus" else "kind"))
        .annotate(
            at=Case(When(month__lt=start, then=Value(start)), default=F("month"), output_field=IntegerField())
        )
        .values("grp", "at")
        .annotate(
            area_total_sum=Sum("area_total"),
            units_total_sum=Sum("units_total"),
            area_let_sum=Sum("area_let"),
            units_let_sum=Sum("units_let"),
        )
        .order_by()
    )
    rows = list(rows)
    names = {}  # by campus: grouped by its id (no join), named after (campus names are unique)
    if by == "campus":
        names = dict(Campus.objects.filter(pk__in={row["grp"] for row in rows}).values_list("pk", "name"))
    deltas = defaultdict(dict)
    for row in rows:
        step = [row["area_total_sum"], row["units_total_sum"], row["area_let_sum"], row["units_let_sum"]]
        group = TOTAL if by is None else names.get(row["grp"], row["grp"])
        deltas[group][row["at"]] = [int(value) for value in step]
    return _figures(deltas, start, end)


def series(first: datetime.date, last: datetime.date, **units) -> list[tuple[datetime.date, Occupancy]]:
    """The same figures as `occupancy.monthly` (the first day of each month), read from the summary."""
    found = series_by(first, last, None, **units)
    if TOTAL in found:
        return found[TOTAL]
    nothing = Occupancy(Decimal(0), Decimal(0), 0, 0)
    months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
    return [(_first_day(month), nothing) for month in months]
