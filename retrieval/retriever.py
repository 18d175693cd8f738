"""Hybrid retrieval: dense search in Chroma plus BM25 over passages, fused by rank.

Dense search runs over *pieces* (sentences, long ones cut at clauses) and scores a passage by its best
piece, which finds the one line that answers a question even inside a long comment. BM25 runs over
passages (with the story title folded in, so it also tells stories apart). Reciprocal rank fusion merges
the two rankings.

Each returned Document carries, in its metadata, the similarity of every one of its sentences to the
question, so the answer step can pick sentences without embedding anything again.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from retrieval.index.snapshot import Passage, Snapshot
from retrieval.index.store import ChromaStore
from retrieval.text import terms


def reciprocal_rank_fusion(rankings: list[list[str]], k: int) -> dict[str, float]:
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, key in enumerate(ranking):
            fused[key] = fused.get(key, 0.0) + 1.0 / (k + rank + 1)
    return fused


def _stack(passage: Passage, vectors: dict[str, np.ndarray], dimension: int) -> np.ndarray:
    """A passage's piece vectors in order (zeros for any the store could not return)."""
    missing = np.zeros(dimension, dtype=np.float32)
    return np.stack([vectors.get(pid, missing) for pid in passage.piece_record_ids()])


def _sentence_similarities(passage: Passage, piece_sims: dict[str, float]) -> list[float]:
    """A sentence is as close to the question as its closest piece."""
    sims = [0.0] * len(passage.sentences)
    for pid, (_, _, sentence) in zip(passage.piece_record_ids(), passage.pieces):
        sims[sentence] = max(sims[sentence], piece_sims.get(pid, 0.0))
    return sims


class HybridRetriever(BaseRetriever):
    """Passages for a question from one pinned snapshot. Call as
    ``retriever.invoke(question, snapshot=snapshot, story=None, context="")``."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: ChromaStore
    embeddings: Embeddings
    dense_candidates: int = 40
    sparse_candidates: int = 30
    rrf_k: int = 60
    passages: int = 6

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        snapshot: Snapshot,
        story: str | None = None,
        context: str = "",
        **_: Any,
    ) -> list[Document]:
        if story is not None:
            snapshot.require_story(story)
        search_text = f"{context}\n{query}".strip() if context else query
        vector = np.asarray(self.embeddings.embed_query(search_text), dtype=np.float32)

        hits = self.store.search_pieces(vector.tolist(), snapshot.generation, self.dense_candidates, story)
        best_dense: dict[str, float] = {}
        piece_sims: dict[str, float] = {}
        vectors: dict[str, np.ndarray] = {}
        for hit in hits:
            if hit.chunk_record_id not in snapshot.by_id:
                continue
            piece_sims[hit.record_id] = hit.similarity
            vectors[hit.record_id] = hit.vector
            best_dense[hit.chunk_record_id] = max(best_dense.get(hit.chunk_record_id, -1.0), hit.similarity)
        dense_ranking = sorted(best_dense, key=best_dense.__getitem__, reverse=True)

        sparse = snapshot.bm25(terms(search_text), self.sparse_candidates, story)
        sparse_ranking = [snapshot.passages[i].record_id for i, _ in sparse]
        sparse_scores = {snapshot.passages[i].record_id: score for i, score in sparse}

        fused = reciprocal_rank_fusion([dense_ranking, sparse_ranking], self.rrf_k)
        chosen = sorted(fused, key=fused.__getitem__, reverse=True)[: self.passages]
        passages = [snapshot.passages[snapshot.by_id[rid]] for rid in chosen]

        # Every piece vector of the chosen passages (search returned some; the rest in one request): the
        # answer step scores all their sentences, and a model's answer is checked against them.
        missing = [pid for p in passages for pid in p.piece_record_ids() if pid not in vectors]
        fetched = self.store.piece_vectors(missing)
        vectors.update(fetched)
        piece_sims.update((pid, float(np.dot(vector, pv))) for pid, pv in fetched.items())

        documents = []
        for rank, p in enumerate(passages):
            documents.append(
                Document(
                    id=p.record_id,
                    page_content=p.text,
                    metadata={
                        **p.metadata,
                        "record_id": p.record_id,
                        "rank": rank,
                        "fused": fused[p.record_id],
                        "dense": best_dense.get(p.record_id, 0.0),
                        "bm25": sparse_scores.get(p.record_id, 0.0),
                        "sentence_spans": p.sentences,
                        "sentence_sims": _sentence_similarities(p, piece_sims),
                        "piece_vectors": _stack(p, vectors, vector.shape[0]),
                    },
                )
            )
        return documents
