"""The signals the recommender combines, for a batch of queries against every organisation.

Each is computed on one `Graph` (the training past, or the whole graph once fitted) and one
`Profiles` (the organisations' descriptions), so the same code serves learning and suggesting.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from .graph import Graph
from .text import key, word_matrix
from .types import Organisation

NAMES = (
    "common neighbours",
    "Adamic-Adar",
    "resource allocation",
    "weighted resource allocation",
    "personalised PageRank",
    "candidate partners",
    "candidate recent links",
    "candidate years since last link",
    "query partners x candidate partners",
    "same country",
    "same city",
    "kind affinity",
    "country affinity",
    "shared fields",
    "offers and seeks",
    "complementary stage",
    "project resource allocation",
    "project PageRank",
    "candidate recent projects",
    "latent themes",
    "shared words",
    "long random walk",
)
CANDIDATE_ONLY = (5, 6, 7, 18)
# Signals the learner does not weigh, kept for the fixed weights: a ten-step walk (the baseline's)
# ranks above every fixed combination on small directories, but chosen by the learner it fitted
# short histories' noise (session 18).
FIXED_ONLY = (21,)


def _codes(values: Sequence[str]) -> np.ndarray:
    table: dict[str, int] = {"": -1}
    return np.array([table.setdefault(key(v), len(table) - 1) for v in values], dtype=np.int64)


def _sets(items: list[Sequence[str]], vocabulary: dict[str, int]) -> list[np.ndarray]:
    """Each organisation's items as sorted codes of one shared vocabulary (compared by text.key)."""
    out = []
    for values in items:
        keys = {key(value) for value in values} - {""}
        out.append(np.array(sorted(vocabulary.setdefault(k, len(vocabulary)) for k in keys), dtype=np.int64))
    return out


class Profiles:
    """Organisations' categorical attributes as integer codes, and their sets as sparse-free arrays."""

    def __init__(self, organisations: Sequence[Organisation]):
        self.n = len(organisations)
        self.kind = _codes([o.kind for o in organisations])
        self.country = _codes([o.country for o in organisations])
        self.city = _codes([f"{o.country}\x1f{o.city}" if o.city else "" for o in organisations])
        self.stage = _codes([o.stage for o in organisations])
        vocabulary: dict[str, int] = {}
        self.fields = _sets([o.fields for o in organisations], vocabulary)
        self.offers = _sets([o.offers for o in organisations], vocabulary)
        self.seeks = _sets([o.seeks for o in organisations], vocabulary)
        self.words = len(vocabulary)
        self.word_matrix = word_matrix([f"{o.name} {o.description}" for o in organisations])
        self.any_fields = any(len(f) for f in self.fields)
        self.any_market = any(len(f) for f in self.offers) and any(len(f) for f in self.seeks)
        self._fields_matrix = self._matrix(self.fields) if self.any_fields else None
        self._offers_matrix = self._matrix(self.offers) if self.any_market else None
        self._seeks_matrix = self._matrix(self.seeks) if self.any_market else None

    def _matrix(self, sets: list[np.ndarray]):
        from scipy import sparse

        rows = np.concatenate([np.full(len(s), i) for i, s in enumerate(sets)]) if sets else np.array([])
        cols = np.concatenate(sets) if sets else np.array([])
        return sparse.csr_matrix(
            (np.ones(len(cols)), (rows.astype(np.int64), cols.astype(np.int64))),
            shape=(self.n, max(self.words, 1)),
        )

    def shared_fields(self, queries: np.ndarray) -> np.ndarray:
        if self._fields_matrix is None:
            return np.zeros((len(queries), self.n))
        m = self._fields_matrix
        return (m[queries] @ m.T).toarray()

    def market(self, queries: np.ndarray) -> np.ndarray:
        """How many of the query's sought items the candidate offers, plus the other way round."""
        if self._offers_matrix is None:
            return np.zeros((len(queries), self.n))
        o, s = self._offers_matrix, self._seeks_matrix
        return (s[queries] @ o.T).toarray() + (o[queries] @ s.T).toarray()


def affinity(codes: np.ndarray, graph: Graph) -> np.ndarray:
    """log((links between groups a and b + 1) / (expected + 1)), groups by code; unknown codes get 0."""
    size = int(codes.max()) + 2 if len(codes) else 1
    coo = graph.binary.tocoo()
    a = codes[coo.row] + 1
    b = codes[coo.col] + 1
    observed = np.zeros((size, size))
    np.add.at(observed, (a, b), 1.0)
    active = graph.degree > 0
    members = np.bincount(codes[active] + 1, minlength=size).astype(np.float64)
    total = members.sum()
    density = observed.sum() / max(total * total, 1.0)
    expected = np.outer(members, members) * density
    out = np.log((observed + 1.0) / (expected + 1.0))
    out[0, :] = 0.0
    out[:, 0] = 0.0
    return out


class Features:
    """Computes the NAMES signals for queries against every organisation on one graph."""

    def __init__(self, graph: Graph, profiles: Profiles):
        self.graph = graph
        self.profiles = profiles
        self.kind_affinity = affinity(profiles.kind, graph)
        self.country_affinity = affinity(profiles.country, graph)
        self.ra_scale = max(
            float(graph.degree[graph.degree > 0].mean()) if (graph.degree > 0).any() else 1.0, 1.0
        )
        positive = graph.strength[graph.strength > 0]
        self.wra_scale = max(float(positive.mean()) if len(positive) else 1.0, 1e-9)
        positive = graph.shared_strength[graph.shared_strength > 0]
        self.pra_scale = max(float(positive.mean()) if len(positive) else 1.0, 1e-9)
        if graph.now is None:
            self.idle = np.zeros(graph.n)
        else:
            self.idle = np.minimum(
                np.where(np.isfinite(graph.last_year), graph.now - graph.last_year, 20.0), 20.0
            )

    def _one(self, f: int, queries: np.ndarray) -> np.ndarray:
        """Feature number f (see NAMES) for the queries: an array (queries, organisations)."""
        g, p = self.graph, self.profiles
        n = g.n
        if f == 0:
            return np.log1p(g.common(queries))
        if f == 1:
            return np.log1p(g.adamic_adar(queries))
        if f == 2:
            return np.log1p(g.resource_allocation(queries) * self.ra_scale)
        if f == 3:
            return np.log1p(g.weighted_ra(queries) * self.wra_scale)
        if f == 4:
            return np.log1p(self._walk(queries, 4) * n)
        if f in CANDIDATE_ONLY:
            return np.broadcast_to(self.candidate(f), (len(queries), n))
        if f == 8:
            return np.log1p(g.degree[queries])[:, None] * self.candidate(5)[None, :]
        if f == 9:
            country_q = p.country[queries]
            return (country_q[:, None] == p.country[None, :]) & (country_q[:, None] >= 0)
        if f == 10:
            city_q = p.city[queries]
            return (city_q[:, None] == p.city[None, :]) & (city_q[:, None] >= 0)
        if f == 11:
            return self.kind_affinity[p.kind[queries] + 1][:, p.kind + 1]
        if f == 12:
            return self.country_affinity[p.country[queries] + 1][:, p.country + 1]
        if f == 13:
            return np.log1p(p.shared_fields(queries))
        if f == 14:
            return np.log1p(p.market(queries))
        if f == 15:
            stage_q = p.stage[queries]
            return (stage_q[:, None] != p.stage[None, :]) & (stage_q[:, None] >= 0) & (p.stage[None, :] >= 0)
        if f == 16:
            return np.log1p(g.project_ra(queries) * self.pra_scale)
        if f == 17:
            return np.log1p(g.personalised_pagerank(queries, shared=True) * n)
        if f == 19:
            return g.theme_similarity(queries)
        if f == 20:
            return self._shared_words(queries)
        if f == 21:
            return np.log1p(self._walk(queries, 10) * n)
        raise IndexError(f)

    def _walk(self, queries: np.ndarray, steps: int) -> np.ndarray:
        """The personalised PageRank from the queries truncated after `steps` steps (as
        Graph.personalised_pagerank), the walk kept for the batch so that the ten-step one goes on
        from the four-step one rather than starting again (the learner asks both in turn)."""
        state = self.__dict__.get("_walk_state")
        if state is None or state["step"] > steps or not np.array_equal(state["queries"], queries):
            m = len(queries)
            x = np.zeros((self.graph.n, m))
            x[queries, np.arange(m)] = 1.0
            state = {
                "queries": np.array(queries, copy=True),
                "step": 0,
                "x": x,
                "total": np.zeros_like(x),
                "factor": 1.0,
            }
            self._walk_state = state
        walk = self.graph.walk
        while state["step"] < steps:
            state["x"] = walk @ state["x"]
            state["factor"] *= 1.0 - 0.15
            state["total"] += state["factor"] * state["x"]
            state["step"] += 1
        return state["total"].T.copy()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_walk_state", None)  # a batch's walk in progress: not part of the model
        return state

    def _shared_words(self, queries: np.ndarray) -> np.ndarray:
        """Cosine of the candidate's words (name and description) with the query's own and its
        partners' (their mean, recent and repeated links counting more): a topic the names tell."""
        m = self.profiles.word_matrix
        g = self.graph
        if m is None:
            return np.zeros((len(queries), g.n))
        strength = g.strength[queries]
        mean = sparse.diags(np.divide(1.0, strength, out=np.zeros(len(queries)), where=strength > 0))
        profile = m[queries] + mean @ g.weighted[queries] @ m
        norms = np.sqrt(np.asarray(profile.multiply(profile).sum(axis=1)).ravel())
        return (profile @ m.T).toarray() / np.where(norms > 0, norms, 1.0)[:, None]

    def candidate(self, f: int) -> np.ndarray:
        """The features that depend on the candidate only (CANDIDATE_ONLY), one value per organisation."""
        g = self.graph
        if f == 5:
            return np.log1p(g.degree)
        if f == 6:
            return np.log1p(g.recent)
        if f == 7:
            return np.log1p(self.idle)
        if f == 18:
            return np.log1p(g.recent_projects)
        raise IndexError(f)

    def __call__(self, queries: np.ndarray) -> np.ndarray:
        """Every feature: an array (features, queries, organisations) of float32, one plane per feature."""
        out = np.empty((len(NAMES), len(queries), self.graph.n), dtype=np.float32)
        for f in range(len(NAMES)):
            out[f] = self._one(f, queries)
        return out

    def combine(self, queries: np.ndarray, weights: np.ndarray, intercept: float = 0.0) -> np.ndarray:
        """Σ weight x feature for the queries, computing only the features whose weight is not 0."""
        static = np.full(self.graph.n, intercept, dtype=np.float64)
        for f in CANDIDATE_ONLY:
            if weights[f]:
                static += weights[f] * self.candidate(f)
        out = np.tile(static, (len(queries), 1))
        for f in range(len(NAMES)):
            if weights[f] and f not in CANDIDATE_ONLY:
                out += weights[f] * self._one(f, queries)
        return out
