"""BM25 over a snapshot's passages as one sparse matrix: a question costs the postings of its own terms, not
a pass over every passage (rank_bm25 rescored every document in Python, O(corpus) per question).

The scoring is Okapi BM25 exactly as rank_bm25's ``BM25Okapi`` computes it (k1 1.5, b 0.75, an idf floor of
a quarter of the mean idf for terms in more than half the passages), so rankings did not change with it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

K1 = 1.5
B = 0.75
EPSILON = 0.25


class LexicalIndex:
    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        self.size = len(documents)
        self._column: dict[str, int] = {}
        document_frequency: Counter[str] = Counter()
        rows, columns, counts = [], [], []
        lengths = np.zeros(self.size, dtype=np.float64)
        for row, tokens in enumerate(documents):
            lengths[row] = len(tokens)
            for term, count in Counter(tokens).items():
                rows.append(row)
                columns.append(self._column.setdefault(term, len(self._column)))
                counts.append(count)
                document_frequency[term] += 1
        self.idf = _okapi_idf(document_frequency, self.size)
        # What a term the corpus never uses weighs (see Snapshot.idf): once, not a pass over the vocabulary
        # for each such term of each question.
        self.max_idf = max(self.idf.values(), default=1.0)
        self._idf_of_column = np.array([self.idf[t] for t in self._column], dtype=np.float64)
        # Each posting's term-frequency part of BM25, computed once: a question only sums columns.
        tf = np.asarray(counts, dtype=np.float64)
        average = float(lengths.mean()) if self.size else 0.0
        norm = K1 * (1 - B + B * lengths[np.asarray(rows, dtype=np.int64)] / (average or 1.0))
        weights = tf * (K1 + 1) / (tf + norm) if counts else tf
        self._weights = sparse.csc_matrix(
            (weights, (rows, columns)), shape=(self.size, len(self._column)), dtype=np.float64
        )

    def scores(self, query: Sequence[str]) -> np.ndarray:
        """Every passage's BM25 score for ``query`` (a term asked twice counts twice, as in rank_bm25)."""
        asked = Counter(t for t in query if t in self._column)
        if not asked:
            return np.zeros(self.size)
        columns = [self._column[t] for t in asked]
        weights = self._idf_of_column[columns] * np.array(list(asked.values()), dtype=np.float64)
        return np.asarray(self._weights[:, columns] @ weights).ravel()


def best(scores: np.ndarray, n: int) -> np.ndarray:
    """The indices of the ``n`` highest positive scores, best first (ties in index order).

    Only passages holding a question term score above zero, and only the best ``n`` are kept: they are
    selected (linear) rather than every passage of the corpus sorted per question (n log n, about 10 ms
    over 100k passages)."""
    found = np.flatnonzero(scores > 0)
    if n <= 0:
        return found[:0]
    if len(found) > n:
        kept = scores[found]
        nth = -np.partition(-kept, n - 1)[n - 1]  # the n-th highest score
        above = found[kept > nth]
        found = np.concatenate([above, found[kept == nth][: n - len(above)]])  # ties: the first passages
    return found[np.lexsort((found, -scores[found]))]


def _okapi_idf(document_frequency: Counter[str], size: int) -> dict[str, float]:
    idf = {t: math.log(size - n + 0.5) - math.log(n + 0.5) for t, n in document_frequency.items()}
    if not idf:
        return idf
    floor = EPSILON * (sum(idf.values()) / len(idf))
    return {t: (floor if value < 0 else value) for t, value in idf.items()}
