"""The indicators' services: versions of the definitions, historical figures, a figure with
its provenance (a computed value beside a published one, never mixed)."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from biocluster.audit.services import record_create, record_update, snapshot
from biocluster.core import indicators
from biocluster.core.arithmetic import Number, difference

from . import computed
from .models import DefinitionVersion, HistoricalValue


def _texts(indicator) -> dict[str, str]:
    texts = {}
    for language in ("en", "fr"):
        with translation.override(language):
            texts[f"name_{language}"] = str(indicator.name)
            texts[f"definition_{language}"] = str(indicator.definition)
    return texts


def record_definitions() -> list[DefinitionVersion]:
    """Record each registered definition's version the first time it is seen; returns the new ones.

    Run after every migration: an app that raises an indicator's `version` gets a new row,
    the old one stays, so a value kept with its version can be read with its definition.
    """
    known = set(DefinitionVersion.objects.values_list("code", "version"))
    now = timezone.now()
    new = [
        DefinitionVersion(
            code=indicator.code,
            version=indicator.version,
            unit=indicator.unit,
            period_kind=indicator.period_kind,
            first_seen=now,
            **_texts(indicator),
        )
        for indicator in indicators.all_indicators()
        if (indicator.code, indicator.version) not in known
    ]
    return DefinitionVersion.objects.bulk_create(new, ignore_conflicts=True)


@transaction.atomic
def enter_historical_value(
    *,
    actor,
    code: str,
    year: int,
    value: Decimal,
    source: str,
    note: str = "",
    provenance: str = indicators.HISTORICAL,
) -> HistoricalValue:
    """Enter (or correct) the figure published for an indicator and a year, with its source."""
    try:
        indicator = indicators.get(code)
    except LookupError:
        raise ValidationError({"code": _("No indicator has this code.")}) from None
    if not source.strip():
        raise ValidationError({"source": _("Name the document the figure was published in.")})
    if value < 0 and indicator.unit != indicators.PERCENT:
        raise ValidationError({"value": _("A figure of this indicator cannot be negative.")})
    existing = HistoricalValue.objects.select_for_update().filter(code=code, year=year).first()
    fields = {"value": value, "source": source.strip(), "note": note, "provenance": provenance}
    if existing is None:
        row = HistoricalValue.objects.create(code=code, year=year, entered_by=actor, **fields)
        record_create(actor=actor, obj=row, action="indicators.historical_value.entered")
        return row
    before = snapshot(existing)
    for name, new in fields.items():
        setattr(existing, name, new)
    existing.full_clean()
    existing.save()
    record_update(actor=actor, obj=existing, before=before, action="indicators.historical_value.changed")
    return existing


@dataclass
class Figure:
    """An indicator's value for a period, as the pages and the API give it."""

    indicator: indicators.Indicator
    period: indicators.Period
    result: indicators.Result
    historical: HistoricalValue | None = None
    computed_at: datetime | None = None  # a kept value's moment (`computed`); None: computed now

    @property
    def value(self) -> Number | None:
        return self.result.value

    @property
    def provenance(self) -> str:
        return self.result.provenance

    @property
    def response_rate(self) -> float | None:
        return self.result.response_rate

    @property
    def estimated(self) -> Number | None:
        """The estimated part of a value declared for the rest (the method in the definition)."""
        return self.result.estimated

    @property
    def difference(self) -> Number | None:
        """Computed minus published, where a historical figure exists for the same year."""
        return difference(self.value, self.historical.value) if self.historical else None


def last_full_year() -> int:
    return timezone.localdate().year - 1


def historical_values(year: int | None = None) -> dict[tuple[str, int], HistoricalValue]:
    rows = HistoricalValue.objects.all()
    if year is not None:
        rows = rows.filter(year=year)
    return {(row.code, row.year): row for row in rows}


def figure(
    indicator: indicators.Indicator,
    *,
    year: int | None = None,
    at: date | None = None,
    by: str | None = None,
    historical: dict | None = None,
) -> Figure:
    period = indicator.period(year=year, at=at)
    return Figure(
        indicator, period, indicator.evaluate(period, by), _published(indicator, period, at, historical)
    )


def _published(indicator, period, at: date | None, historical: dict | None) -> HistoricalValue | None:
    if historical is None:
        historical = historical_values(period.year)
    # A figure published for a year stands for its 31 December (or its whole year), not a date within it.
    if at is None or at == date(at.year, 12, 31):
        return historical.get((indicator.code, period.year))
    return None


def kept_figure(
    indicator: indicators.Indicator, *, year: int | None = None, at: date | None = None, trend_years=()
) -> tuple[Figure, list[tuple[int, Number | None]]]:
    """The figure and its trend from values kept a short while (`computed`: the dashboard's rows);
    the figure says when its value was computed. Without its records."""
    period = indicator.period(year=year, at=at)
    kept = computed.values(indicator, [period, *(indicator.period(year=y) for y in trend_years)])
    figure = Figure(
        indicator, period, kept[0].result(), _published(indicator, period, at, None), kept[0].computed_at
    )
    return figure, [(y, value.value) for y, value in zip(trend_years, kept[1:], strict=True)]


def trend(indicator: indicators.Indicator, years: list[int]) -> list[tuple[int, Number | None]]:
    """The computed value for each year (a trend's columns): one aggregate query a year."""
    return [(year, indicator.evaluate(indicator.period(year=year)).value) for year in years]


def definition_versions(code: str) -> list[DefinitionVersion]:
    return list(DefinitionVersion.objects.filter(code=code).order_by("-version"))
