"""Typos mended against the stories' own words (retrieval/answer/spelling.py), with a vocabulary of our
own making."""

from __future__ import annotations

import pytest

from retrieval.answer.spelling import complete_names, respell, spell_out
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


def test_a_two_letter_abbreviation_is_the_name_the_stories_spell_out() -> None:
    def names(abbreviation: str) -> str | None:
        return {"nh": "New Hampshire"}.get(abbreviation.lower())

    knows = {"usa", "dna"}.__contains__
    assert spell_out("how did kasich do in NH", knows, names) == "how did kasich do in New Hampshire"
    # A word the stories use as typed, or a longer abbreviation, is left as it is.
    assert spell_out("what did the US say about DNA", knows, names) == "what did the US say about DNA"


def test_a_lowercase_abbreviation_is_spelled_out_only_where_a_name_is_expected() -> None:
    def names(abbreviation: str) -> str | None:
        return {"nh": "New Hampshire", "tf": "Task Forces", "jk": "John Kasich"}.get(abbreviation.lower())

    def knows(term: str) -> bool:
        return False

    assert spell_out("where did he stay in nh", knows, names) == "where did he stay in New Hampshire"
    # Elsewhere two lowercase letters are as likely chat.
    assert spell_out("who tf is kasich jk", knows, names) == "who tf is kasich jk"


def test_a_name_shortened_to_half_or_more_is_the_one_name_it_begins() -> None:
    names = {"Gronkowski", "Brady", "Zelenska", "Zelensky", "Trudeau"}
    stems = {t for w in ("retired", "trudeau") for t in terms(w)}

    def complete(question: str) -> str:
        return complete_names(question, stems.__contains__, names)

    assert complete("has gronk retired before") == "has Gronkowski retired before"
    # Two names begin with it; too short a start; a word the stories use; a start of less than half.
    assert complete("what did zelens say") == "what did zelens say"
    assert complete("did brad retire") == "did brad retire"
    assert complete("what did trudeau say") == "what did trudeau say"
    assert complete("is gron back") == "is gron back"
