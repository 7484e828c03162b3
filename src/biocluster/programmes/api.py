"""/api/programmes, /api/enrolments and /api/milestones, under the same rules as the pages.

Programmes are public; an enrolment and its milestones are seen by the entreprises staff
and by the members of the enrolled organisation (404 for anyone else). Members log the
sessions they received, ask for the renewal and declare milestones; rule violations
are 422 naming the field, like every service refusal.
"""

import datetime as dt
from datetime import date
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import DecimalField, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Error, Shaped, filtered
from biocluster.core.api_types import MAX_ID, ObjectId, Text

from . import services
from .filters import EnrolmentFilter, MilestoneFilter
from .models import (
    Enrolment,
    Expert,
    Milestone,
    MilestoneKind,
    Programme,
    QuotaOverride,
    Round,
    Session,
    SessionKind,
)

router = Router(tags=["programmes"])


# --------------------------------------------------------------------------- programmes


class ProgrammeOut(Schema):
    id: int
    code: str
    name_en: str
    name_fr: str
    summary_en: str
    summary_fr: str
    target: str
    duration_months: int
    renewal_months: int
    days_quota: Decimal | None
    shared_lab_access: bool
    office_or_lab_space: bool
    fund_raising_support: bool
    is_active: bool
    url: str


def programme_out(p: Programme) -> dict:
    return {
        **{name: getattr(p, name) for name in ProgrammeOut.model_fields if name not in ("url",)},
        "url": reverse("programmes:programme_detail", args=[p.pk]),
    }


@router.get("/programmes", response=list[ProgrammeOut], summary="The entrepreneurship programmes")
@paginate
def list_programmes(request):
    programmes = Programme.objects.visible_to(request.user)
    return Shaped(programmes, programme_out)


@router.get("/programmes/{pk}", response={200: ProgrammeOut, 404: Error})
def get_programme(request, pk: ObjectId):
    return programme_out(get_visible_or_404(Programme.objects, request.user, pk=pk))


# --------------------------------------------------------------------------- enrolments


class QuotaOut(Schema):
    total_hours: Decimal | None
    used_hours: Decimal
    left_hours: Decimal | None
    total_days: Decimal | None
    used_days: Decimal
    left_days: Decimal | None


class SessionOut(Schema):
    id: int
    date: dt.date
    kind: str
    topic: str
    hours: Decimal
    days: Decimal
    expert: int | None
    over_quota: bool


class QuotaOverrideOut(Schema):
    """A staff decision to take the ledger over the quota; read-only, made by logging a session."""

    id: int
    session: int | None
    decided_by: str
    decided_at: dt.datetime
    reason: str
    hours_over: Decimal


class EnrolmentOut(Schema):
    id: int
    programme: int
    programme_name: str
    cohort: int
    cohort_name: str
    organisation: int
    organisation_name: str
    start_date: date
    end_date: date
    initial_end_date: date
    ended_on: date | None
    status: str
    quota: QuotaOut
    quota_overrides: list[QuotaOverrideOut]
    url: str


def _enrolments(request):
    hours = (
        Session.objects.filter(enrolment=OuterRef("pk"))
        .order_by()
        .values("enrolment")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    overrides = QuotaOverride.objects.select_related("decided_by", "session").order_by("pk")
    return (
        Enrolment.objects.visible_to(request.user)
        .select_related("cohort__programme", "organisation")
        .annotate(session_hours=Coalesce(Subquery(hours), Value(Decimal(0)), output_field=DecimalField()))
        .prefetch_related(Prefetch("quota_overrides", queryset=overrides))
    )


def override_out(o) -> dict:
    session = getattr(o, "session", None)
    return {
        "id": o.pk,
        "session": session.pk if session else None,
        "decided_by": str(o.decided_by) if o.decided_by else "",
        "decided_at": o.decided_at,
        "reason": o.reason,
        "hours_over": o.hours_over,
    }


def enrolment_out(e: Enrolment) -> dict:
    state = services.quota_of(e)
    return {
        "id": e.pk,
        "programme": e.cohort.programme_id,
        "programme_name": e.cohort.programme.name,
        "cohort": e.cohort_id,
        "cohort_name": e.cohort.name,
        "organisation": e.organisation_id,
        "organisation_name": e.organisation.name,
        "start_date": e.start_date,
        "end_date": e.end_date,
        "initial_end_date": e.initial_end_date,
        "ended_on": e.ended_on,
        "status": e.status,
        "quota": {
            "total_hours": state.total_hours,
            "used_hours": state.used_hours,
            "left_hours": state.left_hours,
            "total_days": state.total_days,
            "used_days": state.used_days,
            "left_days": state.left_days,
        },
        "quota_overrides": [override_out(o) for o in e.quota_overrides.all()],
        "url": reverse("programmes:enrolment_detail", args=[e.pk]),
    }


class EnrolmentQuery(Schema):
    programme: int | None = Field(None, ge=1, le=MAX_ID)
    status: Literal["active", "graduated", "exited"] | None = None


@router.get(
    "/enrolments",
    response=list[EnrolmentOut],
    summary="Enrolments you may see: all for staff, your organisation's",
)
@paginate
def list_enrolments(request, query: Query[EnrolmentQuery]):
    enrolments = filtered(EnrolmentFilter, query, _enrolments(request)).order_by(
        "-start_date", "organisation__name", "pk"
    )
    return Shaped(enrolments, enrolment_out)


@router.get("/enrolments/{pk}", response={200: EnrolmentOut, 404: Error})
def get_enrolment(request, pk: ObjectId):
    return enrolment_out(get_visible_or_404(_enrolments(request), request.user, pk=pk))


class SessionIn(Schema):
    date: dt.date = Field(..., ge=date(1980, 1, 1), le=date(2100, 1, 1))
    kind: SessionKind
    topic: Text(200, min_length=1)
    hours: Decimal | None = Field(None, gt=0, le=70, max_digits=6, decimal_places=2)
    days: Decimal | None = Field(None, gt=0, le=10, max_digits=5, decimal_places=2)
    expert: int | None = Field(None, ge=1, le=MAX_ID)
    override_reason: Text(2000) = ""


def session_out(s) -> dict:
    return {
        "id": s.pk,
        "date": s.date,
        "kind": s.kind,
        "topic": s.topic,
        "hours": s.hours,
        "days": s.days,
        "expert": s.expert_id,
        "over_quota": s.override_id is not None,
    }


@router.post(
    "/enrolments/{pk}/sessions",
    response={201: SessionOut, 403: Error, 404: Error, 422: Error},
    summary="Log a coaching, training or mentoring session",
)
def log_session(request, pk: ObjectId, payload: SessionIn):
    enrolment = get_visible_or_404(_enrolments(request), request.user, pk=pk)
    require(request.user, "programmes.log_session", enrolment)
    expert = None
    if payload.expert is not None:
        expert = Expert.objects.filter(pk=payload.expert).first()
        if expert is None:
            raise ValidationError({"expert": [f"No expert with id {payload.expert}."]})
    session = services.log_session(
        actor=request.user,
        enrolment=enrolment,
        date=payload.date,
        kind=payload.kind,
        topic=payload.topic,
        hours=payload.hours,
        days=payload.days,
        expert=expert,
        override_reason=payload.override_reason,
    )
    return Status(201, session_out(session))


class RenewalIn(Schema):
    requested_end_date: date = Field(..., ge=date(1980, 1, 1), le=date(2100, 1, 1))
    reason: Text(3000, min_length=1)


class RenewalOut(Schema):
    id: int
    enrolment: int
    requested_end_date: date
    status: str


@router.post(
    "/enrolments/{pk}/renewals",
    response={201: RenewalOut, 403: Error, 404: Error, 422: Error},
    summary="Ask for the enrolment's single renewal",
)
def request_renewal(request, pk: ObjectId, payload: RenewalIn):
    enrolment = get_visible_or_404(_enrolments(request), request.user, pk=pk)
    require(request.user, "programmes.request_renewal", enrolment)
    renewal = services.request_renewal(
        actor=request.user,
        enrolment=enrolment,
        requested_end_date=payload.requested_end_date,
        reason=payload.reason,
    )
    return Status(
        201,
        {
            "id": renewal.pk,
            "enrolment": enrolment.pk,
            "requested_end_date": renewal.requested_end_date,
            "status": renewal.status,
        },
    )


# --------------------------------------------------------------------------- milestones


class MilestoneOut(Schema):
    id: int
    enrolment: int
    organisation: int
    kind: str
    date: dt.date
    title: str
    evidence: str
    evidence_file: str | None
    evidence_file_name: str
    amount: Decimal | None
    round: str
    investors: str
    count: int | None
    status: str
    source: str


def milestone_out(m: Milestone) -> dict:
    return {
        "id": m.pk,
        "enrolment": m.enrolment_id,
        "organisation": m.enrolment.organisation_id,
        "kind": m.kind,
        "date": m.date,
        "title": m.title,
        "evidence": m.evidence,
        # The protected download, never the storage path.
        "evidence_file": reverse("programmes:milestone_evidence", args=[m.pk]) if m.evidence_file else None,
        "evidence_file_name": m.evidence_file_name,
        "amount": m.amount,
        "round": m.round,
        "investors": m.investors,
        "count": m.count,
        "status": m.status,
        "source": m.source,
    }


def _milestones(request):
    return Milestone.objects.visible_to(request.user).select_related("enrolment")


class MilestoneQuery(Schema):
    enrolment: int | None = Field(None, ge=1, le=MAX_ID)
    kind: MilestoneKind | None = None
    status: Literal["declared", "validated", "rejected"] | None = None


@router.get("/milestones", response=list[MilestoneOut], summary="Milestones you may see")
@paginate
def list_milestones(request, query: Query[MilestoneQuery]):
    milestones = filtered(MilestoneFilter, query, _milestones(request))
    return Shaped(milestones, milestone_out)


@router.get("/milestones/{pk}", response={200: MilestoneOut, 404: Error})
def get_milestone(request, pk: ObjectId):
    return milestone_out(get_visible_or_404(_milestones(request), request.user, pk=pk))


class MilestoneIn(Schema):
    enrolment: int = Field(..., ge=1, le=MAX_ID)
    kind: MilestoneKind
    date: dt.date = Field(..., ge=date(1900, 1, 1), le=date(2100, 1, 1))
    title: Text(200, min_length=1)
    evidence: Text(500, min_length=1)
    amount: Decimal | None = Field(None, gt=0, le=1_000_000_000, max_digits=14, decimal_places=2)
    round: Round | Literal[""] = ""
    investors: Text(500) = ""
    count: int | None = Field(None, ge=1, le=10000)


@router.post(
    "/milestones",
    response={201: MilestoneOut, 403: Error, 404: Error, 422: Error},
    summary="Declare a milestone (staff's count as checked)",
)
def declare_milestone(request, payload: MilestoneIn):
    enrolment = get_visible_or_404(_enrolments(request), request.user, pk=payload.enrolment)
    require(request.user, "programmes.declare_milestone", enrolment)
    milestone = services.declare_milestone(
        actor=request.user,
        enrolment=enrolment,
        kind=payload.kind,
        date=payload.date,
        title=payload.title,
        evidence=payload.evidence,
        amount=payload.amount,
        round=payload.round,
        investors=payload.investors,
        count=payload.count,
    )
    return Status(201, milestone_out(milestone))
