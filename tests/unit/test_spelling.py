"""Typos mended against the stories' own words (retrieval/answer/spelling.py), with a vocabulary of our
own making."""

from __future__ import annotations

import pytest

from retrieval.answer.spelling import respell
from retrieval.text import terms

STORY_WORDS = {"hockey", "rocket", "pocket", "team", "compared", "liberals", "letter", "capital", "their"}
STEMS = {t for w in STORY_WORDS for t in terms(w)}


def _respell(question: str) -> str:
    return respell(question, STEMS.__contains__, STORY_WORDS.__contains__)


@pytest.mark.parametrize(
    ("typed", "mended"),
    [
        (
            "which hocky team does he compare the liberals to",
            "which hockey team does he compare the liberals to",
        ),
        ("who wrote the lettre", "who wrote the letter"),
        # Words of the stories' own, in another form, stay: "liberal" is theirs as "liberals".
        ("what did the liberal say", "what did the liberal say"),
        # Two of the stories' words ("rocket", "pocket") are one letter from "locket": neither is chosen.
        ("where is the locket", "where is the locket"),
        # Names may be spelled any way; chat spelling is not a typo; short words are left alone.
        ("who is Hockyson", "who is Hockyson"),
        ("where r they gonna go", "where r they gonna go"),
        ("is the tem good", "is the tem good"),
        # One slip from a common word is not a word of the stories'.
        ("who wrote thier letter", "who wrote thier letter"),
    ],
)
def test_a_word_one_edit_from_exactly_one_of_the_storys_words_is_mended(typed: str, mended: str) -> None:
    assert _respell(typed) == mended
