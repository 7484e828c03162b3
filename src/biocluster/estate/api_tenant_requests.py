"""/api/tenant-requests: a tenant's member reports a problem on a unit its organisation
occupies and follows it; staff see them all, assign and close them (the photo is sent on
the page, not through the API)."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from biocluster.accounts.roles import staff_users
from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Error, Shaped
from biocluster.core.api_types import MAX_ID, ObjectId, Text

from . import tenant_requests
from .models import TenantRequest, Unit

router = Router(tags=["estate"])
Category = Literal["heating", "plumbing", "electricity", "lab_equipment", "cleaning", "access", "other"]


class TenantRequestOut(Schema):
    id: int
    reference: str
    unit: int
    building: int
    organisation: int
    category: str
    description: str
    status: str
    has_photo: bool
    assigned_to: int | None
    reported_on: datetime.date
    closed_on: datetime.date | None
    closing_note: str


class TenantRequestQuery(Schema):
    status: Literal["open", "assigned", "closed"] | None = None
    building: int | None = Field(None, ge=1, le=MAX_ID)
    category: Category | None = None


class TenantRequestIn(Schema):
    unit: int = Field(ge=1, le=MAX_ID)
    category: Category
    description: Text(5000, min_length=1)


class TenantRequestAssignIn(Schema):
    assigned_to: int = Field(ge=1, le=MAX_ID)


class CloseIn(Schema):
    note: Text(5000, min_length=1)


def tenant_request_out(row: TenantRequest) -> dict:
    return {
        "id": row.pk,
        "reference": row.reference,
        "unit": row.unit_id,
        "building": row.unit.building_id,
        "organisation": row.organisation_id,
        "category": row.category,
        "description": row.description,
        "status": row.status,
        "has_photo": bool(row.photo),
        "assigned_to": row.assigned_to_id,
        "reported_on": timezone.localdate(row.created_at),
        "closed_on": row.closed_on,
        "closing_note": row.closing_note,
    }


def _rows(request):
    return TenantRequest.objects.visible_to(request.user).select_related("unit")


@router.get("/tenant-requests", response=list[TenantRequestOut], summary="Tenant requests")
@paginate
def list_tenant_requests(request, query: Query[TenantRequestQuery]):
    require(request.user, "estate.list_tenant_requests")
    rows = _rows(request)
    if query.status:
        rows = rows.filter(status=query.status)
    if query.building:
        rows = rows.filter(unit__building_id=query.building)
    if query.category:
        rows = rows.filter(category=query.category)
    return Shaped(rows.order_by("-created_at", "-id"), tenant_request_out)


@router.get("/tenant-requests/{pk}", response={200: TenantRequestOut, 404: Error})
def get_tenant_request(request, pk: ObjectId):
    return tenant_request_out(get_visible_or_404(_rows(request), request.user, pk=pk))


@router.post(
    "/tenant-requests", response={201: TenantRequestOut, 403: Error, 422: Error}, summary="Report a problem"
)
def create_tenant_request(request, payload: TenantRequestIn):
    require(request.user, "estate.report_problem")
    unit = Unit.objects.filter(pk=payload.unit).first()
    if unit is None:
        raise ValidationError({"unit": [_("Report problems on a unit your organisation occupies.")]})
    row = tenant_requests.report_problem(
        actor=request.user,
        unit=unit,
        category=payload.category,
        description=payload.description,
        on=timezone.localdate(),
    )
    return Status(201, tenant_request_out(row))


@router.post(
    "/tenant-requests/{pk}/assign", response={200: TenantRequestOut, 403: Error, 404: Error, 422: Error}
)
def assign_tenant_request(request, pk: ObjectId, payload: TenantRequestAssignIn):
    row = get_visible_or_404(_rows(request), request.user, pk=pk)
    require(request.user, "estate.manage_tenant_requests", row)
    assignee = staff_users().filter(pk=payload.assigned_to).first()
    return tenant_request_out(tenant_requests.assign(actor=request.user, request=row, assignee=assignee))


@router.post(
    "/tenant-requests/{pk}/close", response={200: TenantRequestOut, 403: Error, 404: Error, 422: Error}
)
def close_tenant_request(request, pk: ObjectId, payload: CloseIn):
    row = get_visible_or_404(_rows(request), request.user, pk=pk)
    require(request.user, "estate.manage_tenant_requests", row)
    return tenant_request_out(
        tenant_requests.close(actor=request.user, request=row, note=payload.note, on=timezone.localdate())
    )
