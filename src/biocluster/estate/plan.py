"""The stacking plan of a building: its floors as rows, each unit a block as wide as its area,
coloured by its status on a date or by when its lease ends. Drawn as SVG by the template
(`estate/_plan.html`), each block a link to the unit; two queries whatever the building."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import AgreementUnit, Building, Unit, UnitStatusKind
from .querysets import status_at

WIDTH = 960  # the drawing's width for the widest floor
ROW, GAP, LABEL = 44, 6, 70

EXPIRY_BANDS = [  # (months left at most, class, legend)
    (6, "expiry-6", "within 6 months"),
    (12, "expiry-12", "within a year"),
    (24, "expiry-24", "within two years"),
]


@dataclass(frozen=True)
class Block:
    x: float
    y: float
    width: float
    height: float
    css: str
    code: str
    title: str
    url: str


def _expiry_class(end: datetime.date | None, at: datetime.date) -> str:
    if end is None:
        return "free"
    months = (end.year - at.year) * 12 + end.month - at.month
    for limit, css, _legend in EXPIRY_BANDS:
        if months <= limit:
            return css
    return "expiry-later"


def stacking_plan(building: Building, *, at: datetime.date, colour: str = "status") -> dict:
    current = AgreementUnit.objects.filter(unit=OuterRef("pk"), active=True, start__lte=at, end__gte=at)
    units = list(
        Unit.objects.filter(building=building)
        .select_related("floor")
        .annotate(
            status_then=status_at(at),
            let_until=Subquery(current.values("end")[:1]),
            tenant=Subquery(current.values("agreement__organisation__name")[:1]),
        )
        .order_by("-floor__level", "code")
    )
    rows: dict = {}
    for unit in units:
        if unit.status_then == UnitStatusKind.RETIRED:  # divided or combined: its successors are drawn
            continue
        rows.setdefault(unit.floor.level if unit.floor_id else None, []).append(unit)
    widest = max((sum(float(u.area) for u in floor) for floor in rows.values()), default=1.0) or 1.0
    scale = (WIDTH - LABEL) / widest
    labels = dict(UnitStatusKind.choices)
    blocks, floors = [], []
    for index, (level, floor_units) in enumerate(
        sorted(rows.items(), key=lambda item: -10_000 if item[0] is None else item[0], reverse=True)
    ):
        y = index * (ROW + GAP)
        floors.append(
            {
                "y": y + ROW / 2,
                "label": _("Floor %(level)s") % {"level": level} if level is not None else _("Ground"),
            }
        )
        x = float(LABEL)
        for unit in floor_units:
            width = float(unit.area) * scale
            status = unit.status_then or UnitStatusKind.PLANNED
            css = f"status-{status}" if colour == "status" else _expiry_class(unit.let_until, at)
            title = f"{unit.code} · {unit.area} m² · {labels.get(status, status)}"
            if unit.tenant:
                title += f" · {unit.tenant} → {unit.let_until:%Y-%m-%d}"
            blocks.append(
                Block(
                    x,
                    y,
                    max(width - 2, 1),
                    ROW,
                    css,
                    unit.code,
                    title,
                    reverse("estate:unit_detail", args=[unit.pk]),
                )
            )
            x += width
    return {"blocks": blocks, "floors": floors, "width": WIDTH, "height": max(len(rows), 1) * (ROW + GAP)}
