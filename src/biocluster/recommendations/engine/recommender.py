"""The recommender: fit on organisations and links, then suggest partners with their reasons."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from .features import FIXED_ONLY, NAMES, Features, Profiles
from .graph import Graph, pairs
from .text import key
from .types import Link, Organisation, Reason, Suggestion

NAMES_SHOWN = 3
# The model learns from the links of the graph's last three years (fewer in a shorter history),
# seen from before them.
LABEL_YEARS = 3
MIN_POSITIVES = 30  # fewer new partnerships than this in those years: the default weights are used
TRAIN_QUERIES = 800
# A training query is scored against every candidate when there are at most POOL_SIZE, otherwise
# against a pool: its new partners, the POOL_TOP best by each feature, POOL_RANDOM others.
POOL_SIZE = 5000
POOL_TOP = 300
POOL_RANDOM = 1000
KS = (10, 20, 50)
GRID = (-1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 1.0, 2.0)
ROUNDS = 3
MIN_GAIN = 0.0005

# Used when the graph has too little dated history to learn from, and when learning did not beat
# them: the ten-step random walk (the baseline, which ranked above every other fixed combination
# on small directories), with the profile signals as a light correction (they cost at most 0.002
# of recall@10 there, and let what an organisation offers and seeks count where the links say
# little).
DEFAULT_WEIGHTS = dict.fromkeys(NAMES, 0.0) | {
    "long random walk": 1.0,
    "same city": 0.05,
    "shared fields": 0.125,
    "offers and seeks": 0.125,
    "complementary stage": 0.025,
}


def learning_outcome(learnt: dict) -> str:
    """How a model's weights came about, read from its `learnt`: "learnt"; "refused" (learnt, but
    no better than the default weights on the training queries it had not learnt from); or
    "default" (too little dated history to learn from)."""
    if "weights" in learnt:
        return "learnt"
    return "refused" if learnt else "default"


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

    def __init__(
        self,
        organisations: Sequence[Organisation],
        graph: Graph,
        index: dict[str, int],
        seed: int,
        features: Features,
        weights: np.ndarray,
        intercept: float,
        learnt: dict,
    ):
        self.organisations = tuple(organisations)
        self.graph = graph
        self.index = index
        self.seed = seed
        self.features = features
        self.weights = weights  # per feature, applied to the raw features (standardisation folded in)
        self.intercept = intercept
        self.learnt = learnt  # what was learnt from: {"split": year, "positives": n, "queries": n} or {}

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
        edges = pairs(links, index)
        profiles = Profiles(organisations)
        graph = Graph(len(organisations), edges)
        weights, intercept, learnt = _learn(edges, profiles, len(organisations), seed, progress)
        features = Features(graph, profiles)
        if progress:
            progress(1.0)
        return cls(organisations, graph, index, seed, features, weights, intercept, learnt)

    # ------------------------------------------------------------------ scoring

    def scores(self, queries: np.ndarray) -> np.ndarray:
        """One row of scores per query over every organisation (higher is better)."""
        return self.features.combine(queries, self.weights, self.intercept)

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
        """The k best allowed organisations, ties broken by number of partners then by input order."""
        ids = np.flatnonzero(allowed)
        if k <= 0 or not len(ids):
            return ids[:0]
        values = scores[ids]
        if len(ids) > k:  # only those at or above the k-th best score can be in the top k
            threshold = np.partition(values, len(ids) - k)[len(ids) - k]
            keep = values >= threshold
            ids, values = ids[keep], values[keep]
        order = np.lexsort((ids, -self.graph.degree[ids], -values))
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
        scores = self.scores(np.array([q]))[0]
        top = self._top(scores, self._allowed(q, exclude, candidates), k)
        return self._suggestions(q, top, scores)

    def suggest_many(
        self, queries: Sequence[str], k: int = 10, *, batch: int = 256
    ) -> dict[str, list[Suggestion]]:
        """`suggest` for many queries at once (the command line's `partners`)."""
        out: dict[str, list[Suggestion]] = {}
        batch = batch or _batch(self.graph.n)
        for start in range(0, len(queries), batch):
            chunk = list(queries[start : start + batch])
            qs = np.array([self.index[q] for q in chunk], dtype=np.int64)
            scores = self.scores(qs)
            tops = [self._top(scores[row], self._allowed(int(q), (), None), k) for row, q in enumerate(qs)]
            sizes = [len(top) for top in tops]
            pair_q = np.repeat(qs, sizes)
            pair_c = np.concatenate(tops) if tops else np.zeros(0, dtype=np.int64)
            reasons = iter(self._reasons_pairs(pair_q, pair_c))
            ids = self.organisations
            for row, (query, top) in enumerate(zip(chunk, tops, strict=True)):
                out[query] = [
                    Suggestion(
                        candidate=ids[c].id, score=round(float(scores[row, c]), 6), reasons=next(reasons)
                    )
                    for c in top.tolist()
                ]
        return out

    # ------------------------------------------------------------------ reasons

    def _suggestions(self, q: int, top: np.ndarray, scores: np.ndarray) -> list[Suggestion]:
        ids = self.organisations
        return [
            Suggestion(candidate=ids[c].id, score=round(float(scores[c]), 6), reasons=reasons)
            for c, reasons in zip(top.tolist(), self.reasons_many(q, top), strict=True)
        ]

    def reasons(self, q: int, c: int) -> tuple[Reason, ...]:
        return self.reasons_many(q, np.array([c], dtype=np.int64))[0]

    def _profile_words(self) -> list[tuple]:
        """Per organisation, what the profile reasons compare (folded once, not per suggestion)."""
        words = self.__dict__.get("_words")
        if words is None:
            words = [
                (
                    key(o.city) if o.city else "",
                    key(o.country) if o.country else "",
                    _keyed(o.fields),
                    _keyed(o.offers),
                    _keyed(o.seeks),
                )
                for o in self.organisations
            ]
            self._words = words
        return words

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_words", None)  # derived: rebuilt on first use
        return state

    def reasons_many(self, q: int, cs: np.ndarray) -> list[tuple[Reason, ...]]:
        """The reasons of each candidate in `cs` for the query q."""
        cs = np.asarray(cs, dtype=np.int64)
        return self._reasons_pairs(np.full(len(cs), q, dtype=np.int64), cs)

    def _reasons_pairs(self, qs: np.ndarray, cs: np.ndarray) -> list[tuple[Reason, ...]]:
        """The reasons of candidate cs[i] for query qs[i], for every i (shared partners found for all
        pairs at once)."""
        g = self.graph
        if not len(cs):
            return []
        # Shared partners z of q and c, with their closeness w(q,z) x w(c,z), for every pair at once.
        shared = g.weighted[cs].multiply(g.weighted[qs]).tocsr()
        counts = np.diff(shared.indptr)
        rows = np.repeat(np.arange(len(cs)), counts)
        order = np.lexsort((shared.indices, -shared.data, rows))
        rank = np.arange(len(order)) - shared.indptr[rows[order]]
        first = order[rank < NAMES_SHOWN]
        named: list[list[str]] = [[] for _ in cs]
        orgs = self.organisations
        for row, z in zip(rows[first].tolist(), shared.indices[first].tolist(), strict=True):
            named[row].append(orgs[z].name or orgs[z].id)
        words = self._profile_words()
        degree, recent = g.degree[cs].tolist(), g.recent[cs].tolist()
        out = []
        for i, (q, c) in enumerate(zip(qs.tolist(), cs.tolist(), strict=True)):
            a, wa = orgs[q], words[q]
            b, wb = orgs[c], words[c]
            reasons: list[Reason] = []
            if counts[i]:
                reasons.append(Reason("shared_partners", {"count": int(counts[i]), "names": named[i]}))
            if wa[0] and wa[0] == wb[0] and wa[1] == wb[1]:
                reasons.append(Reason("same_city", {"city": b.city}))
            elif wa[1] and wa[1] == wb[1]:
                reasons.append(Reason("same_country", {"country": b.country}))
            if wa[2] and wb[2]:
                fields = _common(wa[2], wb[2])
                if fields:
                    reasons.append(Reason("shared_fields", {"fields": fields}))
            if wa[4] and wb[3]:
                offered = _common(wa[4], wb[3])
                if offered:
                    reasons.append(Reason("offers_sought", {"items": offered}))
            if wa[3] and wb[4]:
                sought = _common(wa[3], wb[4])
                if sought:
                    reasons.append(Reason("seeks_offered", {"items": sought}))
            if a.stage and b.stage and a.stage != b.stage:
                reasons.append(Reason("complementary_stage", {"stage": b.stage, "query_stage": a.stage}))
            if degree[i] > 0:
                reasons.append(
                    Reason(
                        "active",
                        {"partners": int(degree[i]), "recent_links": int(recent[i]), "since": g.recent_since},
                    )
                )
            out.append(tuple(reasons))
        return out


def _keyed(items: Iterable[str]) -> dict[str, str]:
    """Items by the key they are compared by (text.key), each as first written."""
    out: dict[str, str] = {}
    for item in items:
        out.setdefault(key(item), item)
    out.pop("", None)
    return out


def _common(mine: dict[str, str], theirs: dict[str, str]) -> list[str]:
    """The items both have, as the candidate writes them."""
    return sorted(theirs[k] for k in mine.keys() & theirs.keys())


def _batch(n: int) -> int:
    """Queries per batch, so that a batch's features stay near 2 million cells per feature."""
    return max(1, min(256, 2_000_000 // max(n, 1)))


def _label_years(dated_years: int) -> int:
    """How many of the last years are held out as labels (0: too short a history to learn from).

    At most half of them: the past the labels are seen from is then as long as the labels (a
    past of one year learnt popularity from a sparse graph, which the whole graph then outranked).
    """
    return min(LABEL_YEARS, dated_years // 2)


def _learn(
    edges: list[tuple[int, int, int | None, float]],
    profiles: Profiles,
    n: int,
    seed: int,
    progress: Callable[[float], None] | None,
) -> tuple[np.ndarray, float, dict]:
    """Weights of the features learnt from the graph's own past, or the default weights.

    The past graph holds the links dated before the last LABEL_YEARS years (fewer when the history
    is short, see _label_years) and the undated ones;
    the labels are the new partnerships of those years between organisations of the past graph
    (the evaluation's protocol, one step earlier). For a sample of the organisations that gained
    partners, the features are computed against every candidate (or, in a large graph, against a
    pool: their new partners, the POOL_TOP best by each feature, and POOL_RANDOM others). The features are standardised and their
    weights chosen by coordinate ascent over a small grid, maximising the mean of recall@10, 20
    and 50 (what the evaluation measures), starting from the best single feature; a weight changes
    only for a clear gain (MIN_GAIN), which keeps the combination sparse.

    Learning is kept only if it ranks better than the default weights on queries it did not learn
    from: the training queries in two halves, each learning what the other is scored on. In a
    small directory the learnt weights fit its few new partnerships and rank worse than the
    default ones; then the default weights are used, and `learnt` says why.
    """
    default = np.array([DEFAULT_WEIGHTS[name] for name in NAMES]), 0.0, {}
    years = sorted({e[2] for e in edges if e[2] is not None})
    label_years = _label_years(len(years))
    if label_years < 1:
        return default
    cut = years[-1] - label_years
    past = [e for e in edges if e[2] is None or e[2] <= cut]
    graph = Graph(n, past, now=cut)
    existed = graph.degree > 0
    known = graph.binary.tocoo()
    known = set((known.row.astype(np.int64) * n + known.col).tolist())
    new: dict[int, set[int]] = {}
    for a, b, y, _share in edges:
        if y is None or y <= cut or a == b or not (existed[a] and existed[b]):
            continue
        if a * n + b in known:
            continue
        new.setdefault(a, set()).add(b)
        new.setdefault(b, set()).add(a)
    positives = sum(len(v) for v in new.values()) // 2
    if positives < MIN_POSITIVES:
        return default
    rng = np.random.default_rng(seed)
    queries = np.array(sorted(new), dtype=np.int64)
    if len(queries) > TRAIN_QUERIES:
        queries = np.sort(rng.choice(queries, size=TRAIN_QUERIES, replace=False))
    features = Features(graph, profiles)
    width = len(NAMES)
    # As wide as the largest pool can be: every candidate in a graph of at most POOL_SIZE.
    size = min(POOL_SIZE, max(int(existed.sum()) - 1, max(len(v) for v in new.values())))
    # One (queries, pool) plane per feature: a combination reads only the features it weighs.
    pools = np.zeros((width, len(queries), size), dtype=np.float32)
    labels = np.zeros((len(queries), size), dtype=bool)
    valid = np.zeros((len(queries), size), dtype=bool)
    wanted = np.zeros(len(queries))
    batch = _batch(n)
    for start in range(0, len(queries), batch):
        qs = queries[start : start + batch]
        block = features(qs)
        for row, q in enumerate(qs):
            r = start + row
            allowed = existed.copy()
            allowed[q] = False
            allowed[graph.neighbours(q)] = False
            cand = np.flatnonzero(allowed)
            pos = np.array(sorted(new[int(q)]), dtype=np.int64)
            if len(cand) <= POOL_SIZE:  # every candidate: the objective is the evaluation's own
                pool = cand
                chosen = []
            else:
                chosen = [pos]
            for f in range(width if chosen else 0):
                values = block[f, row, cand]
                if values.max() > values.min():
                    top = min(POOL_TOP, len(cand) - 1)
                    chosen.append(cand[np.argpartition(-values, top)[:top]])
            if chosen:
                chosen.append(rng.choice(cand, size=min(POOL_RANDOM, len(cand)), replace=False))
                pool = np.unique(np.concatenate(chosen))
            if len(pool) > size:  # keep every positive, drop others at random
                others = np.setdiff1d(pool, pos)
                pool = np.concatenate([pos, rng.choice(others, size=size - len(pos), replace=False)])
            pools[:, r, : len(pool)] = block[:, row, pool]
            labels[r, : len(pool)] = np.isin(pool, pos)
            valid[r, : len(pool)] = True
            wanted[r] = len(pos)
        if progress:
            progress(0.8 * min(1.0, (start + batch) / len(queries)))
    # Standardised in place, feature by feature (the pools are the fit's largest array).
    count = max(int(valid.sum()), 1)
    mean = np.zeros(width)
    std = np.zeros(width)
    invalid = ~valid
    for f in range(width):
        values = pools[f][valid].astype(np.float64)
        mean[f] = values.sum() / count
        std[f] = np.sqrt(max(float((values * values).sum()) / count - mean[f] * mean[f], 0.0))
    usable = std > 1e-6
    scale = np.where(usable, std, 1.0)
    learnable = usable.copy()
    learnable[list(FIXED_ONLY)] = False
    z = pools
    for f in range(width):
        if usable[f]:
            z[f] -= np.float32(mean[f])
            z[f] /= np.float32(scale[f])
            z[f][invalid] = 0.0
        else:
            z[f] = 0.0

    kmax = min(max(KS), size)

    # Each trial starts from 0 for a candidate of the pool, -inf for a padding cell (z is 0 there).
    start = np.where(valid, np.float32(0.0), np.float32(-np.inf))

    def per_query(w: np.ndarray, rows: np.ndarray | slice) -> np.ndarray:
        """Each query's mean of recall@KS, for the `rows` of the training queries (the learner's
        objective is their mean)."""
        scores = start[rows]
        for f in np.flatnonzero(w):
            scores = scores + np.float32(w[f]) * z[f][rows]
        top = np.argpartition(-scores, min(kmax, size - 1), axis=1)[:, :kmax]
        ordered = np.take_along_axis(
            top, np.argsort(-np.take_along_axis(scores, top, axis=1), axis=1), axis=1
        )
        hits = np.cumsum(np.take_along_axis(labels[rows], ordered, axis=1), axis=1)
        return np.mean([hits[:, min(k, kmax) - 1] / wanted[rows] for k in KS], axis=0)

    def ascend(objective: Callable[[np.ndarray], float], report: bool) -> tuple[np.ndarray, float, list]:
        singles = []
        for f in range(width):
            w = np.zeros(width)
            w[f] = 1.0
            singles.append(objective(w) if learnable[f] else -1.0)
        weights = np.zeros(width)
        weights[int(np.argmax(singles))] = 1.0
        best = max(singles)
        for _round in range(ROUNDS):
            changed = False
            for f in np.flatnonzero(learnable):
                for value in GRID:
                    if value == weights[f]:
                        continue
                    trial = weights.copy()
                    trial[f] = value
                    if not trial.any():
                        continue
                    score = objective(trial)
                    if score > best + MIN_GAIN:
                        best, weights, changed = score, trial, True
            if progress and report:
                progress(0.8 + 0.1 * (_round + 1) / ROUNDS)
            if not changed:
                break
        return weights, best, singles

    # Does learning beat the default weights on queries it did not learn from (see the docstring)?
    halves = np.array_split(rng.permutation(len(queries)), 2)
    fixed = np.where(usable, default[0] * scale, 0.0)
    gains = []
    pairs_of_halves = ((halves[0], halves[1]), (halves[1], halves[0])) if len(queries) >= 2 else ()
    for learn_on, score_on in pairs_of_halves:  # a single query: nothing to check on, default weights
        learn_on, score_on = np.sort(learn_on), np.sort(score_on)
        half_weights = ascend(lambda w, rows=learn_on: float(per_query(w, rows).mean()), False)[0]
        gains.append(per_query(half_weights, score_on) - per_query(fixed, score_on))
    gains = np.concatenate(gains) if gains else np.zeros(1)
    gain = float(gains.mean())
    error = float(gains.std(ddof=1) / np.sqrt(len(gains))) if len(gains) > 1 else 0.0
    checked = {"gain over fixed weights": round(gain, 4), "its standard error": round(error, 4)}
    # Any gain keeps the learning: on our larger sets a gain within one standard error still
    # held on the test years; requiring two lost 0.001-0.003 at recall@10 there.
    if gain <= 0:
        return (
            default[0],
            default[1],
            {"split": cut, "positives": positives, "queries": len(queries), **checked},
        )
    every = slice(None)  # a view of every training query, not a copy
    weights, best, singles = ascend(lambda w: float(per_query(w, every).mean()), True)
    coef = np.where(usable, weights / scale, 0.0)
    intercept = float(-(coef * mean).sum())
    learnt = {
        "split": cut,
        "positives": positives,
        "queries": len(queries),
        "objective": round(best, 4),
        "best_single": {NAMES[int(np.argmax(singles))]: round(max(singles), 4)},
        "weights": {name: float(w) for name, w in zip(NAMES, weights, strict=True) if w},
        **checked,
    }
    return coef, intercept, learnt
