"""Offline summaries, built from the story's own sentences and cited.

Article: the sentences most central to the article (nearest the mean of its sentence vectors), with a
nudge towards the lead, picked with maximal marginal relevance so they do not repeat each other.

Comments: readers' comments grouped by meaning (k-means on their vectors); each group becomes a point
with its size and the sentence nearest its centre, quoted as a reader's claim.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.answer.framing import quote
from retrieval.answer.untrusted import is_instruction_like, neutralise
from retrieval.chunking import sentence_roles
from retrieval.corpus.forum_txt import looks_like_heading
from retrieval.index.snapshot import Passage, Snapshot
from retrieval.text import words

LEAD_WEIGHT = 0.15
MMR_LAMBDA = 0.7
MIN_WORDS = 6

# Fetches piece vectors by record id.
VectorSource = Callable[[Sequence[str]], dict[str, np.ndarray]]


@dataclass(frozen=True)
class SentenceRef:
    passage: Passage
    index: int
    text: str
    vector: np.ndarray


@dataclass(frozen=True)
class Point:
    """A summary point before citation numbering: sentences and the passages they come from."""

    sentences: tuple[SentenceRef, ...]
    size: int = 1
    comments: tuple[int, ...] = ()  # the group's comment numbers, nearest the group's centre first


def _sentences(passages: Sequence[Passage], vectors: VectorSource) -> list[SentenceRef]:
    """Every summary-worthy sentence, with its vector (the normalised mean of its pieces')."""
    found = vectors([pid for p in passages for pid in p.piece_record_ids()])
    out = []
    for p in passages:
        parts: dict[int, list[np.ndarray]] = {}
        for pid, (_, _, sentence) in zip(p.piece_record_ids(), p.pieces):
            if pid in found:
                parts.setdefault(sentence, []).append(found[pid])
        roles = sentence_roles(p.metadata, len(p.sentences))
        for i, (start, end) in enumerate(p.sentences):
            text = p.text[start:end].strip()
            # Instruction-like comment sentences are never a summary's representative quote; subheads,
            # captions and boilerplate are never a point.
            usable = (
                roles[i] == "body"
                and words(text) >= MIN_WORDS
                and not looks_like_heading(text)
                and not is_instruction_like(text)
            )
            if i in parts and usable:
                mean = np.mean(parts[i], axis=0)
                out.append(SentenceRef(p, i, text, mean / (np.linalg.norm(mean) or 1.0)))
    return out


def _mmr(scores: np.ndarray, matrix: np.ndarray, k: int) -> list[int]:
    chosen: list[int] = []
    remaining = list(range(len(scores)))
    while remaining and len(chosen) < k:
        if chosen:
            redundancy = (matrix[remaining] @ matrix[chosen].T).max(axis=1)
        else:
            redundancy = np.zeros(len(remaining))
        values = MMR_LAMBDA * scores[remaining] - (1 - MMR_LAMBDA) * redundancy
        pick = remaining[int(np.argmax(values))]
        chosen.append(pick)
        remaining.remove(pick)
    return chosen


def article_points(snapshot: Snapshot, story: str, vectors: VectorSource, k: int) -> list[Point]:
    passages = [p for p in snapshot.passages if p.story == story and p.metadata.get("section") == "article"]
    sentences = _sentences(passages, vectors)
    if not sentences:
        return []
    matrix = np.stack([s.vector for s in sentences])
    centre = matrix.mean(axis=0)
    centre /= np.linalg.norm(centre) or 1.0
    position = np.linspace(1.0, 0.0, num=len(sentences))
    scores = matrix @ centre + LEAD_WEIGHT * position
    picked = sorted(_mmr(scores, matrix, k))  # reading order
    return [Point((sentences[i],)) for i in picked]


def comment_points(
    snapshot: Snapshot, story: str, vectors: VectorSource, k: int, seed: int = 0
) -> list[Point]:
    passages = [p for p in snapshot.passages if p.story == story and p.metadata.get("section") == "comment"]
    sentences = _sentences(passages, vectors)
    if not sentences:
        return []
    by_comment: dict[int, list[SentenceRef]] = {}
    for s in sentences:
        by_comment.setdefault(int(s.passage.metadata.get("comment", 0)), []).append(s)
    numbers = sorted(by_comment)
    centres = np.stack([np.mean([s.vector for s in by_comment[n]], axis=0) for n in numbers])
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)

    if len(numbers) <= k:
        labels = np.arange(len(numbers))
    else:
        from sklearn.cluster import KMeans

        clusters = min(len(numbers), max(k, round(math.sqrt(len(numbers) / 2))))
        labels = KMeans(n_clusters=clusters, n_init=4, random_state=seed).fit_predict(centres)

    points = []
    for label in np.unique(labels):
        indexes = np.flatnonzero(labels == label)
        centre = centres[indexes].mean(axis=0)
        members = [numbers[i] for i in sorted(indexes, key=lambda i: -float(centres[i] @ centre))]
        pool = [s for n in members for s in by_comment[n]]
        best = max(pool, key=lambda s: float(s.vector @ centre))
        points.append(Point((best,), size=len(members), comments=tuple(members)))
    points.sort(key=lambda p: (-p.size, min(p.comments)))
    return points[:k]


def render_article_point(point: Point, ref_of: Callable[[Passage], int]) -> str:
    return " ".join(f"{s.text} [{ref_of(s.passage)}]" for s in point.sentences)


def render_quote(point: Point, ref_of: Callable[[Passage], int]) -> str:
    """The group's representative sentence, quoted and cited: 'comment 4 by NAME: “...” [3]'."""
    s = point.sentences[0]
    return f"{s.passage.metadata['where']}: {quote(neutralise(s.text))} [{ref_of(s.passage)}]"


def render_comment_point(point: Point, ref_of: Callable[[Passage], int]) -> str:
    s = point.sentences[0]
    where = s.passage.metadata["where"]
    body = f"{quote(neutralise(s.text))} [{ref_of(s.passage)}]"
    if point.size == 1:
        return f"A reader comment ({where}) claims: {body}"
    return f"{point.size} reader comments make this point; {where} puts it: {body}"
