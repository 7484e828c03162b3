"""/api/buildings, /api/units (with the availability filter), /api/leases and
/api/occupancy.

The campuses are the directory's (`/api/campuses`, served there). The estate is the public offer: everyone reads campuses, buildings and units. Agreements
are read by staff and by the tenant's members (others find nothing: 404); only staff
write them (401 anonymous, 403 otherwise), through the same services as the pages. A unit
already let for part of the period is a 409 naming the agreement in the way.
"""

import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import model_validator

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Error, Shaped, filtered
from biocluster.core.api_types import MAX_ID, ObjectId, OptionalId
from biocluster.directory.models import Organisation
from biocluster.programmes.models import Enrolment

from . import services
from .api_lineage import router as lineage_router
from .api_rent_roll import router as rent_roll_router
from .api_tenant_requests import router as tenant_requests_router
from .filters import AgreementFilter, BuildingFilter, UnitFilter
from .models import Agreement, AgreementUnit, Building, SpaceRequest, Unit
from .occupancy import occupancy, occupancy_by
from .series import MAX_MONTHS, month_span, series_by

router = Router(tags=["estate"])
router.add_router("", rent_roll_router)
router.add_router("", lineage_router)
router.add_router("", tenant_requests_router)

UnitKindCode = Literal[
    "office",
    "bsl1_lab",
    "bsl2_lab",
    "mixed",
    "clean_room",
    "production",
    "storage",
    "land",
    "meeting_room",
    "auditorium",
    "residence_studio",
]
AgreementKindCode = Literal["lease", "licence", "free"]
MAX_DAY = datetime.date(2199, 12, 31)
MIN_DAY = datetime.date(1900, 1, 1)
Day = Field(None, ge=MIN_DAY, le=MAX_DAY)
Money = Field(None, ge=0, le=100000, max_digits=9, decimal_places=2)


class BuildingOut(Schema):
    id: int
    name: str
    campus: int
    campus_name: str
    delivered_on: datetime.date | None
    units: int
    area: float


class BuildingQuery(Schema):
    campus: int | None = Field(None, ge=1, le=MAX_ID)


class UnitOut(Schema):
    id: int
    code: str
    kind: str
    area: float
    building: int
    building_name: str
    campus: int
    campus_name: str
    floor: int | None
    furnished: bool
    fume_hoods: bool
    gases: bool
    waste_removal: bool
    capacity: int | None


class UnitQuery(Schema):
    kind: UnitKindCode | None = None
    campus: int | None = Field(None, ge=1, le=MAX_ID)
    building: int | None = Field(None, ge=1, le=MAX_ID)
    min_area: float | None = Field(None, ge=0, le=1_000_000)
    max_area: float | None = Field(None, ge=0, le=1_000_000)
    free_from: datetime.date | None = Day
    free_to: datetime.date | None = Day


class LeaseLineOut(Schema):
    unit: int
    unit_code: str
    area: float
    start: datetime.date
    end: datetime.date
    service_charges: float


class LeaseOut(Schema):
    id: int
    reference: str
    organisation: int
    organisation_name: str
    kind: str
    status: str
    start: datetime.date
    end: datetime.date
    terminated_on: datetime.date | None
    units: list[LeaseLineOut]
    area: float
    rent_per_m2: float
    charges_per_m2: float
    payment_frequency: str
    deposit: float
    deposit_state: str
    index: str
    vat_rate: float = Field(description="VAT rate in percent (0: no VAT).")
    notice_given_on: datetime.date | None
    early_release_reason: str
    source: str


class LeaseQuery(Schema):
    organisation: int | None = Field(None, ge=1, le=MAX_ID)
    kind: AgreementKindCode | None = None
    status: Literal["active", "terminated", "cancelled"] | None = None
    unit: int | None = Field(None, ge=1, le=MAX_ID)
    current_at: datetime.date | None = Day


class LeaseIn(Schema):
    organisation: int = Field(ge=1, le=MAX_ID)
    units: list[int] = Field(min_length=1, max_length=100)
    start: datetime.date = Field(ge=MIN_DAY, le=MAX_DAY)
    end: datetime.date = Field(ge=MIN_DAY, le=MAX_DAY)
    kind: AgreementKindCode
    rent_per_m2: Decimal | None = Money
    charges_per_m2: Decimal | None = Money
    notice_months: int = Field(3, ge=0, le=120)
    fit_out_months: int = Field(0, ge=0, le=120)
    free_months: int = Field(0, ge=0, le=120)
    payment_frequency: Literal["monthly", "quarterly"] = "quarterly"
    deposit: Decimal | None = Field(None, ge=0, le=10_000_000, max_digits=11, decimal_places=2)
    index: Literal["", "ILAT", "ILC", "ICC"] = ""
    base_index: Decimal | None = Field(None, gt=0, le=100000, max_digits=9, decimal_places=2)
    language: Literal["en", "fr"] = "fr"
    enrolment: OptionalId = None
    vat_rate: Decimal | None = Field(
        None,
        ge=0,
        le=100,
        max_digits=5,
        decimal_places=2,
        description="20 by default, 0 for a free occupation.",
    )


class LeaseConflict(Schema):
    detail: str | list
    agreement: int | None
    reference: str | None


def lease_conflict(conflict: services.LetTwice) -> dict:
    """The 409's body: the unit let twice and the agreement in the way."""
    other = conflict.conflict
    return {
        "detail": conflict.messages[0],
        "agreement": other.pk if other is not None else None,
        "reference": other.reference if other is not None else None,
    }


class OccupancyOut(Schema):
    area_total: float
    area_let: float
    rate: float = Field(description="The let share of the area, in percent.")
    units_total: int
    units_let: int


class OccupancyGroupOut(OccupancyOut):
    group: str


class OccupancyMonthOut(OccupancyOut):
    month: datetime.date = Field(description="The first day of the month the figures are of.")
    group: str | None = None


class OccupancyQuery(Schema):
    at: datetime.date | None = Field(None, ge=MIN_DAY, le=MAX_DAY, description="Today by default.")
    by: Literal["campus", "kind"] | None = None
    first: datetime.date | None = Field(
        None,
        alias="from",
        ge=MIN_DAY,
        le=MAX_DAY,
        description="A series: from this date's month (with `to`).",
    )
    last: datetime.date | None = Field(
        None, alias="to", ge=MIN_DAY, le=MAX_DAY, description="A series: to this date's month (with `from`)."
    )
    step: Literal["month"] = Field("month", description="A series' step: the first day of each month.")

    @model_validator(mode="after")
    def _one_question(self):
        if (self.first is None) != (self.last is None):
            raise ValueError("Give both `from` and `to` for a series.")
        if self.first is not None:
            if self.at is not None:
                raise ValueError("Ask for a date (`at`) or a series (`from`, `to`), not both.")
            if self.last < self.first:
                raise ValueError("`to` comes on or after `from`.")
            if month_span(self.first, self.last) > MAX_MONTHS:
                raise ValueError(f"A series covers at most {MAX_MONTHS} months.")
        return self


# -- shapes


def building_out(building: Building) -> dict:
    return {
        "id": building.pk,
        "name": building.name,
        "campus": building.campus_id,
        "campus_name": building.campus.name,
        "delivered_on": building.delivered_on,
        "units": building.unit_count,
        "area": float(building.unit_area or 0),
    }


def unit_out(unit: Unit) -> dict:
    return {
        "id": unit.pk,
        "code": unit.code,
        "kind": unit.kind,
        "area": float(unit.area),
        "building": unit.building_id,
        "building_name": unit.building.name,
        "campus": unit.building.campus_id,
        "campus_name": unit.building.campus.name,
        "floor": unit.floor.level if unit.floor_id else None,
        "furnished": unit.furnished,
        "fume_hoods": unit.fume_hoods,
        "gases": unit.gases,
        "waste_removal": unit.waste_removal,
        "capacity": unit.capacity,
    }


def lease_out(agreement: Agreement) -> dict:
    lines = list(agreement.lines.all())
    return {
        "id": agreement.pk,
        "reference": agreement.reference,
        "organisation": agreement.organisation_id,
        "organisation_name": agreement.organisation.name,
        "kind": agreement.kind,
        "status": agreement.status,
        "start": agreement.start,
        "end": agreement.end,
        "terminated_on": agreement.terminated_on,
        "units": [
            {
                "unit": line.unit_id,
                "unit_code": str(line.unit),
                "area": float(line.unit.area),
                "start": line.start,
                "end": line.end,
                "service_charges": float(line.service_charges),
            }
            for line in lines
        ],
        "area": float(sum((line.unit.area for line in lines), Decimal("0"))),
        "rent_per_m2": float(agreement.rent_per_m2),
        "charges_per_m2": float(agreement.charges_per_m2),
        "payment_frequency": agreement.payment_frequency,
        "deposit": float(agreement.deposit),
        "deposit_state": agreement.deposit_state,
        "index": agreement.index,
        "vat_rate": float(agreement.vat_rate),
        "notice_given_on": agreement.notice_given_on,
        "early_release_reason": agreement.early_release_reason,
        "source": agreement.source,
    }


def _units():
    return Unit.objects.visible_to(None).select_related("building__campus", "floor")


def _leases(request):
    lines = Prefetch(
        "lines", queryset=AgreementUnit.objects.select_related("unit__building").order_by("unit_id")
    )
    return Agreement.objects.visible_to(request.user).select_related("organisation").prefetch_related(lines)


# -- the estate (public)


@router.get("/buildings", response=list[BuildingOut], summary="Buildings")
@paginate
def list_buildings(request, query: Query[BuildingQuery]):
    buildings = (
        Building.objects.visible_to(request.user)
        .select_related("campus")
        .annotate(unit_count=Count("units"), unit_area=Sum("units__area"))
        .order_by("campus__name", "name")
    )
    return Shaped(filtered(BuildingFilter, query, buildings), building_out)


@router.get("/units", response=list[UnitOut], summary="Units, with the availability filter")
@paginate
def list_units(request, query: Query[UnitQuery]):
    """`free_from` and `free_to` (together): the lettable units free for the whole period,
    neither let nor planned nor under works on any of its days."""
    return Shaped(
        filtered(UnitFilter, query, _units()).order_by("building__campus__name", "building__name", "code"),
        unit_out,
    )


@router.get("/units/{pk}", response={200: UnitOut, 404: Error})
def get_unit(request, pk: ObjectId):
    return unit_out(get_visible_or_404(_units(), request.user, pk=pk))


# -- agreements


@router.get("/leases", response=list[LeaseOut], summary="Leases, licences and free occupations")
@paginate
def list_leases(request, query: Query[LeaseQuery]):
    require(request.user, "estate.list_agreements")
    return Shaped(filtered(AgreementFilter, query, _leases(request)), lease_out)


@router.get("/leases/{pk}", response={200: LeaseOut, 404: Error})
def get_lease(request, pk: ObjectId):
    return lease_out(get_visible_or_404(_leases(request), request.user, pk=pk))


@router.post(
    "/leases",
    response={201: LeaseOut, 403: Error, 409: LeaseConflict, 422: Error},
    summary="Let units to an organisation (409: a unit is let for part of the period)",
)
def create_lease(request, payload: LeaseIn):
    require(request.user, "estate.add_agreement")
    organisation = Organisation.objects.visible_to(request.user).filter(pk=payload.organisation).first()
    if organisation is None:
        raise ValidationError({"organisation": [_("No such organisation.")]})
    wanted = list(dict.fromkeys(payload.units))
    units = list(Unit.objects.filter(pk__in=wanted).select_related("building"))
    if len(units) != len(wanted) or len(wanted) != len(payload.units):
        raise ValidationError({"units": [_("Choose units of the estate, each once.")]})
    enrolment = None
    if payload.enrolment is not None:
        enrolment = Enrolment.objects.filter(pk=payload.enrolment).first()
        if enrolment is None:
            raise ValidationError({"enrolment": [_("No such enrolment.")]})
    optional = {
        name: value
        for name, value in payload.dict(
            include={"rent_per_m2", "charges_per_m2", "deposit", "base_index", "vat_rate"}
        ).items()
        if value is not None
    }
    try:
        agreement = services.create_agreement(
            actor=request.user,
            organisation=organisation,
            units=sorted(units, key=lambda unit: wanted.index(unit.pk)),
            start=payload.start,
            end=payload.end,
            kind=payload.kind,
            notice_months=payload.notice_months,
            fit_out_months=payload.fit_out_months,
            free_months=payload.free_months,
            payment_frequency=payload.payment_frequency,
            index=payload.index,
            language=payload.language,
            enrolment=enrolment,
            **optional,
        )
    except services.LetTwice as conflict:
        return Status(409, lease_conflict(conflict))
    return Status(201, lease_out(_leases(request).get(pk=agreement.pk)))


# -- occupancy


@router.get(
    "/occupancy",
    response={200: OccupancyOut | list[OccupancyMonthOut] | list[OccupancyGroupOut], 403: Error},
    summary="Occupancy at a date or month by month (by campus or kind)",
)
def get_occupancy(request, query: Query[OccupancyQuery]):
    """The lettable area and units in service on `at`, those let, and the let share of the area
    in percent; with `by`, one such row per campus or kind. With `from` and `to` (`step=month`),
    the same figures on the first day of every month from `from`'s to `to`'s, each row with its
    `month` (and its `group` with `by`: only the groups with units in service that day)."""
    require(request.user, "estate.view_occupancy")
    if query.first is not None:
        return [
            {"month": day, "group": group, **figures.as_dict()}
            for group, months in series_by(query.first, query.last, query.by).items()
            for day, figures in months
            if query.by is None or figures.units_total
        ]
    at = query.at or timezone.localdate()
    if query.by is None:
        return occupancy(at).as_dict()
    return [{"group": group, **figures.as_dict()} for group, figures in occupancy_by(at, query.by).items()]


# -- space requests (staff)


class SpaceRequestOut(Schema):
    id: int
    organisation: int | None
    prospect: str
    soft_landing: int | None = Field(description="The soft-landing case the prospect arrives through.")
    enrolment: int | None
    kind: str
    area: float
    wanted_from: datetime.date
    months: int
    needs: str
    status: str
    offered_units: list[int]
    agreement: int | None
    lost_reason: str


class SpaceRequestIn(Schema):
    organisation: OptionalId = None
    prospect: str = Field("", max_length=200, pattern=r"^[^\x00]*$")
    soft_landing: OptionalId = Field(None, description="A prospect arriving through soft landing: its case.")
    enrolment: OptionalId = None
    kind: UnitKindCode
    area: float = Field(gt=0, le=1_000_000)
    wanted_from: datetime.date = Field(ge=MIN_DAY, le=MAX_DAY)
    months: int = Field(ge=1, le=1188)
    needs: str = Field("", max_length=5000, pattern=r"^[^\x00]*$")


def space_request_out(row: SpaceRequest) -> dict:
    return {
        "id": row.pk,
        "organisation": row.organisation_id,
        "prospect": row.prospect,
        "soft_landing": row.soft_landing_id,
        "enrolment": row.enrolment_id,
        "kind": row.kind,
        "area": float(row.area),
        "wanted_from": row.wanted_from,
        "months": row.months,
        "needs": row.needs,
        "status": row.status,
        "offered_units": [unit.pk for unit in row.offered_units.all()],
        "agreement": row.agreement_id,
        "lost_reason": row.lost_reason,
    }


def _space_requests(request):
    return SpaceRequest.objects.visible_to(request.user).prefetch_related("offered_units")


@router.get("/space-requests", response=list[SpaceRequestOut], summary="Space requests (staff)")
@paginate
def list_space_requests(request):
    require(request.user, "estate.add_agreement")
    return Shaped(_space_requests(request), space_request_out)


@router.get("/space-requests/{pk}", response={200: SpaceRequestOut, 404: Error})
def get_space_request(request, pk: ObjectId):
    return space_request_out(get_visible_or_404(_space_requests(request), request.user, pk=pk))


@router.post(
    "/space-requests",
    response={201: SpaceRequestOut, 403: Error, 422: Error},
    summary="Record a space request",
)
def create_space_request(request, payload: SpaceRequestIn):
    require(request.user, "estate.add_agreement")
    organisation = None
    if payload.organisation is not None:
        organisation = Organisation.objects.visible_to(request.user).filter(pk=payload.organisation).first()
        if organisation is None:
            raise ValidationError({"organisation": [_("No such organisation.")]})
    enrolment = None
    if payload.enrolment is not None:
        enrolment = Enrolment.objects.filter(pk=payload.enrolment).first()
        if enrolment is None:
            raise ValidationError({"enrolment": [_("No such enrolment.")]})
    soft_landing = None
    if payload.soft_landing is not None:
        soft_landing = services.soft_landings().filter(pk=payload.soft_landing).first()
        if soft_landing is None:
            raise ValidationError({"soft_landing": [_("No such soft-landing case.")]})
    row = services.request_space(
        actor=request.user,
        organisation=organisation,
        prospect=payload.prospect,
        enrolment=enrolment,
        soft_landing=soft_landing,
        kind=payload.kind,
        area=Decimal(str(payload.area)),
        wanted_from=payload.wanted_from,
        months=payload.months,
        needs=payload.needs,
    )
    return Status(201, space_request_out(_space_requests(request).get(pk=row.pk)))


from . import api_requests  # noqa: E402, F401  (the actions on a space request, on this router)
