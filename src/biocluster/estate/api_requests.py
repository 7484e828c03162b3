"""Staff's actions on a space request through the API: visits, offer, signing, loss.

`POST /api/space-requests/{id}/visits`, `/offer`, `/sign` and `/lose`, and the visits'
list. A request the user may not see is a 404; one its requester's members may see
but not work is a 403. Through the same services as the pages; a unit let meanwhile is a
409 naming the agreement in the way, as for `POST /api/leases`.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema

from biocluster.core.api_actions import Actions
from biocluster.core.api_schemas import Error
from biocluster.core.api_types import ObjectId

from . import services, space_requests
from .api import (
    MAX_DAY,
    MIN_DAY,
    AgreementKindCode,
    LeaseConflict,
    LeaseOut,
    SpaceRequestOut,
    _leases,
    _space_requests,
    lease_conflict,
    lease_out,
    router,
    space_request_out,
)
from .models import Unit, Visit

UnitIds = list[int]


class VisitIn(Schema):
    on: datetime.date = Field(ge=MIN_DAY, le=MAX_DAY)
    visitors: str = Field(min_length=1, max_length=300, pattern=r"^[^\x00]*$")
    units: UnitIds = Field(min_length=1, max_length=50)
    notes: str = Field("", max_length=5000, pattern=r"^[^\x00]*$")


class VisitOut(Schema):
    id: int
    on: datetime.date
    visitors: str
    units: list[int]
    notes: str


class OfferIn(Schema):
    units: UnitIds = Field(min_length=1, max_length=50)


class SignIn(Schema):
    kind: AgreementKindCode
    end: datetime.date | None = Field(None, ge=MIN_DAY, le=MAX_DAY)
    rent_per_m2: Decimal | None = Field(None, ge=0, le=100000, max_digits=9, decimal_places=2)
    charges_per_m2: Decimal | None = Field(None, ge=0, le=100000, max_digits=9, decimal_places=2)
    payment_frequency: str = Field("monthly", pattern="^(monthly|quarterly)$")
    language: str = Field("fr", pattern="^(fr|en)$")


class LoseIn(Schema):
    reason: str = Field(min_length=1, max_length=300, pattern=r"^[^\x00]*$")


def visit_out(visit: Visit) -> dict:
    return {
        "id": visit.pk,
        "on": visit.on,
        "visitors": visit.visitors,
        "units": [unit.pk for unit in visit.units.all()],
        "notes": visit.notes,
    }


MANAGE = "estate.manage_space_requests"
actions = Actions(
    _space_requests,
    target="space_request",
    out=space_request_out,
)


def _units(ids: list[int]) -> list[Unit]:
    wanted = list(dict.fromkeys(ids))
    units = Unit.objects.filter(pk__in=wanted).select_related("building")
    if len(wanted) != len(ids) or len(units) != len(wanted):
        raise ValidationError({"units": [_("Choose units of the estate, each once.")]})
    return sorted(units, key=lambda unit: wanted.index(unit.pk))


@router.get("/space-requests/{pk}/visits", response={200: list[VisitOut], 403: Error, 404: Error})
def list_visits(request, pk: ObjectId):
    space_request = actions.get(request, pk, MANAGE)
    return [visit_out(visit) for visit in space_request.visits.prefetch_related("units").order_by("on", "id")]


@router.post(
    "/space-requests/{pk}/visits",
    response={201: VisitOut, 403: Error, 404: Error, 422: Error},
    summary="Record a visit (staff)",
)
def record_visit(request, pk: ObjectId, payload: VisitIn):
    return actions.act(
        request,
        pk,
        MANAGE,
        space_requests.record_visit,
        on=payload.on,
        visitors=payload.visitors,
        notes=payload.notes,
        prepare=lambda: {"units": _units(payload.units)},
        answer=visit_out,
        status=201,
    )


@router.post(
    "/space-requests/{pk}/offer",
    response={200: SpaceRequestOut, 403: Error, 404: Error, 422: Error},
    summary="Offer units (staff)",
)
def offer(request, pk: ObjectId, payload: OfferIn):
    return actions.act(
        request, pk, MANAGE, services.offer_units, prepare=lambda: {"units": _units(payload.units)}
    )


@router.post(
    "/space-requests/{pk}/sign",
    response={201: LeaseOut, 403: Error, 404: Error, 409: LeaseConflict, 422: Error},
    summary="Sign the agreement on the units offered (staff; 409: a unit let meanwhile)",
)
def sign(request, pk: ObjectId, payload: SignIn):
    terms = {
        name: value
        for name, value in payload.dict(include={"end", "rent_per_m2", "charges_per_m2"}).items()
        if value is not None
    }
    return actions.act(
        request,
        pk,
        MANAGE,
        services.sign_request,
        kind=payload.kind,
        payment_frequency=payload.payment_frequency,
        language=payload.language,
        **terms,
        answer=lambda agreement: lease_out(_leases(request).get(pk=agreement.pk)),
        status=201,
        conflicts={services.LetTwice: lease_conflict},
    )


@router.post(
    "/space-requests/{pk}/lose",
    response={200: SpaceRequestOut, 403: Error, 404: Error, 422: Error},
    summary="Record the request as lost, with a reason (staff)",
)
def lose(request, pk: ObjectId, payload: LoseIn):
    return actions.act(request, pk, MANAGE, services.lose_request, reason=payload.reason)
