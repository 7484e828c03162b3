"""The evaluation protocol of `biocluster recommend evaluate` (issue #16), and its baselines.

Given organisations, dated links and a split year Y:

- the training links are those dated Y or earlier (undated links count as training links);
- an organisation *existed* at Y if it has at least one training link;
- a *new partner* of q is an organisation p that existed at Y, is not linked to q by any training
  link, and is linked to q by a link dated after Y;
- the *query organisations* are the organisations that existed at Y and have at least one new
  partner;
- every method, trained on the training links only, ranks for each query every organisation that
  existed at Y except the query and its training partners;
- recall@k(q) = |new partners of q among the first k| / |new partners of q|, and the figure reported
  for a method is recall@k averaged over the query organisations (each counts once).

Baselines, all ranked the same way (ties broken by number of partners, then by input order):
popularity (number of distinct partners), common neighbours, Adamic-Adar, and personalised
PageRank (restart 0.15, on the training graph weighted by recency and repetition).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .graph import Graph, pairs
from .recommender import Recommender, _label_years, learning_outcome
from .types import Link, Organisation

METHOD = "method"
BASELINES = ("popularity", "common neighbours", "Adamic-Adar", "personalised PageRank")


@dataclass
class Split:
    train: list[Link]
    existed: np.ndarray  # bool per organisation
    new: dict[int, set[int]]  # query -> its new partners


@dataclass
class Result:
    split_year: int
    ks: tuple[int, ...]
    queries: int
    candidates: int
    train_links: int
    test_links: int
    recall: dict[str, dict[int, float]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    learnt: dict = field(default_factory=dict)  # what the method learnt from ({}: the fixed weights)
    sampled_from: int | None = None  # the query organisations there were, when `queries` is a sample

    def as_json(self) -> dict:
        return {
            "split_year": self.split_year,
            "k": list(self.ks),
            "queries": self.queries,
            "candidates": self.candidates,
            "train_links": self.train_links,
            "test_links": self.test_links,
            "recall": {m: {str(k): round(v, 4) for k, v in r.items()} for m, r in self.recall.items()},
            "seconds": {m: round(s, 2) for m, s in self.seconds.items()},
            "learnt": self.learnt,
            **({"sampled_from": self.sampled_from} if self.sampled_from is not None else {}),
        }

    def table(self) -> str:
        head = f"{'method':<24}" + "".join(f"{'recall@' + str(k):>12}" for k in self.ks) + f"{'seconds':>10}"
        lines = [
            f"Split year {self.split_year}: {self.train_links:,} training links, {self.test_links:,} later links, "
            f"{self.queries:,} query organisations"
            + (f" (sampled from {self.sampled_from:,})" if self.sampled_from is not None else "")
            + f", {self.candidates:,} candidates",
            head,
            "-" * len(head),
        ]
        for name, recall in self.recall.items():
            lines.append(
                f"{name:<24}"
                + "".join(f"{recall[k]:>12.4f}" for k in self.ks)
                + f"{self.seconds.get(name, 0.0):>10.1f}"
            )
        lines.append(self.learnt_line())
        return "\n".join(lines)

    def learnt_line(self) -> str:
        """What the method learnt from, in words: read by whoever scores it on their own data."""
        learnt = self.learnt
        outcome = learning_outcome(learnt)
        if outcome == "default":
            return (
                "method: fixed weights (a single dated year, or fewer than 30 new partnerships to learn from)"
            )
        if outcome == "refused":
            return (
                f"method: fixed weights: what it learnt from the links up to {learnt['split']} and the "
                f"{learnt['positives']:,} new partnerships after it did not rank better on the half of "
                f"the organisations it had not learnt from (gain {learnt['gain over fixed weights']:+.4f}, "
                f"standard error {learnt['its standard error']:.4f})"
            )
        weights = ", ".join(f"{name} {weight:+g}" for name, weight in learnt["weights"].items())
        return (
            f"method: learnt from the links up to {learnt['split']} and the {learnt['positives']:,} new "
            f"partnerships after it (up to {self.split_year}; {learnt['queries']:,} organisations sampled); "
            f"weights of the standardised signals: {weights}"
        )


def split(organisations: Sequence[Organisation], links: Sequence[Link], year: int) -> Split:
    index = {o.id: i for i, o in enumerate(organisations)}
    train = [link for link in links if link.year is None or link.year <= year]
    existed = np.zeros(len(organisations), dtype=bool)
    known: set[tuple[int, int]] = set()
    for link in train:
        a, b = index[link.source], index[link.target]
        if a != b:
            existed[a] = existed[b] = True
            known.add((a, b))
            known.add((b, a))
    new: dict[int, set[int]] = {}
    for link in links:
        if link.year is None or link.year <= year:
            continue
        a, b = index[link.source], index[link.target]
        if a == b or not (existed[a] and existed[b]) or (a, b) in known:
            continue
        new.setdefault(a, set()).add(b)
        new.setdefault(b, set()).add(a)
    return Split(train, existed, new)


def recent_split(links: Sequence[Link]) -> int | None:
    """A split year that holds out the last years of the links as the learner does (at most three,
    at most half of the dated years); None when they have a single dated year or none."""
    years = sorted({link.year for link in links if link.year is not None})
    held_out = _label_years(len(years))
    return years[-1] - held_out if held_out else None


def _baseline_scores(name: str, graph: Graph) -> Callable[[np.ndarray], np.ndarray]:
    if name == "popularity":
        return lambda qs: np.broadcast_to(graph.degree, (len(qs), graph.n)).copy()
    if name == "common neighbours":
        return graph.common
    if name == "Adamic-Adar":
        return graph.adamic_adar
    if name == "personalised PageRank":
        return lambda qs: graph.personalised_pagerank(qs, steps=10)
    raise ValueError(name)


def _recalls(
    scores_of: Callable[[np.ndarray], np.ndarray],
    graph: Graph,
    existed: np.ndarray,
    queries: np.ndarray,
    new: dict[int, set[int]],
    ks: Sequence[int],
    batch: int = 128,
) -> dict[int, float]:
    kmax = max(ks)
    hits = dict.fromkeys(ks, 0.0)
    ids = np.arange(graph.n)
    for start in range(0, len(queries), batch):
        qs = queries[start : start + batch]
        scores = scores_of(qs)
        for row, q in enumerate(qs):
            allowed = existed.copy()
            allowed[q] = False
            allowed[graph.neighbours(q)] = False
            cand = ids[allowed]
            order = np.lexsort((cand, -graph.degree[cand], -scores[row, cand]))
            top = cand[order[:kmax]]
            wanted = new[int(q)]
            found = np.fromiter((int(c) in wanted for c in top), dtype=bool, count=len(top))
            cumulative = np.cumsum(found)
            for k in ks:
                hits[k] += (cumulative[min(k, len(top)) - 1] if len(top) else 0) / len(wanted)
    return {k: hits[k] / max(len(queries), 1) for k in ks}


def evaluate(
    organisations: Sequence[Organisation],
    links: Sequence[Link],
    split_year: int,
    ks: Sequence[int] = (10, 20, 50),
    *,
    seed: int = 0,
    baselines: Sequence[str] = BASELINES,
    progress: Callable[[str], None] | None = None,
    max_queries: int | None = None,
    fit_progress: Callable[[float], None] | None = None,
) -> Result:
    """The protocol above; with `max_queries`, on a sample of the query organisations drawn with
    `seed` (the same sample for every method). `progress` is told each method as it is done,
    `fit_progress` the method's fit as it goes."""
    ks = tuple(sorted(set(ks)))
    organisations = list(organisations)
    index = {o.id: i for i, o in enumerate(organisations)}
    s = split(organisations, links, split_year)
    queries = np.array(sorted(s.new), dtype=np.int64)
    sampled_from = None
    if max_queries is not None and len(queries) > max_queries:
        sampled_from = len(queries)
        rng = np.random.default_rng(seed)
        queries = np.sort(rng.choice(queries, size=max_queries, replace=False))
    result = Result(
        split_year=split_year,
        ks=ks,
        queries=len(queries),
        candidates=int(s.existed.sum()),
        train_links=len(s.train),
        test_links=len(links) - len(s.train),
        sampled_from=sampled_from,
    )
    graph = Graph(len(organisations), pairs(s.train, index))
    started = time.perf_counter()
    model = Recommender.fit(organisations, s.train, seed=seed, progress=fit_progress)
    result.recall[METHOD] = _recalls(model.scores, graph, s.existed, queries, s.new, ks)
    result.learnt = model.learnt
    result.seconds[METHOD] = time.perf_counter() - started
    if progress:
        progress(METHOD)
    for name in baselines:
        started = time.perf_counter()
        result.recall[name] = _recalls(_baseline_scores(name, graph), graph, s.existed, queries, s.new, ks)
        result.seconds[name] = time.perf_counter() - started
        if progress:
            progress(name)
    return result
