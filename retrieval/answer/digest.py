"""A story's digest for summaries: its article's headline, thesis and points, and its readers' positions.

Clustering a thread of hundreds of comments takes seconds (fetching their vectors, then k-means), so a
digest is built once per story and corpus version and kept: every later summary, "tl;dr" or "what do
readers think" of that story is composed from it in milliseconds. A new corpus version (a reload that
changed something) drops the digests of the old one.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from retrieval.answer.positions import Positions, reader_positions
from retrieval.answer.summary import ArticleDigest, VectorSource, digest_article
from retrieval.index.manifest import StoryEntry
from retrieval.index.passage import Passage
from retrieval.index.snapshot import Snapshot


@dataclass(frozen=True)
class StoryDigest:
    story: str
    entry: StoryEntry | None
    passages: tuple[Passage, ...]
    article: ArticleDigest
    readers: Positions

    @property
    def comment_count(self) -> int:
        return self.entry.comments if self.entry is not None else 0


class DigestCache:
    def __init__(self, vectors: VectorSource, points: int) -> None:
        self.vectors = vectors
        self.points = points
        self._lock = threading.Lock()
        self._digests: dict[tuple[str, str, str], StoryDigest] = {}

    @staticmethod
    def _key(snapshot: Snapshot, story: str) -> tuple[str, str, str]:
        # The fingerprint too: a reload with new chunking settings keeps the corpus version but not
        # the passages a digest cites.
        return (snapshot.corpus_version, snapshot.manifest.fingerprint, story)

    def holds(self, snapshot: Snapshot, story: str) -> bool:
        return self._key(snapshot, story) in self._digests

    def get(self, snapshot: Snapshot, story: str) -> StoryDigest:
        key = self._key(snapshot, story)
        with self._lock:  # one build per story, however many ask at once
            digest = self._digests.get(key)
            if digest is None:
                self._digests = {k: d for k, d in self._digests.items() if k[:2] == key[:2]}
                digest = self._build(snapshot, story)
                self._digests[key] = digest
            return digest

    def _build(self, snapshot: Snapshot, story: str) -> StoryDigest:
        passages = tuple(p for p in snapshot.passages if p.story == story)
        # The article gets points enough to make a summary of any scope; the readers every position.
        article = digest_article(passages, self.vectors, max(self.points, 3))
        quotable = (*article.sentences, *([article.headline] if article.headline else []))
        return StoryDigest(
            story=story,
            entry=snapshot.manifest.story(story),
            passages=passages,
            article=article,
            readers=reader_positions(passages, self.vectors, quotable),
        )
