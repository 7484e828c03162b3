"""/api/indicators: the registry, and one indicator's value with the records behind it. Staff only."""

from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from biocluster.core import indicators
from biocluster.core.access import require
from biocluster.core.api_types import Text

from . import services

router = Router(tags=["indicators"])

Breakdown = Literal[tuple(indicators.BREAKDOWNS)]  # type: ignore[valid-type]


class IndicatorOut(Schema):
    code: str
    name: str
    definition: str
    unit: str
    period_kind: str
    since: date | None
    breakdowns: list[str]
    additive: bool
    version: int


class RecordOut(Schema):
    type: str
    id: int
    label: str
    date: date | None
    value: float
    url: str
    organisation: str
    organisation_id: int | None


class GroupOut(Schema):
    group: str
    value: float | None


class HistoricalOut(Schema):
    value: float
    provenance: str
    source: str
    note: str
    difference: float | None = Field(description="The computed value minus this one.")


class ValueOut(Schema):
    code: str
    name: str
    unit: str
    period_kind: str
    start: date | None
    end: date
    value: float | None
    provenance: str
    response_rate: float | None = Field(
        None, description="Of a figure from the survey: validated responses over the companies asked."
    )
    estimated: float | None = Field(
        None,
        description="The part of the value estimated for the records without a declared figure "
        "(the method in the definition); the whole value is estimated when `provenance` says so.",
    )
    definition_version: int
    additive: bool
    by: str | None
    groups: list[GroupOut] | None
    historical: HistoricalOut | None
    records_count: int
    records: list[RecordOut] = Field(description="A page of the records: `limit` from `offset`.")


class ValueQuery(Schema):
    year: int | None = Field(None, ge=1998, le=2100, description="Default: the last full year.")
    at: date | None = Field(None, ge=date(1998, 1, 1), le=date(2100, 12, 31))
    by: Breakdown | None = None
    limit: int = Field(100, ge=1, le=1000, description="Records per page.")
    offset: int = Field(0, ge=0, le=10**9)


def _indicator_out(indicator) -> IndicatorOut:
    return IndicatorOut(
        code=indicator.code,
        name=str(indicator.name),
        definition=str(indicator.definition),
        unit=indicator.unit,
        period_kind=indicator.period_kind,
        since=indicator.since,
        breakdowns=list(indicator.breakdowns),
        additive=indicator.additive,
        version=indicator.version,
    )


def _number(value) -> float | None:
    return None if value is None else float(value)


@router.get("/indicators", response=list[IndicatorOut])
@paginate
def indicator_list(request):
    require(request.user, "indicators.view_indicators")
    return [_indicator_out(indicator) for indicator in indicators.all_indicators()]


@router.get("/indicators/{code}", response=ValueOut)
def indicator_value(request, code: Text(80), query: Query[ValueQuery]):
    require(request.user, "indicators.view_indicators")
    try:
        indicator = indicators.get(code)
    except LookupError:
        raise Http404 from None
    if query.year is not None and query.at is not None:
        raise ValidationError({"year": _("Give a year or a date (at), not both.")})
    year = query.year if query.year is not None or query.at is not None else services.last_full_year()
    if query.by is not None and query.by not in indicator.breakdowns:
        raise ValidationError({"by": _("This indicator is not broken down this way.")})
    figure = services.figure(indicator, year=year, at=query.at, by=query.by)
    result, historical = figure.result, figure.historical
    return ValueOut(
        code=indicator.code,
        name=str(indicator.name),
        unit=indicator.unit,
        period_kind=indicator.period_kind,
        start=figure.period.start,
        end=figure.period.end,
        value=_number(result.value),
        provenance=figure.provenance,
        response_rate=figure.response_rate,
        estimated=_number(figure.estimated),
        definition_version=indicator.version,
        additive=indicator.additive,
        by=query.by,
        groups=None
        if result.groups is None
        else [GroupOut(group=key, value=_number(value)) for key, value in result.groups.items()],
        historical=None
        if historical is None
        else HistoricalOut(
            value=float(historical.value),
            provenance=historical.provenance,
            source=historical.source,
            note=historical.note,
            difference=_number(figure.difference),
        ),
        records_count=result.records.count(),
        records=[
            RecordOut(**vars(record)) for record in result.records[query.offset : query.offset + query.limit]
        ],
    )
