"""Limits on what one story file may hold, and the folding of repeated text.

A story file is untrusted input (an admin can upload one): its cost must be bounded by its size, and it
must not be able to crowd other stories out of retrieval. So, besides the byte limit, each field has a
length limit, each list an item limit and the story a sentence limit, and text repeated within a story
(the same comment posted 140,000 times, one sentence pasted 16,000 times with a counter) is folded: each
distinct text is kept, embedded and stored once, and its repeats are counted, not indexed.

"Repeated" means the same words, ignoring case, punctuation and spacing; a text that differs from an
earlier one only in its digits ("spam 1", "spam 2") is a near-repeat, of which the first
``near_repeats`` (5) are kept: real text can say "turnout was 45%" and "turnout was 52%".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, fields, replace
from pathlib import Path

from retrieval.corpus.model import Comment, Story
from retrieval.errors import StoryFileError

_WORDS = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")
# A rough sentence end, for counting sentences before the (much slower) real splitter runs in chunking.
_ROUGH_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class StoryLimits:
    """What one story may hold. The field names are the settings' (``STORYBOT_MAX_TITLE_CHARS`` ...)."""

    max_story_bytes: int = 10_000_000
    max_json_depth: int = 20
    max_paragraphs: int = 10_000
    max_comments: int = 25_000
    max_sentences: int = 150_000
    max_title_chars: int = 500
    max_id_chars: int = 200
    max_author_chars: int = 100
    max_field_chars: int = 2_000
    max_comment_chars: int = 20_000
    near_repeats: int = 5

    @classmethod
    def of(cls, settings: object) -> StoryLimits:
        """The limits a settings object names (any attribute it lacks keeps its default)."""
        names = [f.name for f in fields(cls)]
        return cls(**{n: getattr(settings, n) for n in names if hasattr(settings, n)})


DEFAULT_LIMITS = StoryLimits()


def fold_keys(text: str) -> tuple[str, str]:
    """(exact, near) keys of a text: its words, casefolded; and its words without digits."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    exact = " ".join(_WORDS.findall(folded)) or folded.strip()
    return exact, " ".join(_LETTERS.findall(folded))


class Folder:
    """Decides, text by text in reading order, whether a text is new or repeats an earlier one."""

    def __init__(self, near_repeats: int = DEFAULT_LIMITS.near_repeats) -> None:
        self.near_repeats = near_repeats
        self._raw: dict[str, int] = {}
        self._exact: dict[str, int] = {}
        self._near_first: dict[str, int] = {}
        self._near_count: Counter[str] = Counter()
        self.folded = 0

    def fold(self, text: str, index: int) -> int | None:
        """None if ``text`` is new (it is then remembered as item ``index``), else the index of the item it
        repeats."""
        earlier = self._raw.get(text)  # the same string again: no need to normalise it (a flood's case)
        if earlier is not None:
            self.folded += 1
            return earlier
        exact, near = fold_keys(text)
        earlier = self._exact.get(exact)
        if earlier is None and self._near_count[near] >= self.near_repeats:
            earlier = self._near_first[near]
        if earlier is not None:
            self.folded += 1
            self._raw[text] = earlier
            return earlier
        self._raw[text] = index
        self._exact[exact] = index
        self._near_count[near] += 1
        self._near_first.setdefault(near, index)
        return None


def too_long(what: str, length: int, limit: int) -> str:
    return f"{what} is {length:,} characters; the limit is {limit:,}"


def lone_surrogate(text: str) -> bool:
    """A lone UTF-16 surrogate (``"\\ud800"`` in JSON) is not text: nothing can encode it as UTF-8."""
    return _SURROGATE.search(text) is not None


def distinct_sentences(texts: list[str], near_repeats: int) -> int:
    """About how many sentences would be embedded: rough sentences, repeats folded."""
    folder = Folder(near_repeats)
    count = 0
    for text in texts:
        for sentence in _ROUGH_SENTENCE_END.split(text):
            if sentence.strip() and folder.fold(sentence, count) is None:
                count += 1
    return count


def fold_comments(comments: list[Comment], near_repeats: int) -> tuple[Comment, ...]:
    """Comments with repeats folded into the first of each: it counts them (``repeats``) and answers to
    their ids (``aliases``, so replies to a folded comment still find their parent). Numbered anew."""
    folder = Folder(near_repeats)
    kept: list[Comment] = []
    repeats: Counter[int] = Counter()
    aliases: dict[int, list[str]] = {}
    for comment in comments:
        earlier = folder.fold(f"{comment.author or ''}\n{comment.text}", len(kept))
        if earlier is None:
            kept.append(replace(comment, number=len(kept) + 1))
            continue
        # Counted aside and applied once at the end: a flood is a loop of dictionary updates.
        repeats[earlier] += 1 + comment.repeats
        aliases.setdefault(earlier, []).extend([*comment.aliases, *([comment.id] if comment.id else [])])
    for index in repeats:
        first = kept[index]
        kept[index] = replace(
            first, repeats=first.repeats + repeats[index], aliases=(*first.aliases, *aliases[index])
        )
    return tuple(kept)


def check_story(story: Story, limits: StoryLimits, path: Path) -> None:
    """Refuse a parsed story (either format) that breaks a limit; the message names what and by how much."""
    checks = [
        ("the title", story.title, limits.max_title_chars),
        ("the story id", story.id, limits.max_id_chars),
        ("'url'", story.url or "", limits.max_field_chars),
        ("'published'", story.published or "", limits.max_field_chars),
        ("'source'", story.source or "", limits.max_field_chars),
    ]
    for what, value, limit in checks:
        if len(value) > limit:
            raise StoryFileError(path, too_long(what, len(value), limit))
        if lone_surrogate(value):
            raise StoryFileError(path, f"{what} holds a lone surrogate: not valid Unicode text")
    if len(story.paragraphs) > limits.max_paragraphs:
        raise StoryFileError(
            path,
            f"the article has {len(story.paragraphs):,} paragraphs; the limit is {limits.max_paragraphs:,}",
        )
    if len(story.comments) > limits.max_comments:
        raise StoryFileError(
            path,
            f"{len(story.comments):,} different comments (repeats folded); "
            f"the limit is {limits.max_comments:,}",
        )
    for comment in story.comments:
        if len(comment.text) > limits.max_comment_chars:
            raise StoryFileError(
                path, too_long(f"comment {comment.number}", len(comment.text), limits.max_comment_chars)
            )
        for what, value in (("id", comment.id), ("parent", comment.parent), ("posted", comment.posted)):
            if value and len(value) > limits.max_field_chars:
                raise StoryFileError(
                    path, too_long(f"comment {comment.number}'s '{what}'", len(value), limits.max_field_chars)
                )
        if comment.author and len(comment.author) > limits.max_author_chars:
            raise StoryFileError(
                path,
                too_long(f"comment {comment.number}'s author", len(comment.author), limits.max_author_chars),
            )
    lead = [p.text for p in (story.headline, story.standfirst) if p is not None]
    texts = [*lead, *(p.text for p in story.paragraphs), *(p.text for p in story.note)]
    texts += [c.text for c in story.comments]
    sentences = distinct_sentences(texts, limits.near_repeats)
    if sentences > limits.max_sentences:
        raise StoryFileError(
            path, f"about {sentences:,} different sentences; the limit is {limits.max_sentences:,}"
        )
