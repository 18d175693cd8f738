"""The torch-only all-MiniLM-L6-v2 (retrieval/minilm.py) gives sentence-transformers' vectors: an index built
with either answers the other's questions the same way."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.embeddings import local_model_path
from retrieval.minilm import MiniLMEmbeddings

TEXTS = [
    "Who wrote the letter?",
    "  surrounded by spaces  ",
    "",
    "Ünïcödé — “quotes”, 2026, ☃ and 漢字",
    "A long text that is cut at 256 tokens. " * 60,
]


def test_same_vectors_as_sentence_transformers() -> None:
    st = pytest.importorskip("sentence_transformers")
    path = local_model_path()
    ours = MiniLMEmbeddings(path, batch_size=2)
    expected = st.SentenceTransformer(str(path), device="cpu").encode(TEXTS, normalize_embeddings=True)
    documents = np.array(ours.embed_documents(TEXTS))
    assert documents.shape == (len(TEXTS), 384)
    assert np.abs(documents - expected).max() < 1e-5
    assert np.abs(np.array(ours.embed_query(TEXTS[0])) - expected[0]).max() < 1e-5
    assert ours.embed_documents([]) == []


def test_nothing_loads_before_the_first_text() -> None:
    assert MiniLMEmbeddings(local_model_path())._model is None
