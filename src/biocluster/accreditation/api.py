"""/api/accreditations: the register, with the same visibility as the pages.

Everyone reads the accepted accreditations of listed companies; cluster staff
read the whole register with committee notes. The Entreprises department (and
administrators) record decisions and status changes, with a token.
"""

from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Error, Shaped, filtered
from biocluster.core.api_types import MAX_ID, ObjectId, Text
from biocluster.directory.models import Organisation

from . import services
from .filters import AccreditationFilter
from .models import Accreditation, AccreditationStatus
from .rules import REGISTER

router = Router(tags=["accreditation"])

StatusName = Literal["active", "moved_away", "acquired", "closed"]


class AccreditationStatusOut(Schema):
    status: str
    since: date
    note: str
    evidence: str


class AccreditationOut(Schema):
    id: int
    organisation: int
    organisation_name: str
    decided_on: date
    decision: str
    decided_by: str
    current_status: str
    committee_notes: str = Field(description="Empty unless you are cluster staff.")
    source: str
    statuses: list[AccreditationStatusOut]
    url: str


class AccreditationQuery(Schema):
    status: StatusName | None = None
    year: int | None = Field(None, ge=1998, le=2100, description="Year of the decision.")
    decision: Literal["accepted", "refused"] | None = None


class AccreditationDecisionIn(Schema):
    organisation: int = Field(ge=1, le=MAX_ID)
    decided_on: date
    decision: Literal["accepted", "refused"]
    decided_by: Text(200) = ""
    committee_notes: Text(5000) = ""
    source: Text(200) = ""


class AccreditationStatusIn(Schema):
    status: StatusName
    since: date
    note: Text(5000) = ""
    evidence: Text(255) = ""


def _register(request):
    statuses = Prefetch("statuses", queryset=AccreditationStatus.objects.order_by("since", "id"))
    return (
        Accreditation.objects.visible_to(request.user)
        .with_current_status()
        .select_related("organisation")
        .prefetch_related(statuses)
        .order_by("-decided_on", "id")
    )


def _reads_notes(request) -> bool:
    return request.user.has_perm("accreditation.view_committee_notes", REGISTER)


def accreditation_out(accreditation: Accreditation, *, notes: bool) -> dict:
    return {
        "id": accreditation.pk,
        "organisation": accreditation.organisation_id,
        "organisation_name": accreditation.organisation.name,
        "decided_on": accreditation.decided_on,
        "decision": accreditation.decision,
        "decided_by": accreditation.decided_by,
        "current_status": accreditation.current_status,
        "committee_notes": accreditation.committee_notes if notes else "",
        "source": accreditation.source,
        "statuses": [
            {
                "status": row.status,
                "since": row.since,
                "note": row.note if notes else "",
                "evidence": row.evidence,
            }
            for row in accreditation.statuses.all()
        ],
        "url": reverse("accreditation:detail", args=[accreditation.pk]),
    }


@router.get(
    "/accreditations", response=list[AccreditationOut], summary="The register of accredited companies"
)
@paginate
def list_accreditations(request, query: Query[AccreditationQuery]):
    register = filtered(AccreditationFilter, query, _register(request))
    notes = _reads_notes(request)
    return Shaped(register, lambda a: accreditation_out(a, notes=notes))


@router.get("/accreditations/{pk}", response={200: AccreditationOut, 404: Error})
def get_accreditation(request, pk: ObjectId):
    accreditation = get_visible_or_404(_register(request), request.user, pk=pk)
    return accreditation_out(accreditation, notes=_reads_notes(request))


@router.post(
    "/accreditations",
    response={201: AccreditationOut, 403: Error, 422: Error},
    summary="Record an accreditation decision",
)
def create_accreditation(request, payload: AccreditationDecisionIn):
    require(request.user, "accreditation.manage_register", REGISTER)
    organisation = Organisation.objects.visible_to(request.user).filter(pk=payload.organisation).first()
    if organisation is None:
        raise ValidationError({"organisation": [_("No such organisation.")]})
    accreditation = services.decide(
        actor=request.user,
        organisation=organisation,
        decided_on=payload.decided_on,
        decision=payload.decision,
        decided_by=payload.decided_by,
        committee_notes=payload.committee_notes,
        source=payload.source,
    )
    return Status(
        201, accreditation_out(_register(request).get(pk=accreditation.pk), notes=_reads_notes(request))
    )


@router.post(
    "/accreditations/{pk}/statuses",
    response={201: AccreditationOut, 403: Error, 404: Error, 422: Error},
    summary="Record a change of an accredited company's status",
)
def change_status(request, pk: ObjectId, payload: AccreditationStatusIn):
    accreditation = get_visible_or_404(_register(request), request.user, pk=pk)
    require(request.user, "accreditation.manage_register", accreditation)
    services.change_status(
        actor=request.user,
        accreditation=accreditation,
        status=payload.status,
        since=payload.since,
        note=payload.note,
        evidence=payload.evidence,
    )
    return Status(
        201, accreditation_out(_register(request).get(pk=accreditation.pk), notes=_reads_notes(request))
    )
