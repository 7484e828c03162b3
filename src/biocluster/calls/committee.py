"""The ranking table of a call, read in a handful of queries whatever its size."""

import hashlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db.models import CharField, Count, FloatField, Max
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


def _proposals_stamp(call) -> tuple:
    """What the rows depend on besides the reviews: the call and its proposals (titles, statuses)."""
    found = call.proposals.all().aggregate(latest=Max("updated_at"), n=Count("pk"))
    return (
        call.pk,
        call.updated_at.isoformat(),
        found["latest"].isoformat() if found["latest"] else "",
        found["n"],
    )


def _fingerprint(call) -> str:
    """What the review statistics depend on, in two aggregate queries: any saved change to
    a proposal or a review of the call moves a latest time or a count."""
    parts = list(_proposals_stamp(call))
    found = Review.objects.filter(proposal__call=call).aggregate(latest=Max("updated_at"), n=Count("pk"))
    parts += [found["latest"].isoformat() if found["latest"] else "", found["n"]]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _review_stamps(call) -> dict[int, tuple[str, int]]:
    """Each proposal's latest review change and number of reviews: what tells which proposals
    a change of the reviews touched."""
    # The latest time as the database writes it: only compared, and parsing thousands of
    # datetimes (in Python on SQLite) cost more than the query.
    return {
        pid: (latest, n)
        for pid, latest, n in Review.objects.filter(proposal__call=call)
        .values("proposal_id")
        .annotate(latest=Cast(Max("updated_at"), CharField()), n=Count("pk"))
        .values_list("proposal_id", "latest", "n")
    }


@dataclass
class _Ranked:
    """A ranking and what it was computed from, kept to recompute only what a change touched."""

    proposals: tuple
    reviews: dict[int, tuple[str, int]]
    rows: list[ranking.RankedRow]
    names: dict[int, str]
    fingerprint: str = ""


def ranking_table(call) -> Table:
    """The ranking: its review statistics from the cache while no proposal or review of the
    call has changed, its decisions read afresh.

    A decision, the change a committee makes while it ranks, costs two small queries
    instead of ranking the whole call again. A change of reviews recomputes the
    statistics of the proposals whose reviews changed only, then orders the rows again;
    a change of the call or of a proposal ranks the whole call again.
    """
    local = caches["local"]
    key = f"calls:ranking:last:{call.pk}"
    fingerprint = _fingerprint(call)
    # One entry per call, the last ranking with what it was computed from: written (pickled)
    # once per change, not once under its fingerprint and again as the base of the next one.
    last = local.get(key)
    if last is None or last.fingerprint != fingerprint:
        last = _rank(call, last, fingerprint)
        local.set(key, last, CACHE_SECONDS)
    return with_decisions(call, last.rows, last.names)


def _rank(call, last: _Ranked | None, fingerprint: str) -> _Ranked:
    # Read before the reviews: a change made meanwhile shows in the next stamps, never lost.
    proposals, reviews = _proposals_stamp(call), _review_stamps(call)
    if last is None or last.proposals != proposals:
        rows, names = rank_reviews(call)
    else:
        changed = {
            pid for pid in reviews.keys() | last.reviews.keys() if reviews.get(pid) != last.reviews.get(pid)
        }
        rows, names = _rank_again(call, last, changed)
    return _Ranked(proposals, reviews, rows, names, fingerprint)


def _rank_again(call, last: _Ranked, changed: set[int]) -> tuple[list[ranking.RankedRow], dict[int, str]]:
    """`last`'s rows with those of the `changed` proposals described again from their reviews."""
    by_proposal = {row.proposal_id: row for row in last.rows}
    pids = [pid for pid in changed if pid in by_proposal]  # the others are not submitted
    if not pids:
        return ranking.order(last.rows), last.names
    scores: dict[int, list[tuple[int, float]]] = {pid: [] for pid in pids}
    reviewer_of: dict[int, int] = {}
    for proposal_id, review_id, score, reviewer_id in _scored_reviews(call).filter(proposal_id__in=pids):
        scores[proposal_id].append((review_id, score))
        reviewer_of[review_id] = reviewer_id
    pending = _pending(call, pids)
    names = {**last.names, **_names(set(reviewer_of.values()) - last.names.keys())}
    scale = call.rubric.get("scale", {"min": 0, "max": 5})
    span = scale["max"] - scale["min"]
    for pid in pids:
        row = ranking.describe(pid, scores[pid], span=span)
        row.extra = {**by_proposal[pid].extra, "pending": pending.get(pid, 0)}
        for review in row.reviews:
            review.reviewer_id = reviewer_of.get(review.review_id)
            review.reviewer_name = names.get(review.reviewer_id, "")
        by_proposal[pid] = row
    return ranking.order(list(by_proposal.values())), names


def _scored_reviews(call):
    """(proposal, review, score, reviewer) of the submitted reviews with a score."""
    return (
        Review.objects.filter(
            proposal__call=call, proposal__status=ProposalStatus.SUBMITTED, status=ReviewStatus.SUBMITTED
        )
        .exclude(weighted_score=None)
        .annotate(score=Cast("weighted_score", FloatField()))
        .values_list("proposal_id", "pk", "score", "reviewer_id")
    )


def _pending(call, pids: list[int] | None = None) -> dict[int, int]:
    reviews = Review.objects.filter(proposal__call=call, status=ReviewStatus.ASSIGNED).exclude(
        conflict="declared"
    )
    if pids is not None:
        reviews = reviews.filter(proposal_id__in=pids)
    return dict(reviews.values("proposal_id").annotate(n=Count("pk")).values_list("proposal_id", "n"))


def _names(pks: set[int]) -> dict[int, str]:
    return {
        pk: (f"{first} {last}".strip() or email)
        for pk, first, last, email in get_user_model()
        .objects.filter(pk__in=pks)
        .values_list("pk", "first_name", "last_name", "email")
    }


def with_decisions(call, rows: list[ranking.RankedRow], names: dict[int, str]) -> Table:
    decisions = {
        pid: (outcome, amount)
        for pid, outcome, amount in Decision.objects.filter(proposal__call=call).values_list(
            "proposal_id", "outcome", "amount"
        )
    }
    labels = dict(Outcome.choices)
    for row in rows:
        row.extra["outcome"], row.extra["amount"] = decisions.get(row.proposal_id, ("", None))
        # The row carries its decision's label (in the language of the request), for the page.
        row.extra["outcome_label"] = str(labels.get(row.extra["outcome"], ""))
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
    for proposal_id, review_id, score, reviewer_id in _scored_reviews(call):
        scores[proposal_id].append((review_id, score))
        reviewer_of[review_id] = reviewer_id
    pending = _pending(call)
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
    names = _names(set(reviewer_of.values()))
    for row in rows:
        for review in row.reviews:
            review.reviewer_name = names.get(review.reviewer_id, "")
    return rows, names
