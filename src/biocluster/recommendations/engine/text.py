"""The words of organisations' names and descriptions, as a TF-IDF matrix (pure NumPy/SciPy).

A name often says what an organisation works on ("Plymouth Marine Laboratory", "... Energy
Agency"), and data that gives no technology fields gives names. scikit-learn's TfidfVectorizer
does the same, but importing it costs about four seconds per run of the command line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
from scipy import sparse

WORD = re.compile(r"[^\W\d_]{3,}")
SEPARATORS = re.compile(r"[\W_]+")
# A word in more than this share of the organisations says what kind or country they are ("gmbh",
# "university", "stichting": 1 to 9 % of CORDIS's participants), which other signals see; topic
# words ("energy", "medical", "marine") are under 1 %.
MAX_SHARE = 0.02


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def words(text: str) -> set[str]:
    """The distinct words of three letters or more, casefolded, accents removed."""
    return set(WORD.findall(_plain(text)))


def key(value: str) -> str:
    """A place or a category as compared: real files write one city "Évry-Courcouronnes",
    "EVRY COURCOURONNES" and "Evry - Courcouronnes" (case, accents, hyphens and spaces set aside)."""
    return " ".join(SEPARATORS.split(_plain(value))).strip()


def word_matrix(texts: Sequence[str]) -> sparse.csr_matrix | None:
    """One L2-normalised row per text, one column per word found in at least two texts and at most
    MAX_SHARE of them, weighted by its inverse document frequency; None when no word qualifies."""
    n = len(texts)
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, text in enumerate(texts):
        for word in words(text):
            rows.append(i)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
    if not cols:
        return None
    rows_a = np.array(rows, dtype=np.int64)
    cols_a = np.array(cols, dtype=np.int64)
    frequency = np.bincount(cols_a, minlength=len(vocabulary))
    kept = (frequency >= 2) & (frequency <= max(2, MAX_SHARE * n))
    if not kept.any():
        return None
    column = np.cumsum(kept) - 1
    mask = kept[cols_a]
    idf = np.log(n / frequency[kept])
    matrix = sparse.csr_matrix(
        (idf[column[cols_a[mask]]], (rows_a[mask], column[cols_a[mask]])),
        shape=(n, int(kept.sum())),
        dtype=np.float64,
    )
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    matrix = sparse.diags(np.divide(1.0, norms, out=np.zeros(n), where=norms > 0)) @ matrix
    return matrix.tocsr()
