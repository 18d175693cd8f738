"""The sparse BM25 scores every passage exactly as rank_bm25's BM25Okapi did."""

from __future__ import annotations

import random

import numpy as np
from rank_bm25 import BM25Okapi

from retrieval.index.lexical import LexicalIndex


def test_scores_and_idf_match_rank_bm25_on_a_random_corpus():
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(60)] + ["common"] * 40  # "common" is in most passages
    documents = [[rng.choice(vocabulary) for _ in range(rng.randint(0, 30))] for _ in range(300)]
    reference = BM25Okapi(documents)
    index = LexicalIndex(documents)
    for query in (["w1"], ["w2", "w3", "w2"], ["common", "w5"], ["nowhere"], ["w7", "nowhere"], []):
        assert np.allclose(index.scores(query), reference.get_scores(query))
    assert index.idf == reference.idf
