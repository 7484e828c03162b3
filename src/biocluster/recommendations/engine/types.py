"""The engine's vocabulary: what goes in (organisations, links) and what comes out (suggestions)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Organisation:
    """An organisation as the recommender sees it; every field after `id` may be empty."""

    id: str
    name: str = ""
    kind: str = ""
    country: str = ""
    city: str = ""
    fields: tuple[str, ...] = ()
    stage: str = ""
    offers: tuple[str, ...] = ()
    seeks: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Link:
    """An undirected, optionally dated link; the same pair may be linked many times (that counts)."""

    source: str
    target: str
    year: int | None = None
    kind: str = ""
    project: str = ""


@dataclass(frozen=True)
class Reason:
    """Why a candidate is suggested: a code documented in `reasons.py` and its values."""

    code: str
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    candidate: str
    score: float
    reasons: tuple[Reason, ...]
