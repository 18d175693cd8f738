"""Offline summaries of an article, built from its own sentences and cited.

The thesis: the claim the headline makes, as the article states it — the body sentence nearest both the
headline and the article's centre (the mean of its sentence vectors). Points: the thesis first, then the
most central sentences (nudged towards the headline and the lead, and against long sentences), picked
with maximal marginal relevance so they do not repeat each other. Captions, credits, subheads and page
boilerplate (marked at ingest) never make a point; a sentence that leans on the one before ("He said")
or runs long rarely does.

Readers' positions are in ``positions.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.answer.untrusted import is_instruction_like
from retrieval.corpus.roles import looks_like_heading
from retrieval.index.passage import Passage, opens_with_headline
from retrieval.index.snapshot import Snapshot
from retrieval.text import normalise, words

LEAD_WEIGHT = 0.1
HEADLINE_WEIGHT = 0.5
MMR_LAMBDA = 0.7
MIN_WORDS = 6
# A point is one short sentence: beyond this many words a sentence loses a little per word.
SHORT_WORDS = 30
LENGTH_PENALTY = 0.01
# Sentences that lean on the one before ("He is ...", "That was ...", "But thus far ...", "Twenty years
# later, ...") read wrong on their own.
_ANAPHORIC = re.compile(
    r"^[\"“‘']?(?:he|she|they|it|this|that|these|those|his|her|their|its|such|both|there|then|so"
    r"|but|and|yet|or|nor|now|still|also|however|meanwhile|instead|later|afterwards|since then|by then"
    r"|after that|(?:a|an|one|the next|[\w-]+ (?:years?|months?|weeks?|days?|decades?)) later)\b",
    re.IGNORECASE,
)
ANAPHORA_PENALTY = 0.2
# The thesis is read first and alone ("tl;dr", "the author's point"): a sentence leaning on another is
# a poor one, so it loses more there than as a later point.
THESIS_ANAPHORA_PENALTY = 0.25
# A sentence that is mostly a quotation is someone's view the article reports, not the article's claim.
QUOTE_PENALTY = 0.15
# In a column, the thesis is the writer's own claim: a sentence reporting what someone says ("Kasich says
# party and ideology should take a back seat") gives that person's view, whatever the piece argues. (In a
# news report the lede itself often says who said it: there, it is no penalty.)
_REPORTED = re.compile(
    r"\b(?:says|said|argues|argued|told|tells|according to|insists|insisted|claims|claimed|maintains"
    r"|contends)\b",
    re.IGNORECASE,
)
REPORTED_PENALTY = 0.3
# A column speaks in the first person outside quotations ("I caught him at Plymouth State"), at least this
# often; a news report does not.
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|my|me)\b")
COLUMN_FIRST_PERSONS = 2
# A quotation (of a speaker, of the article, of another reader): not the writer's own words.
_QUOTED = re.compile(r"(?<!\w)(['\"“‘])(?:(?!\1).){12,}?(?:\1|[”’])")

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


@dataclass(frozen=True)
class ArticleDigest:
    """What an article's summaries draw on: its headline, its thesis sentence and its points in order of
    importance (the thesis first)."""

    headline: SentenceRef | None
    thesis: SentenceRef | None
    points: tuple[SentenceRef, ...]
    sentences: tuple[SentenceRef, ...]


def _vectors_by_sentence(passage: Passage, found: dict[str, np.ndarray]) -> dict[int, np.ndarray]:
    parts: dict[int, list[np.ndarray]] = {}
    for pid, (_, _, sentence) in zip(passage.piece_record_ids(), passage.pieces):
        if pid in found:
            parts.setdefault(sentence, []).append(found[pid])
    out = {}
    for i, vectors in parts.items():
        mean = np.mean(vectors, axis=0)
        out[i] = mean / (np.linalg.norm(mean) or 1.0)
    return out


def _is_headline(passage: Passage, index: int) -> bool:
    return index == 0 and opens_with_headline(passage.metadata)


def story_sentences(passages: Sequence[Passage], vectors: VectorSource) -> list[SentenceRef]:
    """Every sentence fit to be a summary point, with its vector (the normalised mean of its pieces'):
    body text (no subhead, caption or boilerplate, no headline), long enough, not instruction-like."""
    found = vectors([pid for p in passages for pid in p.piece_record_ids()])
    out = []
    for p in passages:
        by_sentence = _vectors_by_sentence(p, found)
        roles = p.sentence_roles()
        for i, (start, end) in enumerate(p.sentences):
            text = p.text[start:end].strip()
            usable = (
                roles[i] == "body"
                and not _is_headline(p, i)
                and words(text) >= MIN_WORDS
                and not looks_like_heading(text)
                and not is_instruction_like(text)
            )
            if i in by_sentence and usable:
                out.append(SentenceRef(p, i, text, by_sentence[i]))
    return out


def _headline(passages: Sequence[Passage], vectors: VectorSource) -> SentenceRef | None:
    first = next((p for p in passages if p.sentences and _is_headline(p, 0)), None)
    if first is None:
        return None
    vector = _vectors_by_sentence(first, vectors(first.piece_record_ids())).get(0)
    if vector is None:
        return None
    start, end = first.sentences[0]
    return SentenceRef(first, 0, first.text[start:end].strip(), vector)


def _mmr(scores: np.ndarray, matrix: np.ndarray, k: int, chosen: list[int] | None = None) -> list[int]:
    chosen = list(chosen or [])
    remaining = [i for i in range(len(scores)) if i not in chosen]
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


def own_words(text: str) -> int:
    """How many words of ``text`` are the writer's own, outside quotation marks."""
    return words(_QUOTED.sub(" ", text))


def _shape_penalty(sentence: SentenceRef, length: float = LENGTH_PENALTY) -> float:
    """Less for a sentence that will not read well as a point of its own: long, leaning on the last, or
    mostly a quotation."""
    penalty = length * max(0, words(sentence.text) - SHORT_WORDS)
    if _ANAPHORIC.match(sentence.text):
        penalty += ANAPHORA_PENALTY
    if own_words(sentence.text) * 2 < words(sentence.text):
        penalty += QUOTE_PENALTY
    return penalty


def is_column(sentences: Sequence[str]) -> bool:
    """The article is written in the first person, outside its quotations: an opinion column."""
    own = (_QUOTED.sub(" ", normalise(text)) for text in sentences)
    return sum(len(_FIRST_PERSON.findall(text)) for text in own) >= COLUMN_FIRST_PERSONS


def digest_article(passages: Sequence[Passage], vectors: VectorSource, k: int) -> ArticleDigest:
    """The article's headline, thesis and up to ``k`` points, the thesis first (``passages``: the
    article passages of one story, in reading order)."""
    article = [p for p in passages if p.metadata.get("section") == "article"]
    headline = _headline(article, vectors)
    sentences = story_sentences(article, vectors)
    if not sentences:
        return ArticleDigest(headline, None, (), ())
    matrix = np.stack([s.vector for s in sentences])
    centre = matrix.mean(axis=0)
    centre /= np.linalg.norm(centre) or 1.0
    centrality = matrix @ centre
    shape = np.array([_shape_penalty(s) for s in sentences])
    position = np.linspace(1.0, 0.0, num=len(sentences))
    # The thesis states the headline's claim: near the headline and central to the piece, as a news lede
    # is. It may run longer than a point: a lede often does.
    toward = matrix @ headline.vector if headline is not None else np.zeros(len(sentences))
    # In a column, what others say is theirs: neither its thesis nor, as readily, one of its points.
    column = is_column([s.text for s in sentences])
    reported = REPORTED_PENALTY * np.array([column and bool(_REPORTED.search(s.text)) for s in sentences])
    lenient = np.array(
        [
            _shape_penalty(s, LENGTH_PENALTY / 2)
            + (THESIS_ANAPHORA_PENALTY - ANAPHORA_PENALTY) * bool(_ANAPHORIC.match(s.text))
            for s in sentences
        ]
    )
    thesis = int(np.argmax(centrality + toward + LEAD_WEIGHT * position - lenient - reported))
    # The other points stay on the headline's subject too, if less strictly: a column's opening
    # anecdote is central to nothing.
    scores = centrality + HEADLINE_WEIGHT * toward + LEAD_WEIGHT * position - shape - reported
    picked = _mmr(scores, matrix, k, [thesis])
    return ArticleDigest(headline, sentences[thesis], tuple(sentences[i] for i in picked), tuple(sentences))


def article_points(snapshot: Snapshot, story: str, vectors: VectorSource, k: int) -> list[Point]:
    """Up to ``k`` points about the article of ``story``, the thesis first."""
    passages = [p for p in snapshot.passages if p.story == story and p.metadata.get("section") == "article"]
    return [Point((s,)) for s in digest_article(passages, vectors, k).points]
