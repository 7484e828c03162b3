"""Which reviewers to suggest for a proposal, and a load-balanced plan for a whole call. Pure.

Expertise and proposal fields are nodes of the technology-field tree, compared by
their tree paths: the same field counts 2, a parent or a child field counts 1. Among
reviewers who match equally, the least loaded comes first; conflicted reviewers and
reviewers at their maximum load are never suggested.
"""

from dataclasses import dataclass, field


@dataclass
class Candidate:
    user_id: int
    label: str
    expertise: tuple[str, ...]  # tree paths
    load: int = 0
    max_load: int = 12
    matched: list[str] = field(default_factory=list)


def match(expertise: tuple[str, ...], fields: tuple[str, ...]) -> int:
    score = 0
    for wanted in fields:
        best = 0
        for path in expertise:
            if path == wanted:
                best = 2
                break
            if wanted.startswith(path) or path.startswith(wanted):
                best = 1
        score += best
    return score


def suggest(
    fields: tuple[str, ...], candidates: list[Candidate], *, excluded: set[int], limit: int = 5
) -> list[tuple[Candidate, int]]:
    scored = [
        (c, match(c.expertise, fields))
        for c in candidates
        if c.user_id not in excluded and c.load < c.max_load
    ]
    scored.sort(key=lambda item: (-item[1], item[0].load, item[0].label, item[0].user_id))
    return scored[:limit]


def plan(
    proposals: dict[int, tuple[str, ...]],
    candidates: list[Candidate],
    *,
    per_proposal: int,
    excluded: dict[int, set[int]],
    existing: dict[int, set[int]],
) -> list[tuple[int, int]]:
    """(proposal id, reviewer id) pairs so that each proposal gets up to `per_proposal`
    reviewers, best match first and the load spread evenly. Proposals with the fewest
    possible reviewers are served first, so that they are not left without any."""
    by_id = {c.user_id: c for c in candidates}
    pairs = []

    def possible(pid):
        blocked = excluded.get(pid, set()) | existing.get(pid, set())
        return sum(1 for c in candidates if c.user_id not in blocked)

    for pid in sorted(proposals, key=lambda p: (possible(p), p)):
        have = set(existing.get(pid, set()))
        missing = per_proposal - len(have)
        if missing <= 0:
            continue
        chosen = suggest(
            proposals[pid], list(by_id.values()), excluded=excluded.get(pid, set()) | have, limit=missing
        )
        for candidate, _score in chosen:
            candidate.load += 1
            pairs.append((pid, candidate.user_id))
    return pairs
