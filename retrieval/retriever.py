"""Hybrid retrieval: dense search in Chroma plus BM25 over passages, fused by rank.

Dense search runs over *pieces* (sentences, long ones cut at clauses) and scores a passage by its best
piece, which finds the one line that answers a question even inside a long comment. BM25 runs over
passages (with the story title folded in, so it also tells stories apart). Reciprocal rank fusion merges
the two rankings.

Each returned Document carries, in its metadata, the similarity of every one of its sentences to the
question, so the answer step can pick sentences without embedding anything again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from retrieval.index.passage import Passage
from retrieval.index.snapshot import Snapshot
from retrieval.index.store import ChromaStore, PieceHit
from retrieval.text import terms

QUERY_VECTORS = 32  # questions' vectors remembered: a few answers' worth of searches


def reciprocal_rank_fusion(rankings: list[list[str]], k: int) -> dict[str, float]:
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, key in enumerate(ranking):
            fused[key] = fused.get(key, 0.0) + 1.0 / (k + rank + 1)
    return fused


def _sentence_similarities(passage: Passage, piece_sims: dict[str, float]) -> list[float]:
    """A sentence is as close to the question as its closest piece."""
    sims = [0.0] * len(passage.sentences)
    for pid, (_, _, sentence) in zip(passage.piece_record_ids(), passage.pieces):
        sims[sentence] = max(sims[sentence], piece_sims.get(pid, 0.0))
    return sims


class HybridRetriever(BaseRetriever):
    """Passages for a question from one pinned snapshot. Call as ``retriever.invoke(question,
    snapshot=snapshot, story=None, context="", kind=None, within=None)``: ``kind`` keeps one kind of
    passage ("article" or "comment"); ``within`` ranks only the passages given (one reader's comments)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: ChromaStore
    embeddings: Embeddings
    dense_candidates: int = 40
    sparse_candidates: int = 30
    rrf_k: int = 60
    passages: int = 6
    # Places kept for the article's own best passages: with hundreds of comments against a few article
    # passages, the fused list alone can leave the article out of a question about it.
    article_places: int = 2
    _article_cache: tuple[int, tuple[list[str], np.ndarray, list[str]]] | None = None
    _query_vectors: Callable[[str], np.ndarray] | None = None

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        snapshot: Snapshot,
        story: str | None = None,
        context: str = "",
        kind: str | None = None,
        within: list[Passage] | None = None,
        limit: int | None = None,
        **_: Any,
    ) -> list[Document]:
        if story is not None:
            snapshot.require_story(story)
        search_text = f"{context}\n{query}".strip() if context else query
        vector = self._query_vector(search_text)
        if within is not None:
            return self._documents(self._nearest(within, vector), vector, {}, {}, {})

        ranked = self._ranked(snapshot, vector, search_text, story, kind)
        limit = limit or self.passages
        chosen = ranked.order[:limit]
        if kind is None and self.article_places:
            article = self._ranked(snapshot, vector, search_text, story, "article")
            best_of_article = article.order[: self.article_places]
            missing = [rid for rid in best_of_article if rid not in chosen]
            # Room is made at the bottom of the fused list, never by dropping an article passage that is
            # one of the article's best already (it would be swapped for the other one).
            spare = [rid for rid in reversed(chosen) if rid not in best_of_article]
            dropped = set(spare[: len(chosen) + len(missing) - limit])
            chosen = [rid for rid in chosen if rid not in dropped] + missing
            ranked.merge(article)
        passages = [snapshot.passages[snapshot.by_id[rid]] for rid in chosen]
        return self._documents(passages, vector, ranked.fused, ranked.dense, ranked.sparse, ranked.vectors)

    def _query_vector(self, text: str) -> np.ndarray:
        """``text``'s vector, remembered for the last few searches: a "now" question searches the same words
        twice (all stories, then the newest story on it) and embeds them once. (Never written to.)"""
        if self._query_vectors is None:
            embed = self.embeddings.embed_query
            self._query_vectors = lru_cache(maxsize=QUERY_VECTORS)(
                lambda t: np.asarray(embed(t), dtype=np.float32)
            )
        return self._query_vectors(text)

    def _ranked(
        self, snapshot: Snapshot, vector: np.ndarray, search_text: str, story: str | None, kind: str | None
    ) -> _Ranking:
        if kind == "article":
            hits = self._article_hits(snapshot, vector, story)
        else:
            hits = self.store.search_pieces(
                vector.tolist(), snapshot.generation, self.dense_candidates, story, kind
            )
        ranking = _Ranking()
        for hit in hits:
            if hit.chunk_record_id not in snapshot.by_id:
                continue
            ranking.piece_sims[hit.record_id] = hit.similarity
            ranking.vectors[hit.record_id] = hit.vector
            ranking.dense[hit.chunk_record_id] = max(
                ranking.dense.get(hit.chunk_record_id, -1.0), hit.similarity
            )
        dense_order = sorted(ranking.dense, key=ranking.dense.__getitem__, reverse=True)
        sparse = snapshot.bm25(terms(search_text), self.sparse_candidates, story, kind)
        ranking.sparse = {snapshot.passages[i].record_id: score for i, score in sparse}
        ranking.fused = reciprocal_rank_fusion([dense_order, list(ranking.sparse)], self.rrf_k)
        ranking.order = sorted(ranking.fused, key=ranking.fused.__getitem__, reverse=True)
        return ranking

    def _article_hits(self, snapshot: Snapshot, vector: np.ndarray, story: str | None) -> list[PieceHit]:
        """The article pieces nearest the question, searched in memory: the article is small beside its
        comments, and its piece vectors are fetched once per served generation (a filtered Chroma query
        would cost a request per question and fails on records a crash left half-written)."""
        ids, matrix, chunks = self._article_matrix(snapshot)
        if not ids:
            return []
        sims = matrix @ vector
        if story is not None:
            sims = np.where([snapshot.passages[snapshot.by_id[c]].story == story for c in chunks], sims, -1.0)
        top = np.argsort(-sims)[: self.dense_candidates]
        return [PieceHit(ids[i], chunks[i], float(sims[i]), matrix[i]) for i in top if sims[i] > -1.0]

    def _article_matrix(self, snapshot: Snapshot) -> tuple[list[str], np.ndarray, list[str]]:
        cached = self._article_cache
        if cached is not None and cached[0] == snapshot.generation:
            return cached[1]
        pieces = [
            (pid, p.record_id)
            for p in snapshot.passages
            if p.kind == "article"
            for pid in p.piece_record_ids()
        ]
        found = self.store.piece_vectors([pid for pid, _ in pieces])
        kept = [(pid, chunk) for pid, chunk in pieces if pid in found]
        matrix = np.stack([found[pid] for pid, _ in kept]) if kept else np.zeros((0, 1), dtype=np.float32)
        value = ([pid for pid, _ in kept], matrix, [chunk for _, chunk in kept])
        self._article_cache = (snapshot.generation, value)
        return value

    def _nearest(self, passages: list[Passage], vector: np.ndarray) -> list[Passage]:
        """The passages nearest the question first (by their best piece)."""
        found = self.store.piece_vectors([pid for p in passages for pid in p.piece_record_ids()])

        def best(p: Passage) -> float:
            sims = [float(np.dot(vector, found[pid])) for pid in p.piece_record_ids() if pid in found]
            return max(sims, default=0.0)

        return sorted(passages, key=best, reverse=True)[: self.passages]

    def _documents(
        self,
        passages: list[Passage],
        vector: np.ndarray,
        fused: dict[str, float],
        dense: dict[str, float],
        sparse: dict[str, float],
        vectors: dict[str, np.ndarray] | None = None,
    ) -> list[Document]:
        """The chosen passages as Documents carrying every sentence's similarity to the question and every
        piece vector (search returned some; the rest in one request): the answer step scores all their
        sentences, and a model's answer is checked against them."""
        vectors = dict(vectors or {})
        missing = [pid for p in passages for pid in p.piece_record_ids() if pid not in vectors]
        vectors.update(self.store.piece_vectors(missing))
        piece_sims = {pid: float(np.dot(vector, pv)) for pid, pv in vectors.items()}
        return [
            p.document(
                rank=rank,
                fused=fused.get(p.record_id, 0.0),
                dense=dense.get(p.record_id, 0.0),
                bm25=sparse.get(p.record_id, 0.0),
                sentence_sims=_sentence_similarities(p, piece_sims),
            )
            for rank, p in enumerate(passages)
        ]


@dataclass
class _Ranking:
    """One search's results: passages in fused order, with their dense, BM25 and fused scores."""

    order: list[str] = field(default_factory=list)
    fused: dict[str, float] = field(default_factory=dict)
    dense: dict[str, float] = field(default_factory=dict)
    sparse: dict[str, float] = field(default_factory=dict)
    piece_sims: dict[str, float] = field(default_factory=dict)
    vectors: dict[str, np.ndarray] = field(default_factory=dict)

    def merge(self, other: _Ranking) -> None:
        """Take in another search's scores where this one has none (the article-only search's)."""
        for mine, theirs in (
            (self.fused, other.fused),
            (self.dense, other.dense),
            (self.sparse, other.sparse),
            (self.piece_sims, other.piece_sims),
            (self.vectors, other.vectors),
        ):
            for key, value in theirs.items():
                mine.setdefault(key, value)
