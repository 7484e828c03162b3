"""The committee's ranking table: statistics over review scores. Pure.

Each proposal's mark is the mean of its reviews' weighted scores; the spread is their
standard deviation. A review is flagged as an outlier when, with at least three
reviews, it lies further from the median of the proposal's reviews than a share of the scale
(a quarter by default); with two reviews one cannot say which is off, so the proposal
is flagged as a disagreement instead (as it is whenever its scores span that much).
"""

import math
import statistics
from dataclasses import dataclass, field

OUTLIER_SHARE = 0.25


@dataclass
class ReviewScore:
    review_id: int
    score: float
    outlier: bool = False


@dataclass
class RankedRow:
    proposal_id: int
    reviews: list[ReviewScore]
    mean: float | None
    spread: float | None
    low: float | None
    high: float | None
    disagreement: bool
    rank: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def outliers(self) -> int:
        return sum(1 for r in self.reviews if r.outlier)


def describe(
    proposal_id: int, scores: list[tuple[int, float]], *, span: float, share: float = OUTLIER_SHARE
) -> RankedRow:
    reviews = [ReviewScore(review_id, float(score)) for review_id, score in scores]
    values = [r.score for r in reviews]
    if not values:
        return RankedRow(proposal_id, reviews, None, None, None, None, False)
    threshold = share * span
    if len(values) >= 3:
        middle = statistics.median(values)
        for review in reviews:
            review.outlier = abs(review.score - middle) > threshold
    low, high = min(values), max(values)
    mean = math.fsum(values) / len(values)
    # In floats: statistics.pstdev computes in exact fractions, a hundred times slower.
    spread = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))
    return RankedRow(
        proposal_id,
        reviews,
        mean=round(mean, 3),
        spread=round(spread, 3),
        low=low,
        high=high,
        disagreement=high - low > threshold,
    )


def rank(
    scores_by_proposal: dict[int, list[tuple[int, float]]],
    *,
    scale_min: float,
    scale_max: float,
    share: float = OUTLIER_SHARE,
) -> list[RankedRow]:
    """Rows best first: by mean, then the smaller spread, then more reviews. Equal means share a rank."""
    span = scale_max - scale_min
    return order([describe(pk, scores, span=span, share=share) for pk, scores in scores_by_proposal.items()])


def order(rows: list[RankedRow]) -> list[RankedRow]:
    """`rows` (described) sorted best first, with their ranks."""
    rows = sorted(rows, key=_best_first)
    previous, position = None, 0
    for index, row in enumerate(rows, start=1):
        row.rank = None
        if row.mean is None:
            continue
        if row.mean != previous:
            position, previous = index, row.mean
        row.rank = position
    return rows


def _best_first(r: RankedRow):
    return (r.mean is None, -(r.mean or 0), r.spread or 0, -len(r.reviews), r.proposal_id)
