"""/api/snapshots: the frozen years and their values. Everyone reads the published ones (the
public figures); cluster staff read every snapshot, with its sections' count and the records'
counts. An unpublished year is a 404 to anyone else."""

from datetime import date, datetime

from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from biocluster.core.access import get_visible_or_404
from biocluster.core.api_schemas import Error, Shaped

from .models import Snapshot
from .report import plain

router = Router(tags=["publishing"])


class SnapshotOut(Schema):
    year: int
    frozen_at: datetime
    published_at: datetime | None
    values_count: int


class FrozenValueOut(Schema):
    code: str
    name: str
    unit: str
    period_kind: str
    start: date | None
    end: date
    value: float | None
    provenance: str
    response_rate: float | None = Field(
        description="Of a survey's figure: the share of the companies asked behind it."
    )
    estimated: float | None = Field(
        None, description="Of a figure declared for some records: the part estimated for the rest."
    )
    definition_version: int
    records_count: int
    computed_at: datetime
    url: str


class SnapshotDetailOut(SnapshotOut):
    values: list[FrozenValueOut]


def _number(value) -> float | None:
    return None if value is None else float(plain(value))


def snapshot_out(snapshot: Snapshot) -> dict:
    return {
        "year": snapshot.year,
        "frozen_at": snapshot.frozen_at,
        "published_at": snapshot.published_at,
        "values_count": len(snapshot.values.all()),
    }


@router.get(
    "/snapshots", response=list[SnapshotOut], summary="Frozen years (the published ones for the public)"
)
@paginate
def list_snapshots(request):
    rows = Snapshot.objects.visible_to(request.user).order_by("-year")
    return Shaped(rows, snapshot_out, prefetch=["values"])


@router.get("/snapshots/{year}", response={200: SnapshotDetailOut, 404: Error})
def get_snapshot(request, year: int):
    if not 1 <= year <= 9999:
        return 404, {"detail": "Not found."}
    snapshot = get_visible_or_404(Snapshot.objects.prefetch_related("values"), request.user, year=year)
    return {
        **snapshot_out(snapshot),
        "values": [
            {
                "code": row.code,
                "name": row.name,
                "unit": row.unit,
                "period_kind": row.period_kind,
                "start": row.start,
                "end": row.end,
                "value": _number(row.value),
                "provenance": row.provenance,
                "response_rate": None if row.response_rate is None else float(row.response_rate),
                "estimated": _number(row.estimated),
                "definition_version": row.version,
                "records_count": row.records_count,
                "computed_at": row.computed_at,
                "url": request.build_absolute_uri(reverse("publishing:figure", args=[row.pk])),
            }
            for row in snapshot.values.all()
        ],
    }
