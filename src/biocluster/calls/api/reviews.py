"""/api/reviews: a reviewer's assignments, declarations and scores; the committee reads them all."""

from django.http import Http404
from ninja import Router
from ninja.pagination import paginate

from biocluster.core.access import get_visible_or_404
from biocluster.core.api_schemas import Error, Shaped
from biocluster.core.api_types import ObjectId

from .. import services
from ..access import require_own, review_to_write_or_404
from ..models import Review
from .schemas import DeclarationIn, ReviewIn, ReviewOut

router = Router()


def review_out(review: Review, user) -> dict:
    proposal = review.proposal
    runs = user.has_perm("calls.manage_review", review)
    own = review.reviewer_id == user.pk
    return {
        "id": review.pk,
        "proposal": proposal.pk,
        "reference": proposal.reference,
        "title": proposal.title,
        "summary": proposal.summary,
        "call": proposal.call_id,
        "call_title": proposal.call.title,
        "due_at": review.due_at,
        "status": review.status,
        "conflict": review.conflict,
        "conflict_reason": review.conflict_reason if own or runs else "",
        "scores": review.scores,
        "weighted_score": review.weighted_score,
        "comment_to_committee": review.comment_to_committee,
        "comment_to_applicant": review.comment_to_applicant,
        "submitted_at": review.submitted_at,
        "reviewer": {"id": review.reviewer_id, "name": str(review.reviewer)} if runs else None,
    }


def _reviews(user):
    return Review.objects.visible_to(user).select_related("proposal__call", "reviewer")


@router.get(
    "/reviews", response=list[ReviewOut], summary="Reviews: a reviewer's own, or those of the calls one runs"
)
@paginate
def list_reviews(request):
    reviews = _reviews(request.user).order_by("due_at", "pk")
    return Shaped(reviews, lambda r: review_out(r, request.user))


@router.get("/reviews/{pk}", response={200: ReviewOut, 404: Error})
def get_review(request, pk: ObjectId):
    review = get_visible_or_404(_reviews(request.user), request.user, pk=pk)
    if review.reviewer_id != request.user.pk and not request.user.has_perm("calls.manage_review", review):
        raise Http404
    return review_out(review, request.user)


@router.post("/reviews/{pk}/declaration", response={200: ReviewOut, 403: Error, 404: Error, 422: Error})
def declare(request, pk: ObjectId, payload: DeclarationIn):
    """Declare a conflict of interest (with a reason) or none; none is checked against the directory."""
    review = get_visible_or_404(_reviews(request.user), request.user, pk=pk)
    require_own(request.user, "calls.declare_conflict", review)
    review = services.declare_conflict(actor=request.user, review=review, **payload.dict())
    return review_out(review, request.user)


@router.put("/reviews/{pk}", response={200: ReviewOut, 404: Error, 422: Error})
def write_review(request, pk: ObjectId, payload: ReviewIn):
    """Save scores and comments (`submit` to send them). Only after declaring no conflict: else 404."""
    review = review_to_write_or_404(request.user, pk)
    review = services.save_review(actor=request.user, review=review, **payload.dict())
    return review_out(review, request.user)
