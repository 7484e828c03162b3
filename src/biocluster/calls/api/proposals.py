"""/api/proposals: an applicant's drafts and submissions; the committee's decisions and assignments."""

from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from ninja import Router, Status
from ninja.pagination import paginate

from biocluster.core.access import require
from biocluster.core.api_schemas import Error, Shaped
from biocluster.core.api_types import ObjectId
from biocluster.directory.models import Organisation, TechnologyField

from .. import services
from ..access import require_own, visible_proposal_or_404
from ..display import anonymous_feedback
from ..models import Proposal, Review
from .reviews import review_out
from .schemas import (
    AssignIn,
    DecisionIn,
    DecisionOut,
    ProposalOut,
    ProposalPatch,
    ReviewOut,
    SubmitIn,
    WithdrawIn,
)

router = Router()


def proposal_out(proposal: Proposal, user) -> dict:
    members = list(proposal.members.all())  # prefetched for a list
    applies = proposal.applicant_id == user.pk or any(m.user_id == user.pk for m in members)
    runs = user.has_perm("calls.manage_proposal", proposal)
    decision = getattr(proposal, "decision", None) if user.has_perm("calls.read_decision", proposal) else None
    return {
        "id": proposal.pk,
        "call": proposal.call_id,
        "reference": proposal.reference,
        "title": proposal.title,
        "summary": proposal.summary,
        "language": proposal.language,
        "requested_amount": proposal.requested_amount,
        "organisation": proposal.organisation_id,
        "technology_fields": [f.code for f in proposal.technology_fields.all()],
        "answers": proposal.answers,
        "status": proposal.status,
        "submitted_at": proposal.submitted_at,
        "withdrawn_at": proposal.withdrawn_at,
        "attachments": [
            {
                "id": a.pk,
                "field": a.field_key,
                "name": a.original_name,
                "size": a.size,
                "content_type": a.content_type,
                "url": reverse("calls:attachment_download", args=[a.pk]),
            }
            for a in proposal.attachments.all()
        ],
        "co_applicants": [m.user.email for m in members] if applies or runs else None,
        "decision": (
            {
                "outcome": decision.outcome,
                "amount": decision.amount,
                "note_to_applicant": decision.note_to_applicant,
            }
            if decision is not None
            else None
        ),
        "feedback": anonymous_feedback(proposal)
        if applies and proposal.call.decisions_published_at is not None
        else None,
        "url": reverse("calls:proposal_detail", args=[proposal.pk]),
    }


LIST_PREFETCH = ("technology_fields", "attachments", "members__user")


def _proposal(request, pk) -> Proposal:
    return visible_proposal_or_404(request.user, pk)


@router.get("/proposals", response=list[ProposalOut], summary="Proposals visible to the user")
@paginate
def list_proposals(request):
    proposals = Proposal.objects.visible_to(request.user).select_related("call", "organisation", "decision")
    shape = partial(proposal_out, user=request.user)
    return Shaped(proposals.order_by("-updated_at", "pk"), shape, prefetch=LIST_PREFETCH)


@router.get("/proposals/{pk}", response={200: ProposalOut, 404: Error})
def get_proposal(request, pk: ObjectId):
    return proposal_out(_proposal(request, pk), request.user)


def _resolve(data: dict, user) -> dict:
    if "organisation" in data:
        pk = data["organisation"]
        data["organisation"] = (
            None if pk is None else Organisation.objects.visible_to(user).filter(pk=pk).first()
        )
        if pk is not None and data["organisation"] is None:
            raise ValidationError({"organisation": ["No such organisation."]})
    if data.get("technology_fields") is not None:
        wanted = set(data["technology_fields"])
        found = list(TechnologyField.objects.filter(code__in=wanted))
        if len(found) != len(wanted):
            raise ValidationError({"technology_fields": ["Unknown code(s)."]})
        data["technology_fields"] = found
    elif "technology_fields" in data:
        del data["technology_fields"]
    for name in ("title", "summary", "language", "requested_amount"):
        if name in data and data[name] is None and name != "requested_amount":
            del data[name]
    return data


@router.patch("/proposals/{pk}", response={200: ProposalOut, 403: Error, 404: Error, 422: Error})
def save_draft(request, pk: ObjectId, payload: ProposalPatch):
    """Save a draft. `answers` replaces all answers; an unknown field name saves nothing (422)."""
    proposal = _proposal(request, pk)
    require_own(request.user, "calls.change_proposal", proposal)
    proposal = services.save_draft(
        actor=request.user, proposal=proposal, **_resolve(payload.dict(exclude_unset=True), request.user)
    )
    return proposal_out(_proposal(request, pk), request.user)


@router.post("/proposals/{pk}/submit", response={200: ProposalOut, 403: Error, 404: Error, 422: Error})
def submit_proposal(request, pk: ObjectId, payload: SubmitIn):
    """Submit before the deadline, enforced to the second in the call's time zone (else 422)."""
    proposal = _proposal(request, pk)
    require_own(request.user, "calls.submit_proposal", proposal)
    services.submit_proposal(actor=request.user, proposal=proposal, declarations=payload.declarations)
    return proposal_out(_proposal(request, pk), request.user)


@router.post("/proposals/{pk}/withdraw", response={200: ProposalOut, 403: Error, 404: Error, 422: Error})
def withdraw_proposal(request, pk: ObjectId, payload: WithdrawIn):
    proposal = _proposal(request, pk)
    require_own(request.user, "calls.withdraw_proposal", proposal)
    services.withdraw_proposal(actor=request.user, proposal=proposal, reason=payload.reason)
    return proposal_out(_proposal(request, pk), request.user)


@router.post("/proposals/{pk}/decision", response={200: DecisionOut, 403: Error, 404: Error, 422: Error})
def decide(request, pk: ObjectId, payload: DecisionIn):
    """The committee's decision; the funded amounts of a call never exceed its envelope (else 422)."""
    proposal = _proposal(request, pk)
    require(request.user, "calls.manage_proposal", proposal)
    decision = services.decide(actor=request.user, proposal=proposal, **payload.dict())
    return {
        "outcome": decision.outcome,
        "amount": decision.amount,
        "note_to_applicant": decision.note_to_applicant,
    }


@router.get("/proposals/{pk}/reviews", response={200: list[ReviewOut], 403: Error, 404: Error})
def proposal_reviews(request, pk: ObjectId):
    proposal = _proposal(request, pk)
    require(request.user, "calls.view_proposal_reviews", proposal)
    reviews = Review.objects.filter(proposal=proposal).select_related("proposal__call", "reviewer")
    return [review_out(r, request.user) for r in reviews]


@router.post("/proposals/{pk}/reviewers", response={201: ReviewOut, 403: Error, 404: Error, 422: Error})
def assign_reviewer(request, pk: ObjectId, payload: AssignIn):
    """Assign a reviewer; one in conflict with the proposal (from the directory) is refused (422)."""
    proposal = _proposal(request, pk)
    require(request.user, "calls.manage_proposal", proposal)
    reviewer = get_user_model().objects.filter(pk=payload.reviewer).first()
    if reviewer is None:
        raise ValidationError({"reviewer": ["No such user."]})
    review = services.assign_reviewer(
        actor=request.user, proposal=proposal, reviewer=reviewer, due_at=payload.due_at
    )
    return Status(201, review_out(review, request.user))
