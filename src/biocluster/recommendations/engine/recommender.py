"""The recommender: fit on organisations and links, then suggest partners with their reasons."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from .graph import Graph, pairs
from .types import Link, Organisation, Reason, Suggestion

NAMES_SHOWN = 3


class UnknownOrganisation(KeyError):
    """A link or a query names an organisation that is not in the organisations given."""


def _index(organisations: Sequence[Organisation]) -> dict[str, int]:
    index: dict[str, int] = {}
    for org in organisations:
        if org.id in index:
            raise ValueError(f"organisation {org.id!r} is given twice")
        index[org.id] = len(index)
    return index


class Recommender:
    """Ranks candidate partners for an organisation. Picklable; deterministic for a given seed."""

    def __init__(self, organisations: Sequence[Organisation], graph: Graph, index: dict[str, int], seed: int):
        self.organisations = tuple(organisations)
        self.graph = graph
        self.index = index
        self.seed = seed

    @classmethod
    def fit(
        cls,
        organisations: Iterable[Organisation],
        links: Iterable[Link],
        *,
        seed: int = 0,
        progress: Callable[[float], None] | None = None,
    ) -> Recommender:
        organisations = list(organisations)
        index = _index(organisations)
        links = list(links)
        for link in links:
            for end in (link.source, link.target):
                if end not in index:
                    raise UnknownOrganisation(end)
        graph = Graph(len(organisations), pairs(links, index))
        if progress:
            progress(1.0)
        return cls(organisations, graph, index, seed)

    # ------------------------------------------------------------------ scoring

    def _scores(self, queries: np.ndarray) -> np.ndarray:
        """One row of scores per query over every organisation (higher is better)."""
        return self.graph.adamic_adar(queries)

    def _allowed(self, q: int, exclude: Iterable[str], candidates: Iterable[str] | None) -> np.ndarray:
        n = self.graph.n
        if candidates is None:
            allowed = np.ones(n, dtype=bool)
        else:
            allowed = np.zeros(n, dtype=bool)
            allowed[[self.index[c] for c in candidates if c in self.index]] = True
        allowed[q] = False
        allowed[self.graph.neighbours(q)] = False
        gone = [self.index[e] for e in exclude if e in self.index]
        allowed[gone] = False
        return allowed

    def _top(self, scores: np.ndarray, allowed: np.ndarray, k: int) -> np.ndarray:
        """The k best allowed organisations, ties broken by popularity then by input order."""
        ids = np.flatnonzero(allowed)
        if k <= 0 or not len(ids):
            return ids[:0]
        order = np.lexsort((ids, -self.graph.degree[ids], -scores[ids]))
        return ids[order[:k]]

    def suggest(
        self,
        query: str,
        k: int = 10,
        *,
        exclude: Iterable[str] = (),
        candidates: Iterable[str] | None = None,
    ) -> list[Suggestion]:
        """The k best partners for `query`: never itself, a current partner, or one in `exclude`."""
        if query not in self.index:
            raise UnknownOrganisation(query)
        q = self.index[query]
        scores = self._scores(np.array([q]))[0]
        top = self._top(scores, self._allowed(q, exclude, candidates), k)
        return [self._suggestion(q, int(c), float(scores[c])) for c in top]

    def suggest_many(
        self, queries: Sequence[str], k: int = 10, *, batch: int = 256
    ) -> dict[str, list[Suggestion]]:
        """`suggest` for many queries at once (the command line's `partners`)."""
        out: dict[str, list[Suggestion]] = {}
        for start in range(0, len(queries), batch):
            chunk = list(queries[start : start + batch])
            qs = np.array([self.index[q] for q in chunk], dtype=np.int64)
            scores = self._scores(qs)
            for row, (query, q) in enumerate(zip(chunk, qs, strict=True)):
                top = self._top(scores[row], self._allowed(int(q), (), None), k)
                out[query] = [self._suggestion(int(q), int(c), float(scores[row, c])) for c in top]
        return out

    # ------------------------------------------------------------------ reasons

    def _suggestion(self, q: int, c: int, score: float) -> Suggestion:
        return Suggestion(
            candidate=self.organisations[c].id, score=round(score, 6), reasons=self.reasons(q, c)
        )

    def reasons(self, q: int, c: int) -> tuple[Reason, ...]:
        g = self.graph
        out: list[Reason] = []
        shared = np.intersect1d(g.neighbours(q), g.neighbours(c), assume_unique=True)
        if len(shared):
            closeness = (
                np.asarray(g.weighted[q, shared].todense()).ravel()
                * np.asarray(g.weighted[c, shared].todense()).ravel()
            )
            order = np.lexsort((shared, -closeness))
            names = [
                self.organisations[z].name or self.organisations[z].id for z in shared[order[:NAMES_SHOWN]]
            ]
            out.append(Reason("shared_partners", {"count": len(shared), "names": names}))
        a, b = self.organisations[q], self.organisations[c]
        if a.city and a.city.casefold() == b.city.casefold() and a.country.casefold() == b.country.casefold():
            out.append(Reason("same_city", {"city": b.city}))
        elif a.country and a.country.casefold() == b.country.casefold():
            out.append(Reason("same_country", {"country": b.country}))
        fields = sorted(set(a.fields) & set(b.fields))
        if fields:
            out.append(Reason("shared_fields", {"fields": fields}))
        offered = sorted(set(a.seeks) & set(b.offers))
        if offered:
            out.append(Reason("offers_sought", {"items": offered}))
        sought = sorted(set(a.offers) & set(b.seeks))
        if sought:
            out.append(Reason("seeks_offered", {"items": sought}))
        if a.stage and b.stage and a.stage != b.stage:
            out.append(Reason("complementary_stage", {"stage": b.stage, "query_stage": a.stage}))
        if g.degree[c] > 0:
            out.append(
                Reason(
                    "active",
                    {
                        "partners": int(g.degree[c]),
                        "recent_links": int(g.recent[c]),
                        "since": g.recent_since,
                    },
                )
            )
        return tuple(out)
