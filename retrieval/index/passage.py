"""A passage: one chunk as the store holds it, from the index to the citation, and the vectors of its pieces.

``Chunk`` (chunking.py) is a passage being cut from a story; once written, everything that reads the
store (reloads, serving, answers, summaries) sees a ``Passage``. Chroma metadata holds only scalars, so
the sentence and piece offsets travel there as JSON; they are decoded here, once, and nowhere else.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from langchain_core.documents import Document

from retrieval.chunking import sentence_roles
from retrieval.corpus.roles import Role

# Metadata that exists only to carry the offsets through Chroma: decoded into fields, then dropped.
_ENCODED = ("sents", "pieces", "roles")


@dataclass(frozen=True)
class Passage:
    """A chunk as stored: its text, its scalar metadata, its sentences' offsets and its embedding pieces."""

    record_id: str
    text: str
    metadata: dict
    sentences: tuple[tuple[int, int], ...]
    pieces: tuple[tuple[int, int, int], ...]  # (start, end, sentence number) within ``text``
    roles: tuple[Role, ...] = ()  # each sentence's role (see retrieval.corpus.roles); () when all are body

    @property
    def story(self) -> str:
        return self.metadata["story"]

    @property
    def kind(self) -> str:
        return self.metadata["kind"]

    @property
    def piece_count(self) -> int:
        return len(self.pieces)

    def sentence_roles(self) -> list[Role]:
        return list(self.roles) or ["body"] * len(self.sentences)

    def piece_record_ids(self) -> list[str]:
        return piece_ids(self.record_id, len(self.pieces))

    def document(self, **extra: object) -> Document:
        """The passage as LangChain's Document: what prompts, sentence scoring and the citation check read
        (offsets decoded, no vectors: those come from ``PieceVectors``)."""
        metadata = {
            **self.metadata,
            "record_id": self.record_id,
            "sentence_spans": self.sentences,
            "piece_spans": self.pieces,
            "sentence_roles": self.sentence_roles(),
            **extra,
        }
        return Document(id=self.record_id, page_content=self.text, metadata=metadata)

    @classmethod
    def from_record(cls, record_id: str, text: str, metadata: dict) -> Passage:
        """Decode a Chroma record (its metadata as ``Chunk.metadata()`` wrote it)."""
        sentences = tuple((a, b) for a, b in json.loads(metadata["sents"]))
        pieces = tuple((a, b, n) for a, b, n in json.loads(metadata["pieces"]))
        plain = {k: v for k, v in metadata.items() if k not in _ENCODED}
        return cls(record_id, text, plain, sentences, pieces, tuple(sentence_roles(metadata, len(sentences))))


def opens_with_headline(metadata: Mapping[str, object]) -> bool:
    """The passage (by its metadata, a Passage's or a Document's) opens with its story's headline: its
    first sentence is the headline."""
    return "headline" in str(metadata.get("lead", "")).split(",")


def piece_ids(record_id: str, count: int) -> list[str]:
    return [f"{record_id}.{i}" for i in range(count)]


class PieceVectors:
    """Piece vectors by piece id, remembered (least recently used first out) so that one answer's
    retrieval, scoring and citation check read each vector from Chroma at most once.

    A piece id names its chunk's content (text and metadata hash), so a remembered vector never goes stale.
    """

    def __init__(
        self, fetch: Callable[[Sequence[str]], dict[str, np.ndarray]], capacity: int = 20_000
    ) -> None:
        self._fetch = fetch
        self._capacity = capacity
        self._known: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, vectors: dict[str, np.ndarray]) -> None:
        with self._lock:
            for pid, vector in vectors.items():
                self._known[pid] = vector
                self._known.move_to_end(pid)
            while len(self._known) > self._capacity:
                self._known.popitem(last=False)

    def get(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The vectors of ``ids`` that can be read (unreadable ones are left out)."""
        with self._lock:
            found = {pid: self._known[pid] for pid in ids if pid in self._known}
            for pid in found:
                self._known.move_to_end(pid)
        missing = [pid for pid in dict.fromkeys(ids) if pid not in found]
        if missing:
            fetched = self._fetch(missing)
            self.remember(fetched)
            found.update(fetched)
        return found

    def stack(self, passage: Passage, dimension: int) -> np.ndarray:
        """One row per piece of ``passage`` (zeros for a piece whose vector cannot be read)."""
        found = self.get(passage.piece_record_ids())
        missing = np.zeros(dimension, dtype=np.float32)
        return np.stack([found.get(pid, missing) for pid in passage.piece_record_ids()])
