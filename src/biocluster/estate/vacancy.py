"""How long the units let in a year had stood vacant before their new agreement began: the
registry's `estate.relet_vacancy_days` (the mean), each line let with its days as a record.

A line of an agreement that is not a renewal, active, of a lettable unit, starting in the year:
the unit had been vacant since the first "available" status row after its last row of another
status (let, planned, under works) before the line's start — the day after its previous lease
ended, or the day it came into service — until the day before the start. Let the day it became
free (or renewed without a gap: not counted, a renewal is no new letting), it stood vacant 0 days.
"""

import dataclasses
import datetime

from django.db.models import F, Func, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind

from .lease_indicators import BREAKDOWNS, LINE_GROUPS, _mean
from .models import LETTABLE_KINDS, AgreementStatus, AgreementUnit, UnitStatus, UnitStatusKind


class DaysBetween(Func):
    """Whole days from the first date column to the second (0 the same day), on either database."""

    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra):
        (first, first_params), (last, last_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        return f"({last} - {first})", [*last_params, *first_params]

    def as_sqlite(self, compiler, connection, **extra):
        (first, first_params), (last, last_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        return f"CAST(julianday({last}) - julianday({first}) AS INTEGER)", [*last_params, *first_params]


def relet_lines(first: datetime.date, last: datetime.date):
    """The lines let from `first` to `last` (their start), each with the day its unit became
    vacant before (`vacant_since`, None when it was not) and the days it stood vacant."""
    other = (  # within the subquery below: the line is its outer query's outer reference
        UnitStatus.objects.filter(unit=OuterRef(OuterRef("unit")), since__lt=OuterRef(OuterRef("start")))
        .exclude(status=UnitStatusKind.AVAILABLE)
        .order_by("-since", "-id")
        .values("since")[:1]
    )
    since = (
        UnitStatus.objects.filter(
            unit=OuterRef("unit"), since__lt=OuterRef("start"), status=UnitStatusKind.AVAILABLE
        )
        .filter(since__gte=Coalesce(Subquery(other), Value(datetime.date.min)))  # none: the first of all
        .order_by("since", "id")
        .values("since")[:1]
    )
    return (
        AgreementUnit.objects.filter(
            active=True,
            start__gte=first,
            start__lte=last,
            unit__kind__in=LETTABLE_KINDS,
            agreement__renewal_of__isnull=True,
        )
        .exclude(agreement__status=AgreementStatus.CANCELLED)
        .annotate(vacant_since=Subquery(since))
        .annotate(days_vacant=Coalesce(DaysBetween(F("vacant_since"), F("start")), Value(0)))
    )


def relet_vacancy_days(period, by=None):
    """The mean days the units let in the period had stood vacant before their agreement began."""
    source = ind.Source(
        "estate.agreementunit",
        relet_lines(period.start, period.end),
        label="unit__code",
        date="start",
        url=("estate:agreement_detail", "agreement_id"),
        value="days_vacant",
        organisation="agreement__organisation",
        groups=LINE_GROUPS,
    )
    total = ind.measure(source, by)
    groups = None
    if by:
        counts = ind.group(dataclasses.replace(source, value=None), by)
        groups = {key: _mean(value, counts[key]) for key, value in total.groups.items()}
    return ind.Result(_mean(total.value, total.records.count()), total.records, groups)


def register() -> None:
    ind.register(
        ind.Indicator(
            code="estate.relet_vacancy_days",
            name=_("Vacancy before letting"),
            definition=_(
                "The mean number of days the lettable units let in the year (new agreements, not "
                "renewals) had stood vacant before their agreement began: from the day after their "
                "previous lease ended, or the day they came into service, to the day before the start; "
                "0 when let without a gap."
            ),
            unit=ind.DAYS,
            period_kind=ind.YEAR,
            breakdowns=(*BREAKDOWNS, ind.BY_YEAR),
            compute=relet_vacancy_days,
            additive=False,
            order=95,
        )
    )
