"""BM25's top passages are selected, not sorted: the same passages in the same order as a full sort."""

from __future__ import annotations

import numpy as np

from retrieval.index.lexical import LexicalIndex, best


def test_best_matches_a_full_sort() -> None:
    rng = np.random.default_rng(3)
    for size, n in ((0, 5), (10, 30), (1000, 30), (100_000, 30), (50, 0)):
        scores = np.where(rng.random(size) < 0.3, rng.random(size), 0.0)
        expected = [i for i in np.argsort(-scores, kind="stable")[:n] if scores[i] > 0]
        assert best(scores, n).tolist() == expected


def test_ties_keep_passage_order() -> None:
    assert best(np.array([0.0, 2.0, 1.0, 2.0, 2.0]), 2).tolist() == [1, 3]
    assert best(np.array([1.0, 2.0, 1.0, 3.0, 1.0, 1.0]), 4).tolist() == [3, 1, 0, 2]
    tied = np.repeat([1.0, 2.0], 5000)
    assert best(tied, 30).tolist() == list(range(5000, 5030))


def test_max_idf_is_the_rarest_terms() -> None:
    index = LexicalIndex([["a", "b"], ["a"], ["c"]])
    assert index.max_idf == max(index.idf.values())
