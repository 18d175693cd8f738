"""A passage decodes its offsets once, and one answer reads each piece vector from the store at most once."""

from __future__ import annotations

import numpy as np

from retrieval.chunking import chunk_story
from retrieval.corpus.loader import load_story
from retrieval.index.passage import Passage, PieceVectors
from tests.support.paths import CORPUS


def test_a_stored_chunk_reads_back_as_the_passage_it_was_cut_as():
    chunk = chunk_story(load_story(CORPUS / "iraq-coalition-letter.txt"), chunk_size=700)[0]
    passage = Passage.from_record(chunk.record_id, chunk.text, chunk.metadata())
    assert passage.sentences == chunk.sentences
    assert passage.pieces == chunk.pieces
    assert passage.sentence_roles() == (list(chunk.roles) or ["body"] * len(chunk.sentences))
    # The offsets are fields now; nothing downstream sees them as JSON strings.
    assert not {"sents", "pieces", "roles"} & set(passage.metadata)
    document = passage.document(rank=0)
    assert document.metadata["piece_spans"] == chunk.pieces and document.metadata["rank"] == 0
    assert all(not isinstance(v, np.ndarray) for v in document.metadata.values())


def test_piece_vectors_are_fetched_once_and_the_oldest_forgotten_first():
    asked: list[list[str]] = []

    def fetch(ids):
        asked.append(list(ids))
        return {i: np.full(2, float(i[-1]), dtype=np.float32) for i in ids if not i.endswith("9")}

    vectors = PieceVectors(fetch, capacity=3)
    assert set(vectors.get(["a.1", "a.2", "a.9"])) == {"a.1", "a.2"}  # a.9 cannot be read
    assert set(vectors.get(["a.1", "a.2"])) == {"a.1", "a.2"}
    assert asked == [["a.1", "a.2", "a.9"]]
    vectors.remember({"b.3": np.zeros(2), "b.4": np.zeros(2)})  # a.1 was used least recently
    vectors.get(["a.1"])
    assert asked[-1] == ["a.1"]
