"""The link graph as sparse matrices, and the proximities computed on it (pure NumPy/SciPy)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

from .types import Link

HALF_LIFE = 3.0  # years: a link's weight halves every three years before the graph's last year
THEMES = 16  # dimensions of the latent themes (the spectral embedding of the project-aware graph)
MIN_THEMED = 4 * THEMES  # fewer organisations with links than this: no embedding (the signal is 0)


class Graph:
    """Organisations 0..n-1; `binary` (distinct partners), `weighted` (links counted, older ones less),
    `shared` (as `weighted`, each link of a project of n partners counting 1/(n-1): a project is one
    tie for each of its partners however large it is, so that large consortia do not swamp the graph).

    `now` is the graph's last year (None when no link is dated); undated links weigh as links of `now`.
    Links are (a, b, year) or (a, b, year, share).
    """

    def __init__(self, n: int, links: Sequence[tuple], *, now: int | None = None):
        self.n = n
        years = [e[2] for e in links if e[2] is not None]
        self.now = now if now is not None else (max(years) if years else None)
        links = [e for e in links if e[0] != e[1]]
        rows = np.fromiter((e[0] for e in links), dtype=np.int64, count=len(links))
        cols = np.fromiter((e[1] for e in links), dtype=np.int64, count=len(links))
        fallback = self.now if self.now is not None else 0
        last = np.fromiter(
            (fallback if e[2] is None else e[2] for e in links), dtype=np.float64, count=len(links)
        )
        share = np.fromiter((e[3] if len(e) > 3 else 1.0 for e in links), dtype=np.float64, count=len(links))
        ages = np.zeros(len(links)) if self.now is None else np.maximum(0.0, self.now - last)
        weights = np.power(0.5, ages / HALF_LIFE)
        r = np.concatenate([rows, cols])
        c = np.concatenate([cols, rows])
        w = np.concatenate([weights, weights])
        self.weighted = sparse.csr_matrix((w, (r, c)), shape=(n, n), dtype=np.float64)
        self.weighted.sum_duplicates()
        self.shared = sparse.csr_matrix(
            (w * np.concatenate([share, share]), (r, c)), shape=(n, n), dtype=np.float64
        )
        self.shared.sum_duplicates()
        self.shared.sort_indices()
        self.counts = sparse.csr_matrix((np.ones_like(w), (r, c)), shape=(n, n), dtype=np.float64)
        self.counts.sum_duplicates()
        self.weighted.sort_indices()
        self.counts.sort_indices()
        self.binary = self.counts.copy()
        self.binary.data[:] = 1.0
        self.degree = np.asarray(self.binary.sum(axis=1)).ravel()
        self.strength = np.asarray(self.weighted.sum(axis=1)).ravel()
        self.links = np.asarray(self.counts.sum(axis=1)).ravel()
        # The year of each organisation's last link (-inf when it has none).
        self.last_year = np.full(n, -np.inf)
        if len(r):
            np.maximum.at(self.last_year, r, np.concatenate([last, last]))
        self.recent_since = None if self.now is None else self.now - 2
        if self.now is None:
            self.recent = self.links.copy()
        else:
            recent_mask = np.concatenate([last, last]) >= self.recent_since
            self.recent = np.bincount(r[recent_mask], minlength=n).astype(np.float64)
        # Project participations of the last three years (a project of n partners gives each n-1
        # links of share 1/(n-1)); links outside projects count one each.
        both = np.concatenate([share, share])
        recent_mask = np.ones(len(r), dtype=bool) if self.now is None else recent_mask
        self.recent_projects = np.bincount(r[recent_mask], weights=both[recent_mask], minlength=n)
        self.shared_strength = np.asarray(self.shared.sum(axis=1)).ravel()
        self._aa = None
        self._ra = None
        self._wra = None
        self._walk = None
        self._sra = None
        self._shared_walk = None
        self._themes = None

    # Scaled copies of the adjacency, built once.
    @property
    def aa(self):
        if self._aa is None:
            inv = 1.0 / np.log(np.maximum(self.degree, 2.0))
            self._aa = sparse.diags(inv) @ self.binary
        return self._aa

    @property
    def ra(self):
        if self._ra is None:
            inv = 1.0 / np.maximum(self.degree, 1.0)
            self._ra = sparse.diags(inv) @ self.binary
        return self._ra

    @property
    def wra(self):
        if self._wra is None:
            inv = 1.0 / np.maximum(self.strength, 1e-12)
            self._wra = (sparse.diags(inv) @ self.weighted).tocsr()
        return self._wra

    @property
    def walk(self):
        """The random walk's transition matrix transposed (column-stochastic), on the weighted graph."""
        if self._walk is None:
            self._walk = self.wra.T.tocsr()
        return self._walk

    @property
    def sra(self):
        if self._sra is None:
            inv = 1.0 / np.maximum(self.shared_strength, 1e-12)
            self._sra = (sparse.diags(inv) @ self.shared).tocsr()
        return self._sra

    @property
    def shared_walk(self):
        if self._shared_walk is None:
            self._shared_walk = self.sra.T.tocsr()
        return self._shared_walk

    @property
    def themes(self) -> np.ndarray:
        """Latent themes inferred from the links alone: each organisation's row of the leading
        eigenvectors of the regularised normalised project-aware graph (D+τ)^-1/2 S (D+τ)^-1/2, τ the mean
        degree (the first one
        dropped), scaled by their eigenvalues and normalised to length 1, so that the dot product of
        two rows is the cosine of their places in the graph's large-scale communities. Organisations
        with no links, and every organisation of a graph with fewer than MIN_THEMED linked ones, get 0.
        Deterministic: ARPACK starts from a fixed vector."""
        if self._themes is None:
            out = np.zeros((self.n, THEMES), dtype=np.float64)
            active = np.flatnonzero(self.shared_strength > 0)
            if len(active) >= MIN_THEMED:
                from scipy.sparse.linalg import eigsh

                m = self.shared[active][:, active]
                strength = self.shared_strength[active]
                # Regularised (degrees + their mean): without it the leading eigenvectors
                # localise on small tight groups of a sparse graph rather than on broad themes.
                inv = 1.0 / np.sqrt(strength + strength.mean())
                m = (sparse.diags(inv) @ m @ sparse.diags(inv)).tocsr()
                v0 = np.full(len(active), 1.0 / np.sqrt(len(active)))
                values, vectors = eigsh(m, k=THEMES + 1, which="LA", v0=v0, tol=1e-6)
                order = np.argsort(-values)
                values, vectors = values[order][1:], vectors[:, order][:, 1:]
                # An eigenvector's sign is arbitrary: fix it (largest component positive).
                signs = np.sign(vectors[np.argmax(np.abs(vectors), axis=0), np.arange(THEMES)])
                rows = vectors * (signs * np.maximum(values, 0.0))[None, :]
                norms = np.linalg.norm(rows, axis=1)
                rows /= np.maximum(norms, 1e-12)[:, None]
                out[active] = rows
            self._themes = out
        return self._themes

    def theme_similarity(self, queries: np.ndarray) -> np.ndarray:
        """Cosine of the latent themes of each query and every organisation (0 without themes)."""
        t = self.themes
        return t[queries] @ t.T

    def neighbours(self, i: int) -> np.ndarray:
        """Organisation i's partners, in increasing order."""
        return self.binary.indices[self.binary.indptr[i] : self.binary.indptr[i + 1]]

    def neighbour_weights(self, i: int) -> np.ndarray:
        """The weights of i's links to `neighbours(i)`, in the same order (same sparsity pattern)."""
        return self.weighted.data[self.weighted.indptr[i] : self.weighted.indptr[i + 1]]

    def common(self, queries: np.ndarray) -> np.ndarray:
        """Common neighbours: |N(q) ∩ N(c)| for each query row and every organisation."""
        return (self.binary[queries] @ self.binary).toarray()

    def adamic_adar(self, queries: np.ndarray) -> np.ndarray:
        return (self.binary[queries] @ self.aa).toarray()

    def resource_allocation(self, queries: np.ndarray) -> np.ndarray:
        return (self.binary[queries] @ self.ra).toarray()

    def weighted_ra(self, queries: np.ndarray) -> np.ndarray:
        """Resource allocation on the weighted graph: Σ_z w(q,z) w(z,c) / s(z)."""
        return (self.weighted[queries] @ self.wra).toarray()

    def project_ra(self, queries: np.ndarray) -> np.ndarray:
        """Resource allocation through projects: Σ_z sh(q,z) sh(z,c) / S(z) on the `shared` graph, i.e.
        resource spread from q over its projects' partners, then over theirs."""
        return (self.shared[queries] @ self.sra).toarray()

    def personalised_pagerank(
        self, queries: np.ndarray, alpha: float = 0.15, steps: int = 4, *, shared: bool = False
    ) -> np.ndarray:
        """Personalised PageRank from each query (restart `alpha`), truncated after `steps` steps;
        on the `shared` graph (project-aware) when asked."""
        walk = self.shared_walk if shared else self.walk
        m = len(queries)
        start = np.zeros((self.n, m))
        start[queries, np.arange(m)] = 1.0
        x = start.copy()
        total = np.zeros_like(start)
        factor = 1.0
        for _ in range(steps):
            x = walk @ x
            factor *= 1.0 - alpha
            total += factor * x
        return total.T


def pairs(links: Iterable[Link], index: dict[str, int]) -> list[tuple[int, int, int | None, float]]:
    """(a, b, year, share): share is 1/(n-1) for a link of a project of n partners, 1 otherwise."""
    links = list(links)
    members: dict[str, set[str]] = {}
    for link in links:
        if link.project:
            group = members.setdefault(link.project, set())
            group.add(link.source)
            group.add(link.target)
    return [
        (
            index[link.source],
            index[link.target],
            link.year,
            1.0 / max(len(members[link.project]) - 1, 1) if link.project else 1.0,
        )
        for link in links
    ]
