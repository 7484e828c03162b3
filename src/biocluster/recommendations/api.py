"""/api/organisations/{id}/suggestions: the partners suggested for an organisation, with reasons.

The same permission as the page: cluster staff and the organisation's own members; anyone
else gets 404, as for an organisation without suggestions. While no model is built the
list is empty and `ready` is false (a build is queued).
"""

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Query, Router, Schema, Status

from biocluster.core.access import get_visible_or_404
from biocluster.core.api_schemas import Error
from biocluster.core.api_types import ObjectId
from biocluster.directory.models import Organisation, OrganisationKind

from . import services

router = Router(tags=["recommendations"])

Kind = Literal[tuple(OrganisationKind.values)]


class SuggestionOut(Schema):
    organisation: int
    name: str
    kind: str
    country: str
    city: str
    score: float
    reasons: list[str]


class SuggestionsOut(Schema):
    ready: bool
    items: list[SuggestionOut]


class SuggestionQuery(Schema):
    k: int = Field(10, ge=1, le=services.MAX_K)
    kind: Kind | None = None
    country: str | None = Field(None, pattern=r"^[A-Za-z]{2}$")


class DeclineOut(Schema):
    organisation: int
    candidate: int
    declined_at: str


def _organisation(request, pk: int, permission: str) -> Organisation:
    organisation = get_visible_or_404(Organisation.objects, request.user, pk=pk)
    if not request.user.has_perm(permission, organisation):
        raise Http404
    return organisation


@router.get(
    "/organisations/{pk}/suggestions",
    response={200: SuggestionsOut, 404: Error},
    summary="Partners suggested for an organisation, with their reasons",
)
def list_suggestions(request, pk: ObjectId, query: Query[SuggestionQuery]):
    organisation = _organisation(request, pk, "recommendations.view_suggestions")
    shown = services.suggestions_for(
        user=request.user,
        organisation=organisation,
        k=query.k,
        kind=query.kind or "",
        country=(query.country or "").upper(),
    )
    items = [
        {
            "organisation": s.organisation.pk,
            "name": s.organisation.name,
            "kind": s.organisation.kind,
            "country": s.organisation.country,
            "city": s.organisation.city,
            "score": s.score,
            "reasons": s.reasons,
        }
        for s in shown or []
    ]
    return {"ready": shown is not None, "items": items}


@router.post(
    "/organisations/{pk}/suggestions/{candidate}/decline",
    response={201: DeclineOut, 401: Error, 404: Error, 422: Error},
    summary="Never suggest this partner to me for this organisation again",
)
def decline_suggestion(request, pk: ObjectId, candidate: ObjectId):
    if not request.user.is_authenticated:
        raise PermissionDenied  # 401: signing in may change the answer
    organisation = _organisation(request, pk, "recommendations.decline_suggestion")
    partner = get_visible_or_404(Organisation.objects, request.user, pk=candidate)
    row = services.decline(actor=request.user, organisation=organisation, candidate=partner)
    return Status(
        201,
        {"organisation": organisation.pk, "candidate": partner.pk, "declined_at": row.created_at.isoformat()},
    )
