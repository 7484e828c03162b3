"""The pipeline's arithmetic: medians, the funnel, sums per cohort. Pure: imports no Django.

The pipeline page and the annual report read these; the queries that feed them live
in `pipeline.py`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

FUNNEL_STAGES = ("applied", "accepted", "graduated", "accredited")


def median(values: Iterable[float]) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    count: int
    share: float | None  # of the first stage, 0..1


def funnel(counts: dict[str, int]) -> list[FunnelStep]:
    """Applied → accepted → graduated → accredited, each with its share of the applicants.

    A stage missing from `counts` counts zero; later stages cannot be more than the first,
    a share is None when nobody applied.
    """
    first = counts.get(FUNNEL_STAGES[0], 0)
    return [
        FunnelStep(stage, counts.get(stage, 0), (counts.get(stage, 0) / first) if first else None)
        for stage in FUNNEL_STAGES
    ]


def sum_by(rows: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    """Amounts added up per key, keys kept in their first order."""
    totals: dict[str, Decimal] = {}
    for key, amount in rows:
        totals[key] = totals.get(key, Decimal(0)) + Decimal(amount or 0)
    return totals
