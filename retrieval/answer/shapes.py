"""The shapes of the answers that are summaries, composed from a story's digest.

- overview ("tl;dr"): which story and when, at most three short points about the article (its thesis
  first), one line on its readers; at most ``OVERVIEW_MAX_CHARS``.
- readers ("what do readers think", "do readers agree with the article"): the main positions, each with
  how many comments hold it, and the article's own line — first when the question sets the two against
  each other; at most ``READERS_MAX_CHARS``.
- focused readers ("do commenters buy the insider's bailout argument?"): the comments about that one
  thing, grouped by position, and the article sentence about it.
- thesis ("what's the author's point"): the headline's claim and the sentence that states it.

Every line citing a comment says it is readers' ("reader comments", "Readers"): never stated as fact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.answer.digest import StoryDigest
from retrieval.answer.framing import NO_ARTICLE_TEXT
from retrieval.answer.intents import recognise
from retrieval.answer.overview import (
    Citations,
    Line,
    Write,
    article_line,
    fit,
    position_line,
    readers_line,
    story_label,
    write,
)
from retrieval.answer.positions import statement
from retrieval.answer.summary import Point, SentenceRef
from retrieval.text import plural, terms

OVERVIEW_POINTS = 3
OVERVIEW_MAX_CHARS = 600
READER_POSITIONS = 3
READERS_MAX_CHARS = 900
THESIS_MAX_CHARS = 450
# A comment is about the question's subject when one of its sentences is this near it (cosine).
RELEVANT = 0.45
SENTENCE_SLACK = 0.1
# A subject this near the centre of all the comments (cosine) is what the whole thread is about.
WHOLE_THREAD = 0.55
# The article's sentence nearest the question is on its subject from this near (cosine).
ON_SUBJECT = 0.4
BULLET = "• "
# Words that name the story or its parts rather than a subject in it ("the fire-breathers column").
_STORY_WORDS = frozenset(
    terms("article story piece column op-ed editorial report post author writer columnist comments readers")
)


def _bullet(write_line: Write) -> Write:
    return lambda refs: BULLET + write_line(refs)


def _fixed(text: str) -> Write:
    return lambda _refs: text


def _compose(digest: StoryDigest, lines: Sequence[Line], limit: int) -> tuple[str, Citations]:
    refs = Citations({digest.story: digest.entry.published if digest.entry else None})
    return "\n".join(write(fit(lines, limit), refs)), refs


def overview(digest: StoryDigest, article: Sequence[Write]) -> tuple[str, Citations]:
    """ "“Title” (date):", the article's points (thesis first), then one line on readers."""
    label = story_label(digest.entry, digest.story)
    if not article:
        return _compose(digest, [Line(_fixed(f"{label}: {NO_ARTICLE_TEXT}"), 0, 0)], OVERVIEW_MAX_CHARS)
    lines = [Line(_fixed(f"{label}:"), 0, 0)]
    # The thesis first, then the readers' line, then the article's other points, as room allows.
    lines += [Line(_bullet(w), 1 if i == 0 else 2 + i, 1 + i) for i, w in enumerate(article)]
    readers = readers_line(digest.readers.points, digest.comment_count)
    if readers is not None:
        lines.append(Line(readers, 2, 50))
    return _compose(digest, lines, OVERVIEW_MAX_CHARS)


def _thesis_line(digest: StoryDigest, lead: str) -> Write | None:
    thesis = digest.article.thesis
    return article_line(thesis, lead) if thesis is not None else None


def readers(
    digest: StoryDigest, positions: Sequence[Write], sizes: Sequence[int], *, contrast: bool
) -> tuple[str, Citations]:
    """The readers' main positions with their counts, and the article's line (first for a contrast)."""
    label = story_label(digest.entry, digest.story)
    if digest.comment_count == 0 or not positions:
        none = f"{label} has no reader comments, so there are no readers' views to report."
        lines = [Line(_fixed(none), 0, 0)]
        thesis = _thesis_line(digest, "The article's line: ")
        if thesis is not None:
            lines.append(Line(thesis, 1, 1))
        return _compose(digest, lines, READERS_MAX_CHARS)
    if contrast:
        thesis = _thesis_line(digest, f"The article, {label}: ")
        lines = [Line(thesis or _fixed(f"The article, {label}, has no body text."), 0, 0)]
        lines.append(Line(_fixed(f"{_readers_heading(digest.comment_count, sizes)}:"), 1, 1))
    else:
        lines = [Line(_fixed(f"{_readers_heading(digest.comment_count, sizes, label)}:"), 0, 0)]
        thesis = _thesis_line(digest, "The article's own line: ")
        if thesis is not None:
            lines.append(Line(thesis, 2, 90))
    lines += [Line(_bullet(w), 1 + 2 * i, 10 + i) for i, w in enumerate(positions)]
    return _compose(digest, lines, READERS_MAX_CHARS)


def _readers_heading(total: int, sizes: Sequence[int], label: str = "") -> str:
    """ "Readers' main positions on “Title”, from 112 comments", or, when no two comments agree, "What
    the 3 reader comments on “Title” say"."""
    on = f" on {label}" if label else ""
    if all(size == 1 for size in sizes):
        return f"What the {plural(total, 'reader comment')}{on} say"
    return f"Readers' main positions{on}, from {total} comments"


def thesis(digest: StoryDigest) -> tuple[str, Citations]:
    """The article's point: its headline's claim, the sentence that states it, and the next point."""
    label = story_label(digest.entry, digest.story)
    lines: list[Line] = []
    first = _thesis_line(digest, f"The article, {label}, makes this point: ")
    if first is None:
        return _compose(digest, [Line(_fixed(f"{label}: {NO_ARTICLE_TEXT}"), 0, 0)], THESIS_MAX_CHARS)
    lines.append(Line(first, 0, 0))
    others = [s for s in digest.article.points if s is not digest.article.thesis][:1]
    lines += [Line(article_line(s, "It also says: "), 1, 1) for s in others]
    return _compose(digest, lines, THESIS_MAX_CHARS)


# -- readers on one subject ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Focus:
    """What a readers' question is about, when it is about one thing in the story and not the whole."""

    text: str
    vector: np.ndarray

    @classmethod
    def of(cls, question: str, digest: StoryDigest, embed: Callable[[str], Sequence[float]]) -> Focus | None:
        subject = recognise(question).question.strip()
        title = digest.entry.title if digest.entry is not None else digest.story
        named = set(terms(subject))
        # "do readers agree with the fire-breathers piece": the words only name the story.
        if not named or named <= set(terms(title)) | _STORY_WORDS:
            return None
        vector = np.asarray(embed(subject), dtype=np.float32)
        vector /= np.linalg.norm(vector) or 1.0
        # "what do commenters think of trudeau's govt" under a column on the Trudeau government: the
        # subject is what the whole thread is about, so its main positions answer.
        if digest.readers.sentences:
            thread = np.mean([s.vector for s in digest.readers.sentences], axis=0)
            if float(thread @ vector) >= WHOLE_THREAD * (np.linalg.norm(thread) or 1.0):
                return None
        return cls(subject, vector)


def _nearest(sentences: Sequence[SentenceRef], vector: np.ndarray) -> SentenceRef | None:
    return max(sentences, key=lambda s: float(s.vector @ vector), default=None)


def _groups(digest: StoryDigest, focus: Focus, pivot: SentenceRef | None) -> list[Point]:
    """The comments about the focus, grouped by the position each belongs to, largest group first.

    A comment is about it when one of its sentences is near the question's words or near the article's
    sentence on the subject (``pivot``): readers answer the article's claim in the article's terms more
    than in the asker's. What a comment says is its nearest sentence in the reader's own words (not the
    article's sentence the reader quoted)."""
    target = focus.vector if pivot is None else np.stack([focus.vector, pivot.vector])
    centre = target if pivot is None else target.mean(axis=0)
    # Near in meaning and sharing a word: "cars" is near "the auto sector" but a comment likening the
    # government to a dog chasing cars is not about the auto bailout.
    subject = set(terms(focus.text)) | (set(terms(pivot.text)) if pivot is not None else set())
    by_comment: dict[int, list[tuple[float, SentenceRef]]] = {}
    for s in digest.readers.sentences:
        near = float(np.max(target @ s.vector)) if subject & set(terms(s.text)) else 0.0
        by_comment.setdefault(int(s.passage.metadata.get("comment", 0)), []).append((near, s))
    # A comment on the subject, and the sentences in it that are (the rest may be about anything).
    relevant = {
        number: [s for sim, s in found if sim >= RELEVANT - SENTENCE_SLACK]
        for number, found in by_comment.items()
        if max(sim for sim, _ in found) >= RELEVANT
    }
    by_group: dict[int, list[int]] = {}
    for number in relevant:
        by_group.setdefault(digest.readers.label_of.get(number, -number), []).append(number)
    out = []
    for members in by_group.values():
        pool = [s for n in members for s in relevant[n]]
        best = statement(digest.readers.own(pool) or pool, centre)
        if best is not None:
            out.append(Point((best,), size=len(members), comments=tuple(sorted(members))))
    out.sort(key=lambda p: (-p.size, -float(p.sentences[0].vector @ centre)))
    return out


def focused_readers(digest: StoryDigest, focus: Focus, *, contrast: bool) -> tuple[str, Citations]:
    """What readers say about one subject, by position, and what the article says about it."""
    label = story_label(digest.entry, digest.story)
    article = _nearest(digest.article.sentences, focus.vector)
    on_subject = article is not None and float(article.vector @ focus.vector) >= ON_SUBJECT
    groups = _groups(digest, focus, article if on_subject else None)[:READER_POSITIONS]
    if not groups:
        shown = digest.readers.points[:READER_POSITIONS]
        general = [position_line(p) for p in shown]
        text, refs = readers(digest, general, [p.size for p in shown], contrast=contrast)
        lead = f"No reader comment takes up “{focus.text}” directly. "
        return (lead + text if general else text), refs
    held = sum(p.size for p in groups)
    whose = "Readers" if contrast else f"Readers of {label}"
    heading = f"{whose} on this ({held} of {digest.comment_count} comments):"
    lines = [Line(_fixed(heading), 1, 1)]
    lines += [Line(_bullet(position_line(p)), 2 + 2 * i, 10 + i) for i, p in enumerate(groups)]
    if article is not None:
        lead = f"The article, {label}: " if contrast else "The article on this: "
        lines.append(Line(article_line(article, lead), 0 if contrast else 3, 0 if contrast else 90))
    elif contrast:
        lines.append(Line(_fixed(f"The article, {label}, does not take this up."), 0, 0))
    return _compose(digest, lines, READERS_MAX_CHARS)
