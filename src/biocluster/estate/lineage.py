"""Dividing and combining units, with the history kept.

Dividing makes new units of one (same building, floor and kind, areas summing to the
original's); combining makes one unit of several of one floor of one building (the plan
has no geometry: that they touch is the staff's call). The originals are never deleted:
they are retired from the date (a status row, so the occupancy, the search and the
stacking plan leave them out from then on) and a lineage links them to the new units,
which are available from that date. Refused with a field error and nothing saved when an
original is let on or after the date, already retired, or the areas do not add up.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.core import formatting

from . import occupancy_summary
from .models import AgreementUnit, Unit, UnitLineage, UnitStatus, UnitStatusKind
from .models_lineage import LineageKind
from .services import create_unit

MAX_PARTS = 50


def _date(value) -> datetime.date:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValidationError({"on": [_("Enter a date.")]})
    return value


def _check_originals(units: list[Unit], on: datetime.date) -> None:
    """Refuse a unit let on or after `on`, or retired already."""
    for unit in units:
        line = (
            AgreementUnit.objects.filter(unit=unit, active=True, end__gte=on)
            .select_related("agreement__organisation")
            .order_by("start")
            .first()
        )
        if line is not None:
            raise ValidationError(
                {
                    "on": [
                        _(
                            "%(unit)s is let under agreement %(reference)s with %(organisation)s until %(end)s: "
                            "choose a date after that."
                        )
                        % {
                            "unit": unit,
                            "reference": line.agreement.reference,
                            "organisation": line.agreement.organisation.name,
                            "end": formatting.day(line.end),
                        }
                    ]
                }
            )
        if UnitStatus.objects.filter(unit=unit, status=UnitStatusKind.RETIRED).exists():
            raise ValidationError(
                {"units": [_("%(unit)s was already divided or combined.") % {"unit": unit}]}
            )


def _area(value) -> Decimal:
    try:
        area = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({"parts": [_("Enter each part's area in m².")]}) from None
    if not area.is_finite() or area <= 0:
        raise ValidationError({"parts": [_("Each part has an area above 0 m².")]})
    if area != area.quantize(Decimal("0.1")):
        raise ValidationError({"parts": [_("Areas are given to a tenth of a m².")]})
    return area


def _retire(unit: Unit, on: datetime.date, note: str) -> None:
    UnitStatus.objects.create(unit=unit, status=UnitStatusKind.RETIRED, since=on, note=note[:300])
    occupancy_summary.refresh([unit])


def _successor(actor, original: Unit, *, code: str, kind: str, area: Decimal, on, flags: dict) -> Unit:
    return create_unit(
        actor=actor,
        building=original.building,
        code=code,
        kind=kind,
        area=area,
        level=original.floor.level if original.floor_id else None,
        description=original.description,
        source=original.source,
        since=on,
        **flags,
    )


@transaction.atomic
def divide_unit(*, actor, unit: Unit, on: datetime.date, parts: list[dict], note: str = "") -> UnitLineage:
    """`parts`: [{"code", "area"}, ...], at least two, whose areas add up to the unit's."""
    on = _date(on)
    unit = Unit.objects.select_for_update(of=("self",)).select_related("building", "floor").get(pk=unit.pk)
    if not 2 <= len(parts) <= MAX_PARTS:
        raise ValidationError({"parts": [_("Divide a unit into 2 to %(max)s parts.") % {"max": MAX_PARTS}]})
    areas = [_area(part.get("area")) for part in parts]
    codes = [(part.get("code") or "").strip() for part in parts]
    if len(set(codes)) != len(codes):
        raise ValidationError({"parts": [_("Give each part its own code.")]})
    if sum(areas) != unit.area:
        raise ValidationError(
            {
                "parts": [
                    _("The parts add up to %(sum)s m², the unit has %(area)s m².")
                    % {"sum": sum(areas), "area": unit.area}
                ]
            }
        )
    _check_originals([unit], on)
    flags = {name: getattr(unit, name) for name in ("furnished", "fume_hoods", "gases", "waste_removal")}
    new = [
        _successor(actor, unit, code=code, kind=unit.kind, area=area, on=on, flags=flags)
        for code, area in zip(codes, areas, strict=True)
    ]
    note = (note or "").strip()[:300]
    _retire(unit, on, _("Divided into %(units)s") % {"units": ", ".join(u.code for u in new)})
    lineage = UnitLineage.objects.create(kind=LineageKind.DIVIDED, on=on, note=note)
    lineage.originals.set([unit])
    lineage.results.set(new)
    audit.record_create(actor=actor, obj=lineage, action="estate.unit.divided", m2m=("originals", "results"))
    return lineage


@transaction.atomic
def combine_units(*, actor, units: list[Unit], on: datetime.date, code: str, kind: str = "", note: str = ""):
    """One unit of several of one floor: their total area, the first one's kind unless `kind` says,
    furnished or equipped when one of them was."""
    on = _date(on)
    ids = list(dict.fromkeys(unit.pk for unit in units))
    if len(ids) < 2 or len(ids) != len(units):
        raise ValidationError({"units": [_("Choose at least two units, each once.")]})
    found = {
        u.pk: u
        for u in Unit.objects.select_for_update(of=("self",))
        .select_related("building", "floor")
        .filter(pk__in=ids)
    }
    originals = [found[pk] for pk in ids if pk in found]
    if len(originals) != len(ids):
        raise ValidationError({"units": [_("Choose units of the estate.")]})
    first = originals[0]
    if any(u.building_id != first.building_id or u.floor_id != first.floor_id for u in originals):
        raise ValidationError({"units": [_("Combine units of one floor of one building.")]})
    _check_originals(originals, on)
    flags = {
        name: any(getattr(u, name) for u in originals)
        for name in ("furnished", "fume_hoods", "gases", "waste_removal")
    }
    area = sum((u.area for u in originals), Decimal("0"))
    new = _successor(actor, first, code=code, kind=kind or first.kind, area=area, on=on, flags=flags)
    for unit in originals:
        _retire(unit, on, _("Combined into %(unit)s") % {"unit": new.code})
    lineage = UnitLineage.objects.create(kind=LineageKind.COMBINED, on=on, note=(note or "").strip()[:300])
    lineage.originals.set(originals)
    lineage.results.set([new])
    audit.record_create(actor=actor, obj=lineage, action="estate.unit.combined", m2m=("originals", "results"))
    return lineage


def lineage_of(unit: Unit) -> list[UnitLineage]:
    """The divisions and combinations the unit comes from or went into, oldest first."""
    return list(
        UnitLineage.objects.filter(Q(originals=unit) | Q(results=unit))
        .distinct()
        .prefetch_related("originals", "results")
        .order_by("on", "id")
    )
