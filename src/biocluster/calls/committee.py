"""The ranking table of a call, read in a handful of queries whatever its size."""

import hashlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db.models import Count, FloatField, Max
from django.db.models.functions import Cast

from . import ranking
from .models import Decision, Outcome, ProposalStatus, Review, ReviewStatus
from .services.decisions import committed


@dataclass
class Table:
    rows: list[ranking.RankedRow]
    envelope: Decimal
    committed: Decimal
    reviewers: dict[int, str]
    counts: dict[str, int]

    @property
    def left(self) -> Decimal:
        return self.envelope - self.committed


CACHE_SECONDS = 600


def _fingerprint(call) -> str:
    """What the review statistics depend on, in two aggregate queries: any saved change to
    a proposal or a review of the call moves a latest time or a count."""
    parts = [call.pk, call.updated_at.isoformat()]
    for queryset in (call.proposals.all(), Review.objects.filter(proposal__call=call)):
        found = queryset.aggregate(latest=Max("updated_at"), n=Count("pk"))
        parts += [found["latest"].isoformat() if found["latest"] else "", found["n"]]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def ranking_table(call) -> Table:
    """The ranking: its review statistics from the cache while no proposal or review of the
    call has changed, its decisions read afresh.

    A decision, the change a committee makes while it ranks, costs two small queries
    instead of ranking the whole call again.
    """
    key = f"calls:ranking:{call.pk}:{_fingerprint(call)}"
    scored = caches["local"].get(key)
    if scored is None:
        scored = rank_reviews(call)
        caches["local"].set(key, scored, CACHE_SECONDS)
    rows, names = scored
    return with_decisions(call, rows, names)


def with_decisions(call, rows: list[ranking.RankedRow], names: dict[int, str]) -> Table:
    decisions = {
        pid: (outcome, amount)
        for pid, outcome, amount in Decision.objects.filter(proposal__call=call).values_list(
            "proposal_id", "outcome", "amount"
        )
    }
    for row in rows:
        row.extra["outcome"], row.extra["amount"] = decisions.get(row.proposal_id, ("", None))
    outcomes = Counter(outcome for outcome, _amount in decisions.values())
    counts = {
        "funded": outcomes[Outcome.FUNDED],
        "waiting": outcomes[Outcome.WAITING_LIST],
        "rejected": outcomes[Outcome.REJECTED],
    }
    return Table(rows, call.budget_envelope, committed(call), names, counts)


def rank_reviews(call) -> tuple[list[ranking.RankedRow], dict[int, str]]:
    """The rows ranked by their reviews, without decisions; and the reviewers' names."""
    # Scores and amounts are read as floats: building thousands of Decimals would cost
    # more than the ranking itself. They are only shown and compared here, never summed.
    proposals = {
        row["pk"]: row
        for row in call.proposals.filter(status=ProposalStatus.SUBMITTED)
        .annotate(requested=Cast("requested_amount", FloatField()))
        .values("pk", "number", "title", "requested", "applicant__first_name", "applicant__last_name")
    }
    scores: dict[int, list[tuple[int, float]]] = {pk: [] for pk in proposals}
    reviewer_of: dict[int, int] = {}
    reviews = (
        Review.objects.filter(
            proposal__call=call, proposal__status=ProposalStatus.SUBMITTED, status=ReviewStatus.SUBMITTED
        )
        .exclude(weighted_score=None)
        .annotate(score=Cast("weighted_score", FloatField()))
        .values_list("proposal_id", "pk", "score", "reviewer_id")
    )
    for proposal_id, review_id, score, reviewer_id in reviews:
        scores[proposal_id].append((review_id, score))
        reviewer_of[review_id] = reviewer_id
    pending = dict(
        Review.objects.filter(proposal__call=call, status=ReviewStatus.ASSIGNED)
        .exclude(conflict="declared")
        .values("proposal_id")
        .annotate(n=Count("pk"))
        .values_list("proposal_id", "n")
    )
    scale = call.rubric.get("scale", {"min": 0, "max": 5})
    rows = ranking.rank(scores, scale_min=scale["min"], scale_max=scale["max"])
    prefix = call.reference_prefix
    for row in rows:
        info = proposals[row.proposal_id]
        row.extra = {
            "reference": f"{prefix}-{info['number']:04d}" if info["number"] else "",
            "title": info["title"],
            "applicant": f"{info['applicant__first_name']} {info['applicant__last_name']}".strip(),
            "requested": None if info["requested"] is None else f"{info['requested']:.2f}",
            "pending": pending.get(row.proposal_id, 0),
        }
        for review in row.reviews:
            review.reviewer_id = reviewer_of.get(review.review_id)
    names = {
        pk: (f"{first} {last}".strip() or email)
        for pk, first, last, email in get_user_model()
        .objects.filter(pk__in=set(reviewer_of.values()))
        .values_list("pk", "first_name", "last_name", "email")
    }
    for row in rows:
        for review in row.reviews:
            review.reviewer_name = names.get(review.reviewer_id, "")
    return rows, names
