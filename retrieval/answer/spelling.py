"""Typos mended against the stories' own words: "which hocky team" asks about the hockey team the column
names, and a question that misses the stories' word by one letter should not be told they never say it.

A word is mended only when the stories never use it, it is typed in lower case (a name may be spelled any
way), it is long enough that one slip makes a typo rather than another word, it is not chat spelling
("gonna"), and exactly one word the stories use is one edit away (a letter dropped, added, changed or two
swapped), none of them a common word ("thier" is left alone: "their" is not the stories' own)."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Collection, Iterator

from retrieval.answer.chat_words import CHAT_WORDS, FILLER
from retrieval.text import STOPWORDS, terms

MIN_LETTERS = 5
SHORTENED_LETTERS = 5  # shorter, a name's start is as likely another name ("brad" is not "Brady")
_TYPED = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


def respell(question: str, knows: Callable[[str], bool], uses_word: Callable[[str], bool]) -> str:
    """``question`` with each word the stories never use replaced by the one word of theirs it misses by
    a single edit, where there is exactly one. ``knows``: the stories use this term (stemmed, so
    "liberals" is theirs when they say "liberal"); ``uses_word``: they use this word as written."""

    def mend(match: re.Match[str]) -> str:
        word = match.group(0)
        if not _unknown(word, knows, MIN_LETTERS):
            return word
        found: set[str] = set()
        for candidate in _one_edit(word):
            if candidate in STOPWORDS:
                return word  # one slip from a common word: not a word of the stories'
            if uses_word(candidate):
                found.add(candidate)
        return found.pop() if len(found) == 1 else word

    return _TYPED.sub(mend, question)


def complete_names(question: str, knows: Callable[[str], bool], names: Collection[str]) -> str:
    """``question`` with each word the stories never use that begins exactly one name of theirs, and at least
    half of it, replaced by that name: "has gronk retired" asks about Gronkowski."""

    def complete(match: re.Match[str]) -> str:
        word = match.group(0)
        if not _unknown(word, knows, SHORTENED_LETTERS):
            return word
        found = {
            n for n in names if n.lower().startswith(word) and len(n) > len(word) and 2 * len(word) >= len(n)
        }
        return found.pop() if len(found) == 1 else word

    return _TYPED.sub(complete, question)


def _unknown(word: str, knows: Callable[[str], bool], shortest: int) -> bool:
    """``word`` is no word of the stories', long enough to mend, and no chat spelling or common word."""
    if len(word) < shortest or word in CHAT_WORDS or word in FILLER or word in STOPWORDS:
        return False
    own = terms(word)
    return bool(own) and not knows(own[0])


def _one_edit(word: str) -> Iterator[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right:
            yield left + right[1:]
            if len(right) > 1:
                yield left + right[1] + right[0] + right[2:]
            for letter in string.ascii_lowercase:
                yield left + letter + right[1:]
        for letter in string.ascii_lowercase:
            yield left + letter + right


# An abbreviation as typed: two capitals ("NH"); or two lowercase letters where a name is expected, after a
# preposition ("when he was in nh"): elsewhere they are as likely chat ("who tf is", "jk").
_ABBREVIATION = re.compile(
    r"\b(?P<short>[A-Z]{2})\b"
    r"|\b(?P<before>(?:in|from|to|of|at|about|on|for|near|across|outside|inside|around) )"
    r"(?P<typed>[a-z]{2})\b"
)


def spell_out(question: str, knows: Callable[[str], bool], spelled_out: Callable[[str], str | None]) -> str:
    """``question`` with each abbreviation the stories never use replaced by the one name of theirs it
    abbreviates: "how did kasich do in NH" -> "... in New Hampshire" when a story says New Hampshire."""

    def expand(match: re.Match[str]) -> str:
        before, short = match["before"] or "", match["short"] or match["typed"]
        own = terms(short)
        # A word typed in lowercase may be chat spelling ("rn", "bc"), spelled out later, not a name.
        if not own or knows(own[0]) or short.lower() in CHAT_WORDS or short.lower() in FILLER:
            return match.group(0)
        return before + (spelled_out(short) or short)

    return _ABBREVIATION.sub(expand, question)
