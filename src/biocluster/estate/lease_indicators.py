"""The estate's indicators of the stock and the leases at a date: units let and the share of
units let, the area in service, how long the vacant units have been vacant, the area and rent
expiring over the next 36 months, and the weighted average unexpired lease term (WALT).

The arithmetic of the expiry profile and the WALT is in `expiry.py` (no Django); here are the
queries, the records behind each value and the registry's entries.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind
from biocluster.core.arithmetic import rate

from . import expiry
from .models import LETTABLE_KINDS, AgreementUnit, UnitKind, UnitStatus, UnitStatusKind
from .occupancy import occupancy, occupancy_by, stock

LINE_GROUPS = {
    ind.BY_CAMPUS: ind.Group("unit__building__campus__name"),
    ind.BY_UNIT_KIND: ind.Group("unit__kind", labels=dict(UnitKind.choices)),
}
UNIT_GROUPS = {
    ind.BY_CAMPUS: ind.Group("building__campus__name"),
    ind.BY_UNIT_KIND: ind.Group("kind", labels=dict(UnitKind.choices)),
}
OCCUPANCY_GROUPS = {ind.BY_CAMPUS: "campus", ind.BY_UNIT_KIND: "kind"}
BREAKDOWNS = (ind.BY_CAMPUS, ind.BY_UNIT_KIND)


def yearly_rent():
    """A line's yearly base rent (rent per m² times area), exact to the product's third decimal:
    typed, so that SQLite's floating product is read back as the same decimal in a record and a sum."""
    return ExpressionWrapper(
        F("agreement__rent_per_m2") * F("unit__area"),
        output_field=DecimalField(max_digits=16, decimal_places=3),
    )


class DaysSince(Func):
    """Whole days from the date in the column to `day` (0 the same day), on either database."""

    output_field = IntegerField()

    def __init__(self, expression, day: datetime.date):
        super().__init__(expression, Value(day))

    def as_sql(self, compiler, connection, **extra):
        column, day = (compiler.compile(expression) for expression in self.source_expressions)
        return f"(CAST({day[0]} AS DATE) - {column[0]})", [*day[1], *column[1]]

    def as_sqlite(self, compiler, connection, **extra):
        column, day = (compiler.compile(expression) for expression in self.source_expressions)
        return f"CAST(julianday({day[0]}) - julianday({column[0]}) AS INTEGER)", [*day[1], *column[1]]


def let_lines(at: datetime.date):
    """The active lines of lettable units covering `at`: one per let unit (the database sees to it)."""
    return AgreementUnit.objects.filter(
        active=True, start__lte=at, end__gte=at, unit__kind__in=LETTABLE_KINDS
    )


def _line_source(rows, value: str | None, date: str = "start") -> ind.Source:
    return ind.Source(
        "estate.agreementunit",
        rows,
        label="unit__code",
        date=date,
        url=("estate:agreement_detail", "agreement_id"),
        value=value,
        organisation="agreement__organisation",
        groups=LINE_GROUPS,
    )


def _unit_source(rows, value: str | None, date: str = "created_at") -> ind.Source:
    return ind.Source(
        "estate.unit",
        rows,
        label="code",
        date=date,
        url=("estate:unit_detail", "pk"),
        value=value,
        organisation=None,
        groups=UNIT_GROUPS,
    )


def units_let(period, by=None):
    return ind.measure(_line_source(let_lines(period.end), None), by)


def area_in_service(period, by=None):
    return ind.measure(_unit_source(stock(period.end), "area"), by)


def unit_occupancy_rate(period, by=None):
    """The share of the units in service that are let (a ratio, as every percent indicator)."""
    figures = occupancy(period.end)
    groups = None
    if by:
        groups = {
            str(LINE_GROUPS[by].label(key)): rate(group.units_let, group.units_total)
            for key, group in occupancy_by(period.end, OCCUPANCY_GROUPS[by]).items()
        }
    records = ind.Records(_line_source(let_lines(period.end), None))
    return ind.Result(rate(figures.units_let, figures.units_total), records, groups)


def vacant_units(at: datetime.date):
    """The units in service and not let on `at`, with the day they became vacant and the days since.

    Vacant since the first "available" row after the unit's last row of another status (let,
    planned, under works): the status history follows the agreements, so this is the day after
    the last lease ended, or the day the unit came into service if it was never let since."""
    other = (  # within the subquery below: the unit is its outer query's outer reference
        UnitStatus.objects.filter(unit=OuterRef(OuterRef("pk")), since__lte=at)
        .exclude(status=UnitStatusKind.AVAILABLE)
        .order_by("-since", "-id")
        .values("since")[:1]
    )
    since = (
        UnitStatus.objects.filter(unit=OuterRef("pk"), since__lte=at, status=UnitStatusKind.AVAILABLE)
        .filter(since__gte=Coalesce(Subquery(other), Value(datetime.date.min)))  # none: the first of all
        .order_by("since", "id")
        .values("since")[:1]
    )
    lines = AgreementUnit.objects.filter(unit=OuterRef("pk"), active=True, start__lte=at, end__gte=at)
    return (
        stock(at)
        .exclude(Exists(lines))
        .annotate(vacant_since=Subquery(since))
        .filter(vacant_since__isnull=False)
        .annotate(days_vacant=DaysSince(F("vacant_since"), at) + 1)
    )


def _mean(total, count) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def vacancy_days(period, by=None):
    """The mean number of days the vacant units have been vacant on that date (the day itself counted)."""
    source = _unit_source(vacant_units(period.end), "days_vacant", date="vacant_since")
    total = ind.measure(source, by)
    groups = None
    if by:
        counts = ind.group(_unit_source(source.queryset, None), by)
        groups = {key: _mean(value, counts[key]) for key, value in total.groups.items()}
    return ind.Result(_mean(total.value, total.records.count()), total.records, groups)


def expiring_lines(at: datetime.date):
    """The lines let on `at` whose last day falls within the 36 months from `at`'s month."""
    return let_lines(at).filter(end__lte=expiry.horizon_end(at))


def area_expiring(period, by=None):
    return ind.measure(_line_source(expiring_lines(period.end), "unit__area", date="end"), by)


def rent_expiring(period, by=None):
    rows = expiring_lines(period.end).annotate(yearly_rent=yearly_rent())
    return ind.measure(_line_source(rows, "yearly_rent", date="end"), by)


def terms(at: datetime.date, by: str | None = None, **units) -> list[tuple[str, expiry.Term]]:
    """(group label or "", term) of every unit let on `at` (of the units filtered by `units`)."""
    path = LINE_GROUPS[by].path if by else None
    fields = ["unit__area", "agreement__rent_per_m2", "end", "agreement__break_dates"]
    found = []
    rows = let_lines(at).filter(**{f"unit__{key}": value for key, value in units.items()})
    for row in rows.values_list(*fields, *([path] if path else [])):
        area, rent_per_m2, end, breaks = row[:4]
        term = expiry.Term(
            area, rent_per_m2 * area, end, tuple(datetime.date.fromisoformat(day) for day in breaks or ())
        )
        found.append((str(LINE_GROUPS[by].label(row[4])) if by else "", term))
    return found


def _walt(weight: str, to_break: bool):
    def compute(period, by=None):
        at = period.end
        rows = let_lines(at).annotate(days_left=DaysSince(F("end"), at) * -1 + 1)
        records = ind.Records(_line_source(rows, "days_left", date="end"))
        found = terms(at, by)
        value = expiry.walt((term for _key, term in found), at, weight=weight, to_break=to_break)
        groups = None
        if by:
            keys = sorted({key for key, _term in found})
            groups = {
                key: expiry.walt(
                    (term for k, term in found if k == key), at, weight=weight, to_break=to_break
                )
                for key in keys
            }
        return ind.Result(value, records, groups)

    return compute


def register() -> None:
    common = {"period_kind": ind.AT, "breakdowns": BREAKDOWNS}
    entries = [
        (
            "estate.units_let",
            _("Units let"),
            _("The lettable units under a lease, a licence or a free occupation on that date."),
            ind.COUNT,
            units_let,
            True,
        ),
        (
            "estate.unit_occupancy_rate",
            _("Occupancy rate by number of units"),
            _("The let share of the lettable units in service (available or let) on that date."),
            ind.PERCENT,
            unit_occupancy_rate,
            False,
        ),
        (
            "estate.area_in_service",
            _("Lettable area in service"),
            _(
                "The area of the lettable units available or let on that date: what the occupancy rate divides by."
            ),
            ind.M2,
            area_in_service,
            True,
        ),
        (
            "estate.vacancy_days",
            _("Vacancy duration"),
            _(
                "The mean number of days the lettable units vacant on that date have been vacant: since the "
                "day after their last lease ended, or since they came into service if not let since."
            ),
            ind.DAYS,
            vacancy_days,
            False,
        ),
        (
            "estate.area_expiring",
            _("Area expiring within 36 months"),
            _(
                "The area of the units let on that date whose agreement ends within the 36 months from "
                "that date's month (renewals signed are counted at their new end)."
            ),
            ind.M2,
            area_expiring,
            True,
        ),
        (
            "estate.rent_expiring",
            _("Rent expiring within 36 months"),
            _(
                "The yearly base rent of the units let on that date whose agreement ends within the 36 "
                "months from that date's month."
            ),
            ind.EUR,
            rent_expiring,
            True,
        ),
    ]
    walts = [
        (
            expiry.RENT,
            False,
            _("WALT to expiry, by rent"),
            _(
                "The weighted average unexpired lease term: the years (of 365.25 days) left on the units let "
                "on that date until their end, both days counted, weighted by their yearly base rent."
            ),
        ),
        (
            expiry.AREA,
            False,
            _("WALT to expiry, by area"),
            _(
                "The weighted average unexpired lease term: the years (of 365.25 days) left on the units let "
                "on that date until their end, both days counted, weighted by their area."
            ),
        ),
        (
            expiry.RENT,
            True,
            _("WALT to first break, by rent"),
            _(
                "The years (of 365.25 days) left on the units let on that date until their first break date "
                "(their end without one), both days counted, weighted by their yearly base rent."
            ),
        ),
        (
            expiry.AREA,
            True,
            _("WALT to first break, by area"),
            _(
                "The years (of 365.25 days) left on the units let on that date until their first break date "
                "(their end without one), both days counted, weighted by their area."
            ),
        ),
    ]
    for weight, to_break, name, definition in walts:
        code = f"estate.walt_{weight}{'_to_break' if to_break else ''}"
        entries.append((code, name, definition, ind.YEARS, _walt(weight, to_break), False))
    for order, (code, name, definition, unit, compute, additive) in enumerate(entries, start=85):
        extra = {"breakdowns": (*BREAKDOWNS, ind.BY_YEAR)} if code.endswith("_expiring") else {}
        ind.register(
            ind.Indicator(
                code=code,
                name=name,
                definition=definition,
                unit=unit,
                compute=compute,
                additive=additive,
                order=order,
                **(common | extra),
            )
        )
