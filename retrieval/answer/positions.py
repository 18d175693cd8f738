"""Readers' positions: a story's comments grouped by meaning, each group stated by one short sentence.

Comments are clustered on their vectors (the mean of their sentences', fetched from the index, never
re-embedded). A group is a position; its count is how many comments hold it. A short reply ("Agreed.",
"Well said") carries no position of its own: it is not clustered, but it counts towards the group of the
comment it answers. The sentence that states a group is its most central *short* sentence (at most
``POINT_MAX_WORDS`` words) from a comment of at least ``REPLY_MIN_WORDS`` words, not an opening like
"Yep," or "@Name:" that needs the comment it answers; votes, when the story carries them, break near-ties.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.answer.summary import Point, SentenceRef, VectorSource, own_words, story_sentences
from retrieval.index.passage import Passage
from retrieval.text import words

POINT_MAX_WORDS = 25
REPLY_MIN_WORDS = 8
MAX_GROUPS = 8
FEW_COMMENTS = 3
# Sentences this close to the best in centrality are a tie; the one readers voted up most wins.
TIE = 0.03
# Openings that lean on the comment being answered, or hedge: a position reads better without them.
_LEANING = re.compile(
    r"^(?:@\S+|[\w .'-]{2,30}:\s|(?:yes|yep|yeah|no|nope|agreed|exactly|indeed|lol|ha\w*|well|so|and|but|"
    r"or|also|then|right|true|sure|ok|okay|wow|oh|this|that|it|they|he|she|you|your|these|those)\b|[-•*>])",
    re.IGNORECASE,
)
# A comment sentence this near an article sentence (cosine) repeats it.
QUOTES_ARTICLE = 0.9
OWN_WORDS_MIN = 5
OPENING_PENALTY = 0.08
QUESTION_PENALTY = 0.05


@dataclass(frozen=True)
class Positions:
    """Every position of a story's readers, largest first, and what it was built from."""

    points: tuple[Point, ...]
    sentences: tuple[SentenceRef, ...]  # every usable comment sentence, with its vector
    label_of: Mapping[int, int]  # comment number -> index of its position in ``points``
    # Comment sentences that repeat one of the article's (by record id and sentence number): a reader
    # quoting the piece is not stating a position.
    quoting: frozenset[tuple[str, int]] = frozenset()

    def own(self, pool: Sequence[SentenceRef]) -> list[SentenceRef]:
        return [s for s in pool if (s.passage.record_id, s.index) not in self.quoting]


def votes(metadata: Mapping[str, object]) -> int:
    """A comment's net votes (up minus down), when its story carries them: chunk metadata ``votes``."""
    raw = metadata.get("votes")
    if isinstance(raw, bool):
        return 0
    if isinstance(raw, (int, float)):
        return int(raw)
    if isinstance(raw, str) and re.fullmatch(r"\s*-?\d+\s*", raw):
        return int(raw)
    return 0


def _comment_words(passages: Sequence[Passage]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for p in passages:
        number = int(p.metadata.get("comment", 0))
        counts[number] = counts.get(number, 0) + words(p.text)
    return counts


def _in_own_words(text: str) -> bool:
    """Mostly the reader's own words, not a quotation of the article or of another reader."""
    own = own_words(text)
    return own >= OWN_WORDS_MIN and own * 2 >= words(text)


def _statement_score(sentence: SentenceRef, centre: np.ndarray) -> float:
    score = float(sentence.vector @ centre)
    if _LEANING.match(sentence.text):
        score -= OPENING_PENALTY
    if sentence.text.rstrip("”\"' ").endswith("?"):
        score -= QUESTION_PENALTY
    return score


def statement(pool: Sequence[SentenceRef], centre: np.ndarray) -> SentenceRef | None:
    """The sentence that best states what ``pool`` shares: central, short, standing on its own; the most
    voted of near-ties. Only when no sentence is short enough does a long one stand in."""
    own = [s for s in pool if _in_own_words(s.text)] or list(pool)
    short = [s for s in own if words(s.text) <= POINT_MAX_WORDS] or own
    if not short:
        return None
    scored = sorted(((_statement_score(s, centre), s) for s in short), key=lambda t: -t[0])
    best = scored[0][0]
    tied = [s for score, s in scored if score >= best - TIE]
    return max(tied, key=lambda s: (votes(s.passage.metadata), _statement_score(s, centre)))


def _quoting(sentences: Sequence[SentenceRef], article: Sequence[SentenceRef]) -> frozenset[tuple[str, int]]:
    if not sentences or not article:
        return frozenset()
    near = (np.stack([s.vector for s in sentences]) @ np.stack([a.vector for a in article]).T).max(axis=1)
    return frozenset(
        (s.passage.record_id, s.index) for s, value in zip(sentences, near) if value >= QUOTES_ARTICLE
    )


def reader_positions(
    passages: Sequence[Passage],
    vectors: VectorSource,
    article: Sequence[SentenceRef] = (),
    seed: int = 0,
) -> Positions:
    """Cluster the comments of one story (``passages``: its passages; ``article``: its article's
    sentences, which readers may quote) into positions."""
    comments = [p for p in passages if p.metadata.get("section") == "comment"]
    sentences = story_sentences(comments, vectors)
    quoting = _quoting(sentences, article)
    length = _comment_words(comments)
    by_comment: dict[int, list[SentenceRef]] = {}
    for s in sentences:
        number = int(s.passage.metadata.get("comment", 0))
        if length.get(number, 0) >= REPLY_MIN_WORDS:
            by_comment.setdefault(number, []).append(s)
    numbers = sorted(by_comment)
    if not numbers:
        return Positions((), tuple(sentences), {}, quoting)
    centres = np.stack([np.mean([s.vector for s in by_comment[n]], axis=0) for n in numbers])
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    labels = _cluster(centres, seed)

    label_of = {n: int(label) for n, label in zip(numbers, labels)}
    # A short reply holds its parent's position: it counts there, though it says too little to cluster.
    extra: dict[int, int] = {}
    for p in comments:
        number, parent = int(p.metadata.get("comment", 0)), p.metadata.get("reply_to")
        if number not in label_of and length.get(number, 0) < REPLY_MIN_WORDS and parent in label_of:
            extra[label_of[int(parent)]] = extra.get(label_of[int(parent)], 0) + 1

    found = []
    for label in np.unique(labels):
        indexes = np.flatnonzero(labels == label)
        centre = centres[indexes].mean(axis=0)
        centre /= np.linalg.norm(centre) or 1.0
        members = [numbers[i] for i in sorted(indexes, key=lambda i: -float(centres[i] @ centre))]
        pool = [s for n in members for s in by_comment[n]]
        best = statement([s for s in pool if (s.passage.record_id, s.index) not in quoting] or pool, centre)
        if best is not None:
            size = len(members) + extra.get(int(label), 0)
            found.append((int(label), Point((best,), size=size, comments=tuple(members))))
    found.sort(key=lambda t: (-t[1].size, min(t[1].comments)))
    order = {label: i for i, (label, _) in enumerate(found)}
    return Positions(
        tuple(p for _, p in found),
        tuple(sentences),
        {n: order[label] for n, label in label_of.items() if label in order},
        quoting,
    )


def _cluster(centres: np.ndarray, seed: int) -> np.ndarray:
    """k-means labels: about sqrt(n/2) groups (2 to ``MAX_GROUPS``), so a group is one position and not
    a topic shared by half the thread; each comment its own when there are only a few."""
    count = len(centres)
    if count <= FEW_COMMENTS:
        return np.arange(count)
    from sklearn.cluster import KMeans

    clusters = min(MAX_GROUPS, max(2, round(math.sqrt(count / 2))))
    return KMeans(n_clusters=clusters, n_init=4, random_state=seed).fit_predict(centres)
