"""Every write to the estate, whether from a page, the API, the admin or the demo.

Each function takes the acting user, runs in a transaction and records its audit event;
a rule it refuses is a `ValidationError` naming the field. A unit let twice for
overlapping periods is refused by the service's own check and, should two writers pass
it at once, by the database (`constraints.py`): either way a `LetTwice` naming the
agreement already there.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.core import formatting
from biocluster.directory.models import Campus, Organisation

from . import constraints, credit_notes, occupancy_summary
from .models import (
    DEFAULT_VAT_RATE,
    IN_SERVICE,
    LETTABLE_KINDS,
    OUT_OF_SERVICE,
    Agreement,
    AgreementEvent,
    AgreementKind,
    AgreementStatus,
    AgreementUnit,
    Building,
    CampusEstate,
    DepositState,
    Floor,
    Index,
    IndexValue,
    PaymentFrequency,
    SpaceRequest,
    SpaceRequestStatus,
    Unit,
    UnitKind,
    UnitStatus,
    UnitStatusKind,
)
from .rent import add_months

ONE_DAY = datetime.timedelta(days=1)
INBOUND, LOST_STAGE = "inbound", "lost"  # cooperation's soft-landing direction and stage
MAX_AREA = Decimal("1000000")
MAX_YEARS = 99


class LetTwice(ValidationError):
    """A unit of the agreement is already let for part of its period, under `conflict`."""

    def __init__(self, unit: Unit, conflict: Agreement | None):
        if conflict is None:
            message = _("%(unit)s is already let for part of this period.") % {"unit": unit}
        else:
            message = _(
                "%(unit)s is already let for part of this period, under agreement %(reference)s "
                "with %(organisation)s (%(start)s to %(end)s)."
            ) % {
                "unit": unit,
                "reference": conflict.reference,
                "organisation": conflict.organisation.name,
                "start": formatting.day(conflict.start),
                "end": formatting.day(conflict.last_day),
            }
        super().__init__({"units": [message]}, code="conflict")
        self.unit = unit
        self.conflict = conflict


def _date(field: str, value) -> datetime.date:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValidationError({field: [_("Enter a date.")]})
    return value


def _amount(field: str, value, *, maximum: Decimal = Decimal("10000000")) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: [_("Enter an amount.")]}) from None
    if not amount.is_finite() or amount < 0 or amount > maximum:
        raise ValidationError({field: [_("Enter an amount between 0 and %(max)s.") % {"max": maximum}]})
    return amount


# -- the estate


@transaction.atomic
def describe_campus(*, actor, campus: Campus, opens_on=None, description_en="", description_fr="", source=""):
    """Real estate's part of a campus (its opening date when planned); created or updated."""
    if opens_on is not None:
        _date("opens_on", opens_on)
    estate = CampusEstate.objects.filter(campus=campus).first()
    values = {
        "opens_on": opens_on,
        "description_en": description_en,
        "description_fr": description_fr,
        "source": source,
    }
    if estate is None:
        estate = CampusEstate.objects.create(campus=campus, **values)
        audit.record_create(actor=actor, obj=estate, action="estate.campus.created")
        return estate
    before = audit.snapshot(estate)
    for name, value in values.items():
        setattr(estate, name, value)
    estate.save()
    audit.record_update(actor=actor, obj=estate, action="estate.campus.updated", before=before)
    return estate


def _check_building(building: Building) -> None:
    if not (building.name or "").strip():
        raise ValidationError({"name": [_("Give the building a name.")]})
    if Building.objects.filter(campus=building.campus, name=building.name).exclude(pk=building.pk).exists():
        raise ValidationError({"name": [_("This campus already has a building of that name.")]})
    if building.delivered_on is not None:
        _date("delivered_on", building.delivered_on)


@transaction.atomic
def create_building(
    *, actor, campus: Campus, name: str, address="", delivered_on=None, source=""
) -> Building:
    building = Building(
        campus=campus, name=(name or "").strip(), address=address, delivered_on=delivered_on, source=source
    )
    _check_building(building)
    building.full_clean()
    building.save()
    audit.record_create(actor=actor, obj=building, action="estate.building.created")
    return building


@transaction.atomic
def update_building(*, actor, building: Building, **changes) -> Building:
    before = audit.snapshot(Building.objects.get(pk=building.pk))
    for name, value in changes.items():
        if name not in ("name", "address", "delivered_on"):
            raise ValidationError({name: [_("This cannot be changed.")]})
        setattr(building, name, value.strip() if isinstance(value, str) else value)
    _check_building(building)
    building.full_clean()
    building.save()
    audit.record_update(actor=actor, obj=building, action="estate.building.updated", before=before)
    return building


def floor_of(building: Building, level: int | None) -> Floor | None:
    if level is None:
        return None
    floor, _created = Floor.objects.get_or_create(building=building, level=level)
    return floor


def _check_unit(unit: Unit) -> None:
    if not (unit.code or "").strip():
        raise ValidationError({"code": [_("Give the unit a code.")]})
    if unit.kind not in UnitKind.values:
        raise ValidationError({"kind": [_("Choose a kind of unit.")]})
    try:
        area = Decimal(str(unit.area))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({"area": [_("Enter the area in m².")]}) from None
    if not area.is_finite() or area <= 0:
        raise ValidationError({"area": [_("A unit has an area above 0 m².")]})
    if area > MAX_AREA:
        raise ValidationError({"area": [_("At most %(max)s m².") % {"max": MAX_AREA}]})
    unit.area = area
    if unit.capacity is not None and unit.capacity < 0:
        raise ValidationError({"capacity": [_("Enter a number of seats.")]})
    if unit.floor_id is not None and unit.floor.building_id != unit.building_id:
        raise ValidationError({"floor": [_("This floor is in another building.")]})
    if Unit.objects.filter(building=unit.building, code=unit.code).exclude(pk=unit.pk).exists():
        raise ValidationError({"code": [_("This building already has a unit with that code.")]})


@transaction.atomic
def create_unit(
    *,
    actor,
    building: Building,
    code: str,
    kind: str,
    area,
    level: int | None = None,
    furnished: bool = False,
    fume_hoods: bool = False,
    gases: bool = False,
    waste_removal: bool = False,
    capacity: int | None = None,
    description: str = "",
    source: str = "",
    status: str = UnitStatusKind.AVAILABLE,
    since: datetime.date,
    delivery_on: datetime.date | None = None,
) -> Unit:
    """A unit and its first status (available, under works, or planned with its delivery date)."""
    unit = Unit(
        building=building,
        floor=floor_of(building, level),
        code=(code or "").strip(),
        kind=kind,
        area=area,
        furnished=bool(furnished),
        fume_hoods=bool(fume_hoods),
        gases=bool(gases),
        waste_removal=bool(waste_removal),
        capacity=capacity,
        description=description,
        source=source,
    )
    _check_unit(unit)
    unit.full_clean()
    unit.save()
    audit.record_create(actor=actor, obj=unit, action="estate.unit.created")
    _add_status(unit, status=status, since=since, delivery_on=delivery_on, note="")
    return unit


@transaction.atomic
def update_unit(*, actor, unit: Unit, **changes) -> Unit:
    before = audit.snapshot(Unit.objects.get(pk=unit.pk))
    allowed = (
        "code",
        "kind",
        "area",
        "furnished",
        "fume_hoods",
        "gases",
        "waste_removal",
        "capacity",
        "description",
    )
    for name, value in changes.items():
        if name not in allowed:
            raise ValidationError({name: [_("This cannot be changed.")]})
        setattr(unit, name, value.strip() if isinstance(value, str) else value)
    _check_unit(unit)
    unit.full_clean()
    unit.save()
    occupancy_summary.refresh([unit])
    audit.record_update(actor=actor, obj=unit, action="estate.unit.updated", before=before)
    return unit


def _add_status(unit: Unit, *, status: str, since, delivery_on, note: str) -> UnitStatus:
    if status not in (UnitStatusKind.AVAILABLE, UnitStatusKind.UNDER_WORKS, UnitStatusKind.PLANNED):
        raise ValidationError({"status": [_("Choose available, under works or planned.")]})
    _date("since", since)
    if status == UnitStatusKind.PLANNED:
        if delivery_on is None:
            raise ValidationError({"delivery_on": [_("A planned unit has a delivery date.")]})
        _date("delivery_on", delivery_on)
        if delivery_on <= since:
            raise ValidationError(
                {"delivery_on": [_("The delivery comes after the date it is planned from.")]}
            )
    elif delivery_on is not None:
        raise ValidationError({"delivery_on": [_("Only a planned unit has a delivery date.")]})
    row = UnitStatus.objects.create(unit=unit, status=status, since=since, delivery_on=delivery_on, note=note)
    if status == UnitStatusKind.PLANNED:
        UnitStatus.objects.create(
            unit=unit, status=UnitStatusKind.AVAILABLE, since=delivery_on, note=_("Delivered as planned")
        )
    occupancy_summary.refresh([unit])
    return row


@transaction.atomic
def set_unit_status(
    *, actor, unit: Unit, status: str, since: datetime.date, delivery_on=None, note=""
) -> UnitStatus:
    """A new status from `since` (the history keeps the earlier ones). Not while the unit is let."""
    _date("since", since)
    if UnitStatus.objects.filter(unit=unit, status=UnitStatusKind.RETIRED, since__lte=since).exists():
        raise ValidationError({"status": [_("This unit was divided or combined: it is retired.")]})
    if AgreementUnit.objects.filter(unit=unit, active=True, start__lte=since, end__gte=since).exists():
        # Even "available": the status history would say the unit free while an agreement runs.
        raise ValidationError({"since": [_("The unit is let on that date: end the agreement first.")]})
    if status == UnitStatusKind.PLANNED and delivery_on is not None:
        let = AgreementUnit.objects.filter(unit=unit, active=True, start__lt=delivery_on, end__gte=since)
        if let.exists():
            raise ValidationError(
                {"delivery_on": [_("The unit is let before that date: end the agreement first.")]}
            )
    row = _add_status(unit, status=status, since=since, delivery_on=delivery_on, note=(note or "").strip())
    audit.record_update(
        actor=actor,
        obj=unit,
        action="estate.unit.status_set",
        before=audit.snapshot(unit),
        data={"status": status, "since": since.isoformat()},
    )
    return row


def rebuild_statuses(units) -> None:
    """The rows that follow the agreements, written again from the active lines: let from each
    occupation's first day, available the day after its last (unless a status was set by hand then)."""
    units = list(units)
    UnitStatus.objects.filter(unit__in=units, from_agreements=True).delete()
    lines = (
        AgreementUnit.objects.filter(unit__in=units, active=True)
        .order_by("unit_id", "start")
        .values_list("unit_id", "start", "end")
    )
    by_unit: dict[int, list[list[datetime.date]]] = {}
    for unit_id, start, end in lines:
        spans = by_unit.setdefault(unit_id, [])
        if spans and start <= spans[-1][1] + ONE_DAY:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    manual = set(
        UnitStatus.objects.filter(unit__in=units, from_agreements=False).values_list("unit_id", "since")
    )
    rows = []
    for unit_id, spans in by_unit.items():
        for start, end in spans:
            rows.append(
                UnitStatus(unit_id=unit_id, status=UnitStatusKind.LET, since=start, from_agreements=True)
            )
            if (unit_id, end + ONE_DAY) not in manual:
                rows.append(
                    UnitStatus(
                        unit_id=unit_id,
                        status=UnitStatusKind.AVAILABLE,
                        since=end + ONE_DAY,
                        from_agreements=True,
                    )
                )
    UnitStatus.objects.bulk_create(rows)
    occupancy_summary.refresh(units)


# -- agreements


def conflicting_agreement(unit: Unit, start, end, *, excluding: Agreement | None = None) -> Agreement | None:
    lines = AgreementUnit.objects.filter(unit=unit, active=True, start__lte=end, end__gte=start)
    if excluding is not None:
        lines = lines.exclude(agreement=excluding)
    line = lines.select_related("agreement__organisation").order_by("start").first()
    return line.agreement if line else None


def check_free(units, start, end, *, excluding: Agreement | None = None) -> None:
    """Refuse a unit already let for part of [start, end]. The database refuses it too; this says which."""
    for unit in units:
        conflict = conflicting_agreement(unit, start, end, excluding=excluding)
        if conflict is not None:
            raise LetTwice(unit, conflict)


def _in_service_throughout(unit: Unit, start, end) -> bool:
    """In service on the first day (available, or let: `check_free` says by whom) and neither
    planned nor under works at any time until the last."""
    if _status_on(unit, start) not in IN_SERVICE:
        return False
    return not UnitStatus.objects.filter(
        unit=unit, since__gt=start, since__lte=end, status__in=OUT_OF_SERVICE
    ).exists()


def _status_on(unit: Unit, day) -> str | None:
    row = UnitStatus.objects.filter(unit=unit, since__lte=day).order_by("-since", "-id").first()
    return row.status if row else None


def _check_period(start, end) -> None:
    _date("start", start)
    _date("end", end)
    if end < start:
        raise ValidationError({"end": [_("The end comes on or after the start.")]})
    if end.year - start.year > MAX_YEARS:
        raise ValidationError(
            {"end": [_("An agreement lasts at most %(years)s years.") % {"years": MAX_YEARS}]}
        )


def _check_units(units) -> list[Unit]:
    units = list(units or [])
    if not units:
        raise ValidationError({"units": [_("Choose at least one unit.")]})
    if any(not isinstance(unit, Unit) for unit in units):
        raise ValidationError({"units": [_("Choose units of the estate.")]})
    if len({unit.pk for unit in units}) != len(units):
        raise ValidationError({"units": [_("A unit is listed twice.")]})
    campuses = {unit.building.campus_id for unit in units}
    if len(campuses) > 1:
        raise ValidationError({"units": [_("The units of one agreement are on one campus.")]})
    for unit in units:
        if not unit.is_lettable:
            raise ValidationError(
                {"units": [_("%(unit)s is a room: it is booked, not let.") % {"unit": unit}]}
            )
    return units


def _check_agreement(agreement: Agreement) -> None:
    if agreement.kind not in AgreementKind.values:
        raise ValidationError({"kind": [_("Choose a lease, a licence or a free occupation.")]})
    _check_period(agreement.start, agreement.end)
    agreement.rent_per_m2 = _amount("rent_per_m2", agreement.rent_per_m2, maximum=Decimal("100000"))
    agreement.charges_per_m2 = _amount("charges_per_m2", agreement.charges_per_m2, maximum=Decimal("100000"))
    agreement.deposit = _amount("deposit", agreement.deposit)
    agreement.deposit_kept = _amount("deposit_kept", agreement.deposit_kept)
    if agreement.kind == AgreementKind.FREE and agreement.rent_per_m2:
        raise ValidationError({"rent_per_m2": [_("A free occupation has no rent.")]})
    agreement.vat_rate = _amount("vat_rate", agreement.vat_rate, maximum=Decimal("100"))
    if agreement.kind == AgreementKind.FREE and agreement.vat_rate:
        raise ValidationError({"vat_rate": [_("A free occupation bears no VAT.")]})
    if agreement.deposit_state not in DepositState.values:
        raise ValidationError({"deposit_state": [_("Choose the deposit's state.")]})
    if agreement.deposit_state == DepositState.KEPT_IN_PART:
        if not agreement.deposit_kept or agreement.deposit_kept > agreement.deposit:
            raise ValidationError({"deposit_kept": [_("Say how much of the deposit was kept.")]})
        if not (agreement.deposit_note or "").strip():
            raise ValidationError({"deposit_note": [_("Say why part of the deposit was kept.")]})
    if agreement.payment_frequency not in PaymentFrequency.values:
        raise ValidationError({"payment_frequency": [_("Choose monthly or quarterly.")]})
    if agreement.index and agreement.index not in Index.values:
        raise ValidationError({"index": [_("Choose a published index.")]})
    if agreement.index and agreement.base_index is None:
        raise ValidationError({"base_index": [_("An indexed rent has its base index value.")]})
    if agreement.base_index is not None and agreement.base_index <= 0:
        raise ValidationError({"base_index": [_("An index value is above 0.")]})
    if agreement.language not in ("en", "fr"):
        raise ValidationError({"language": [_("Choose English or French.")]})
    breaks = []
    for value in agreement.break_dates or []:
        try:
            day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError({"break_dates": [_("Enter dates.")]}) from None
        if not agreement.start < day <= agreement.end:
            raise ValidationError({"break_dates": [_("A break date falls within the agreement.")]})
        breaks.append(day.isoformat())
    agreement.break_dates = sorted(set(breaks))
    enrolment = agreement.enrolment
    if enrolment is not None:
        if enrolment.organisation_id != agreement.organisation_id:
            raise ValidationError({"enrolment": [_("This enrolment is another organisation's.")]})
        if agreement.kind == AgreementKind.FREE and agreement.end > (
            enrolment.ended_on or enrolment.end_date
        ):
            raise ValidationError(
                {
                    "end": [
                        _(
                            "A free occupation ends with the enrolment that grants it, on %(date)s at the latest."
                        )
                        % {"date": formatting.day(enrolment.ended_on or enrolment.end_date)}
                    ]
                }
            )


def _write_lines(agreement: Agreement, units: list[Unit], charges: dict) -> None:
    """The lines, under the database's guarantee: an overlap it refuses is a `LetTwice` too."""

    def write():  # new rows at each try: a try refused by a deadlock leaves nothing behind
        AgreementUnit.objects.bulk_create(
            [
                AgreementUnit(
                    agreement=agreement,
                    unit=unit,
                    start=agreement.start,
                    end=agreement.last_day,
                    service_charges=charges.get(unit.pk, Decimal("0")),
                )
                for unit in units
            ]
        )

    try:
        constraints.GUARANTEE.write(write, resources=[unit.pk for unit in units])
    except IntegrityError as error:
        if not constraints.is_overlap_error(error):
            raise
        for unit in units:
            conflict = conflicting_agreement(unit, agreement.start, agreement.last_day, excluding=agreement)
            if conflict is not None:
                raise LetTwice(unit, conflict) from error
        raise LetTwice(units[0], None) from error


@transaction.atomic
def create_agreement(
    *,
    actor,
    organisation: Organisation,
    units,
    start: datetime.date,
    end: datetime.date,
    kind: str,
    rent_per_m2=Decimal("0"),
    charges_per_m2=Decimal("0"),
    service_charges: dict | None = None,
    notice_months: int = 3,
    fit_out_months: int = 0,
    free_months: int = 0,
    break_dates=(),
    payment_frequency: str = PaymentFrequency.QUARTERLY,
    deposit=Decimal("0"),
    deposit_state: str | None = None,
    index: str = "",
    base_index=None,
    language: str = "fr",
    enrolment=None,
    renewal_of: Agreement | None = None,
    vat_rate=None,
    source: str = "",
) -> Agreement:
    """Let `units` (of one campus) to `organisation` from `start` to `end` (both included).

    VAT: 20 % unless said (0 for a free occupation; staff set 0 for an exempt letting).

    Service charges are per unit and year: given in `service_charges` ({unit id: EUR}) or
    worked out from `charges_per_m2` and the unit's area."""
    if not isinstance(organisation, Organisation):
        raise ValidationError({"organisation": [_("Choose an organisation of the directory.")]})
    units = _check_units(units)
    deposit = _amount("deposit", deposit)
    agreement = Agreement(
        organisation=organisation,
        kind=kind,
        start=start,
        end=end,
        rent_per_m2=rent_per_m2,
        charges_per_m2=charges_per_m2,
        notice_months=notice_months,
        fit_out_months=fit_out_months,
        free_months=free_months,
        break_dates=list(break_dates or []),
        payment_frequency=payment_frequency,
        deposit=deposit,
        deposit_state=deposit_state or (DepositState.DUE if deposit else DepositState.NONE),
        index=index or "",
        base_index=base_index,
        language=language,
        enrolment=enrolment,
        renewal_of=renewal_of,
        vat_rate=(Decimal("0") if kind == AgreementKind.FREE else DEFAULT_VAT_RATE)
        if vat_rate is None
        else vat_rate,
        source=source,
    )
    _check_agreement(agreement)
    for unit in units:
        if not _in_service_throughout(unit, start, end):
            raise ValidationError(
                {
                    "units": [
                        _("%(unit)s is not in service for the whole period (planned or under works).")
                        % {"unit": unit}
                    ]
                }
            )
    check_free(units, start, end)
    agreement.full_clean(exclude=["enrolment", "renewal_of", "organisation"])
    agreement.save()
    charges = {}
    for unit in units:
        given = (service_charges or {}).get(unit.pk)
        charges[unit.pk] = (
            _amount("service_charges", given)
            if given is not None
            else ((agreement.charges_per_m2 * Decimal(str(unit.area))).quantize(Decimal("0.01")))
        )
    _write_lines(agreement, units, charges)
    AgreementEvent.objects.create(
        agreement=agreement,
        kind=AgreementEvent.Kind.SIGNED,
        on=start,
        summary=_("Signed for %(units)s") % {"units": ", ".join(str(unit) for unit in units)},
        changes={"units": [unit.pk for unit in units], "start": start.isoformat(), "end": end.isoformat()},
    )
    rebuild_statuses(units)
    audit.record_create(
        actor=actor,
        obj=agreement,
        action="estate.agreement.signed",
        data={"units": [str(unit) for unit in units]},
    )
    return agreement


def _units_of(agreement: Agreement) -> list[Unit]:
    return list(Unit.objects.filter(lines__agreement=agreement).select_related("building"))


@transaction.atomic
def renew_agreement(*, actor, agreement: Agreement, end: datetime.date, rent_per_m2=None) -> Agreement:
    """Extend the agreement to `end` (a renewal kept in its history), its units still free then."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError(_("Only a signed agreement running its course is renewed."), code="status")
    _date("end", end)
    if end <= agreement.end:
        raise ValidationError({"end": [_("A renewal ends after the current end.")]})
    before = audit.snapshot(agreement)
    old_end = agreement.end
    units = _units_of(agreement)
    agreement.end = end
    if rent_per_m2 is not None:
        agreement.rent_per_m2 = rent_per_m2
    _check_agreement(agreement)
    check_free(units, old_end + ONE_DAY, end, excluding=agreement)
    for unit in units:
        if UnitStatus.objects.filter(
            unit=unit, since__gt=old_end, since__lte=end, status__in=OUT_OF_SERVICE
        ).exists():
            raise ValidationError(
                {"end": [_("%(unit)s is planned or under works before that date.") % {"unit": unit}]}
            )
    agreement.save()

    try:
        constraints.GUARANTEE.write(
            lambda: AgreementUnit.objects.filter(agreement=agreement).update(end=end),
            resources=[unit.pk for unit in units],
        )
    except IntegrityError as error:
        if not constraints.is_overlap_error(error):
            raise
        raise LetTwice(units[0], None) from error
    AgreementEvent.objects.create(
        agreement=agreement,
        kind=AgreementEvent.Kind.RENEWAL,
        on=old_end + ONE_DAY,
        summary=_("Renewed until %(date)s") % {"date": formatting.day(end)},
        changes={"end": [old_end.isoformat(), end.isoformat()]},
    )
    rebuild_statuses(units)
    audit.record_update(actor=actor, obj=agreement, action="estate.agreement.renewed", before=before)
    return agreement


def earliest_last_day(agreement: Agreement, notice_given_on: datetime.date) -> datetime.date:
    """The last day a notice given that day allows: the day before it runs out (3 months' notice
    given on 15 January: 14 April)."""
    return add_months(notice_given_on, agreement.notice_months) - datetime.timedelta(days=1)


@transaction.atomic
def terminate_agreement(
    *,
    actor,
    agreement: Agreement,
    on: datetime.date,
    reason: str = "",
    notice_given_on: datetime.date | None = None,
    early_release: str = "",
) -> Agreement:
    """End the agreement early: `on` is its last day; the move-out reason is kept.

    The tenant's notice is honoured: the last day comes no earlier than the day before the
    notice given on `notice_given_on` runs out (`notice_months` later), unless staff record a
    negotiated early release with its reason (`early_release`). The rent stops on the last day
    (the notices follow `last_day`); the notices already issued for days after it are credited
    (`credit_notes.py`)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.ACTIVE:
        raise ValidationError(_("This agreement is not running."), code="status")
    _date("on", on)
    if not agreement.start <= on < agreement.end:
        raise ValidationError({"on": [_("The last day falls within the agreement, before its end.")]})
    early_release = (early_release or "").strip()[:300]
    if notice_given_on is not None:
        _date("notice_given_on", notice_given_on)
        if notice_given_on > on:
            raise ValidationError({"notice_given_on": [_("Notice is given on or before the last day.")]})
    if not early_release:
        if notice_given_on is None:
            raise ValidationError(
                {
                    "notice_given_on": [
                        _("Say when the tenant gave notice, or record a negotiated early release and why.")
                    ]
                }
            )
        earliest = earliest_last_day(agreement, notice_given_on)
        if on < earliest:
            raise ValidationError(
                {
                    "on": [
                        _(
                            "With %(months)s months' notice given on %(given)s, the last day is "
                            "%(earliest)s at the earliest; record a negotiated early release to end sooner."
                        )
                        % {
                            "months": agreement.notice_months,
                            "given": formatting.day(notice_given_on),
                            "earliest": formatting.day(earliest),
                        }
                    ]
                }
            )
    before = audit.snapshot(agreement)
    agreement.status = AgreementStatus.TERMINATED
    agreement.terminated_on = on
    agreement.move_out_reason = (reason or "").strip()[:300]
    agreement.notice_given_on = notice_given_on
    agreement.early_release_reason = early_release
    agreement.save()
    AgreementUnit.objects.filter(agreement=agreement).update(end=on)
    AgreementEvent.objects.create(
        agreement=agreement,
        kind=AgreementEvent.Kind.TERMINATION,
        on=on,
        summary=agreement.move_out_reason or _("Terminated"),
        changes={
            "terminated_on": on.isoformat(),
            "notice_given_on": notice_given_on.isoformat() if notice_given_on else None,
            "early_release": early_release,
        },
    )
    rebuild_statuses(_units_of(agreement))
    audit.record_update(actor=actor, obj=agreement, action="estate.agreement.terminated", before=before)
    credit_notes.credit_unused_days(actor=actor, agreement=agreement, last_day=on)
    return agreement


@transaction.atomic
def cancel_agreement(*, actor, agreement: Agreement) -> Agreement:
    """Void an agreement entered by mistake: its units are free again for its period."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status == AgreementStatus.CANCELLED:
        raise ValidationError(_("This agreement is already cancelled."), code="status")
    before = audit.snapshot(agreement)
    agreement.status = AgreementStatus.CANCELLED
    agreement.save()
    AgreementUnit.objects.filter(agreement=agreement).update(active=False)
    rebuild_statuses(_units_of(agreement))
    audit.record_update(actor=actor, obj=agreement, action="estate.agreement.cancelled", before=before)
    return agreement


@transaction.atomic
def record_index_value(
    *, actor, index: str, published_on: datetime.date, value, source: str = ""
) -> IndexValue:
    """A published value of an index, as staff read it (again for the same date: corrected)."""
    if index not in Index.values:
        raise ValidationError({"index": [_("Choose a published index.")]})
    _date("published_on", published_on)
    value = _amount("value", value, maximum=Decimal("100000"))
    if value <= 0:
        raise ValidationError({"value": [_("An index value is above 0.")]})
    row = IndexValue.objects.filter(index=index, published_on=published_on).first()
    if row is None:
        row = IndexValue.objects.create(index=index, published_on=published_on, value=value, source=source)
        audit.record_create(actor=actor, obj=row, action="estate.index.recorded")
        return row
    before = audit.snapshot(row)
    row.value, row.source = value, source or row.source
    row.save()
    audit.record_update(actor=actor, obj=row, action="estate.index.updated", before=before)
    return row


def units_free(*, first, last, kind=None, min_area=None, max_area=None, campus=None):
    """The availability search: lettable units free for the whole of [first, last]."""
    _check_period(first, last)
    units = Unit.objects.lettable()
    if kind:
        units = units.filter(kind=kind)
    if min_area is not None:
        units = units.filter(area__gte=min_area)
    if max_area is not None:
        units = units.filter(area__lte=max_area)
    if campus is not None:
        units = units.filter(building__campus=campus)
    # The plain filters first, then the period's (subqueries per unit): the database checks them in that order.
    return units.free_between(first, last).select_related("building__campus", "floor")


# -- space requests


@transaction.atomic
def request_space(
    *,
    actor,
    kind: str,
    area,
    wanted_from: datetime.date,
    months: int,
    organisation: Organisation | None = None,
    prospect: str = "",
    enrolment=None,
    soft_landing=None,
    needs: str = "",
    source: str = "",
) -> SpaceRequest:
    """A company, a programme's project or a prospect asks for space. A prospect arriving through
    soft landing is linked to its case (`soft_landing`: its name is the prospect's); a walk-in
    is named in free text (`prospect`)."""
    if soft_landing is not None:
        check_soft_landing(soft_landing)
        if organisation is None:
            prospect = soft_landing.name
    if organisation is None and not (prospect or "").strip():
        raise ValidationError({"organisation": [_("Name the organisation or the prospect.")]})
    if kind not in LETTABLE_KINDS:
        raise ValidationError({"kind": [_("Choose a kind of unit that is let.")]})
    area = _amount("area", area, maximum=MAX_AREA)
    if area <= 0:
        raise ValidationError({"area": [_("A unit has an area above 0 m².")]})
    _date("wanted_from", wanted_from)
    if not isinstance(months, int) or not 1 <= months <= 12 * MAX_YEARS:
        raise ValidationError({"months": [_("Enter a number of months.")]})
    if enrolment is not None and organisation is not None and enrolment.organisation_id != organisation.pk:
        raise ValidationError({"enrolment": [_("This enrolment is another organisation's.")]})
    space_request = SpaceRequest.objects.create(
        organisation=organisation,
        prospect=(prospect or "").strip()[:200],
        enrolment=enrolment,
        soft_landing=soft_landing,
        kind=kind,
        area=area,
        wanted_from=wanted_from,
        months=months,
        needs=(needs or "").strip(),
        source=source,
    )
    audit.record_create(actor=actor, obj=space_request, action="estate.space_request.requested")
    return space_request


def soft_landings():
    """The cases of companies arriving through soft landing a prospect's request can name
    (cooperation's, read through the field: the estate imports no cooperation module)."""
    model = SpaceRequest._meta.get_field("soft_landing").related_model
    return model.objects.filter(direction=INBOUND).exclude(stage=LOST_STAGE).order_by("name", "pk")


def check_soft_landing(soft_landing) -> None:
    model = SpaceRequest._meta.get_field("soft_landing").related_model
    if not isinstance(soft_landing, model) or not soft_landings().filter(pk=soft_landing.pk).exists():
        raise ValidationError(
            {"soft_landing": [_("Choose the soft-landing case of a company arriving, not lost.")]}
        )


def candidates(space_request: SpaceRequest):
    """Units free for the whole period asked, of the kind, within a fifth of the area asked."""
    first = space_request.wanted_from
    last = add_months(first, space_request.months) - ONE_DAY
    low, high = space_request.area * Decimal("0.8"), space_request.area * Decimal("1.2")
    return units_free(first=first, last=last, kind=space_request.kind, min_area=low, max_area=high)


@transaction.atomic
def offer_units(*, actor, space_request: SpaceRequest, units) -> SpaceRequest:
    """Staff offer units (seen in the search) to the requester."""
    space_request = SpaceRequest.objects.select_for_update().get(pk=space_request.pk)
    if space_request.status in (SpaceRequestStatus.SIGNED, SpaceRequestStatus.LOST):
        raise ValidationError(_("This request is closed."), code="closed")
    units = _check_units(units)
    before = audit.snapshot(space_request)
    space_request.status = SpaceRequestStatus.OFFERED
    space_request.save(update_fields=["status", "updated_at"])
    space_request.offered_units.set(units)
    audit.record_update(
        actor=actor,
        obj=space_request,
        action="estate.space_request.offered",
        before=before,
        data={"units": [str(unit) for unit in units]},
    )
    return space_request


@transaction.atomic
def sign_request(*, actor, space_request: SpaceRequest, kind: str, end: datetime.date | None = None, **terms):
    """The request ends in a signed agreement on the units offered, from the date asked."""
    space_request = SpaceRequest.objects.select_for_update().get(pk=space_request.pk)
    if space_request.status != SpaceRequestStatus.OFFERED:
        raise ValidationError(_("Offer units first."), code="not_offered")
    if space_request.organisation_id is None:
        raise ValidationError({"organisation": [_("Add the prospect to the directory first.")]})
    start = space_request.wanted_from
    agreement = create_agreement(
        actor=actor,
        organisation=space_request.organisation,
        units=list(space_request.offered_units.select_related("building")),
        start=start,
        end=end or add_months(start, space_request.months) - ONE_DAY,
        kind=kind,
        enrolment=space_request.enrolment,
        **terms,
    )
    before = audit.snapshot(space_request)
    space_request.status = SpaceRequestStatus.SIGNED
    space_request.agreement = agreement
    space_request.save(update_fields=["status", "agreement", "updated_at"])
    audit.record_update(actor=actor, obj=space_request, action="estate.space_request.signed", before=before)
    return agreement


@transaction.atomic
def lose_request(*, actor, space_request: SpaceRequest, reason: str) -> SpaceRequest:
    space_request = SpaceRequest.objects.select_for_update().get(pk=space_request.pk)
    if space_request.status in (SpaceRequestStatus.SIGNED, SpaceRequestStatus.LOST):
        raise ValidationError(_("This request is closed."), code="closed")
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Say why the request was lost.")]})
    before = audit.snapshot(space_request)
    space_request.status = SpaceRequestStatus.LOST
    space_request.lost_reason = reason.strip()[:300]
    space_request.save(update_fields=["status", "lost_reason", "updated_at"])
    audit.record_update(actor=actor, obj=space_request, action="estate.space_request.lost", before=before)
    return space_request
