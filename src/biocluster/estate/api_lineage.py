"""/api/units/{id}/divide, /api/unit-combinations and /api/units/{id}/lineage: units divided and
combined with their history (staff write, everyone reads the lineage as the units)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Error
from biocluster.core.api_types import MAX_ID, ObjectId, Text

from . import lineage
from .models import Unit, UnitLineage

router = Router(tags=["estate"])
MIN_DAY, MAX_DAY = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)


class PartIn(Schema):
    code: Text(40, min_length=1)
    area: Decimal = Field(gt=0, le=1_000_000, max_digits=8, decimal_places=1)


class DivideIn(Schema):
    on: datetime.date = Field(ge=MIN_DAY, le=MAX_DAY)
    parts: list[PartIn] = Field(min_length=2, max_length=lineage.MAX_PARTS)
    note: Text(300) = ""


class CombineIn(Schema):
    units: list[int] = Field(min_length=2, max_length=50)
    on: datetime.date = Field(ge=MIN_DAY, le=MAX_DAY)
    code: Text(40, min_length=1)
    kind: Text(20) = ""
    note: Text(300) = ""


class LineageOut(Schema):
    id: int
    kind: str
    on: datetime.date
    originals: list[int]
    results: list[int]
    note: str


def lineage_out(row: UnitLineage) -> dict:
    return {
        "id": row.pk,
        "kind": row.kind,
        "on": row.on,
        "originals": sorted(unit.pk for unit in row.originals.all()),
        "results": sorted(unit.pk for unit in row.results.all()),
        "note": row.note,
    }


@router.get("/units/{pk}/lineage", response={200: list[LineageOut], 404: Error}, summary="A unit's lineage")
def get_lineage(request, pk: ObjectId):
    unit = get_visible_or_404(Unit.objects, request.user, pk=pk)
    return [lineage_out(row) for row in lineage.lineage_of(unit)]


@router.post(
    "/units/{pk}/divide",
    response={201: LineageOut, 403: Error, 404: Error, 422: Error},
    summary="Divide a unit",
)
def divide(request, pk: ObjectId, payload: DivideIn):
    """New units of the same floor whose areas add up to the unit's; the unit is retired from `on`."""
    unit = get_visible_or_404(Unit.objects, request.user, pk=pk)
    require(request.user, "estate.manage_estate", unit)
    row = lineage.divide_unit(
        actor=request.user,
        unit=unit,
        on=payload.on,
        parts=[part.dict() for part in payload.parts],
        note=payload.note,
    )
    return Status(201, lineage_out(row))


@router.post(
    "/unit-combinations", response={201: LineageOut, 403: Error, 422: Error}, summary="Combine units"
)
def combine(request, payload: CombineIn):
    """One unit of several of one floor; they are retired from `on`."""
    require(request.user, "estate.manage_estate")
    if any(not 1 <= pk <= MAX_ID for pk in payload.units):
        raise ValidationError({"units": [_("Choose units of the estate.")]})
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=payload.units)}
    if len(units) != len(set(payload.units)):
        raise ValidationError({"units": [_("Choose units of the estate.")]})
    if payload.kind and payload.kind not in dict(Unit._meta.get_field("kind").choices):
        raise ValidationError({"kind": [_("Choose a kind of unit.")]})
    row = lineage.combine_units(
        actor=request.user,
        units=[units[pk] for pk in payload.units],
        on=payload.on,
        code=payload.code,
        kind=payload.kind,
        note=payload.note,
    )
    return Status(201, lineage_out(row))
