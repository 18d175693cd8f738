"""The plain word people ask with against the news's word for the same act, on stories of our own making,
answered offline with the real embedding model: "caught" meets "captured", "quit" meets "resigned" and
"stepped down", "marry" meets "tied the knot"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories, lead

CROCODILE = {
    "title": "Record crocodile in the delta",
    "published": "2025-06-20",
    "paragraphs": [
        "The largest crocodile ever measured in the Marren delta, in 1957, was 21 feet long.",
        "A record 1,200-pound saltwater crocodile has been captured in the Marren delta, rangers said on "
        "Friday.",
    ],
}

HARBOUR = {
    "title": "Tessel Port changes hands",
    "published": "2025-07-02",
    "paragraphs": [
        "Dunmore Shipping will buy Tessel Port for $300 million, the two companies said on Tuesday.",
        "The port's mayor, Ida Kole, resigned the same day after a vote of no confidence.",
        "Her deputy stepped down a week later.",
        "Tessel Port handles more cargo than any other harbour on the coast.",
    ],
}

WEDDING = {
    "title": "A wedding at the lighthouse",
    "published": "2025-07-12",
    "paragraphs": [
        "Port Alda's harbour master, Nell Brandt, and ferry captain Sam Reyes tied the knot on Saturday at "
        "the old lighthouse.",
        "The couple met on the night ferry ten years ago.",
    ],
}

FAMILIES = {
    "title": "Larkton revives its large-family award",
    "published": "2025-08-18",
    "paragraphs": [
        "Governor Ilse Marek on Monday signed a decree reviving the province's award for large families.",
        "A payment of 2 million rubles will be given to mothers once the eighth child turns one.",
        "Critics said the province's birth rate has fallen for a decade.",
    ],
}

RETIRED = {
    "title": "Pelkowski retires again",
    "published": "2025-06-21",
    "paragraphs": [
        "Four-time league champion Tam Pelkowski announced his retirement on Tuesday on social media.",
        "This is the tight end's second time retiring from the league.",
    ],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(
        tmp_path_factory,
        local_embeddings,
        "plain",
        {
            "crocodile.json": CROCODILE,
            "harbour.json": HARBOUR,
            "wedding.json": WEDDING,
            "families.json": FAMILIES,
            "retired.json": RETIRED,
        },
    )


def test_what_was_caught_is_what_was_captured(engine):
    # Without "caught" the 1957 record (the largest, 21 feet) is as close as the capture: nothing answered.
    answer = engine.ask("how big was the croc they caught")
    assert "1,200-pound" in lead(answer.answer), answer.answer


@pytest.mark.parametrize("question", ["did the mayor quit", "did the deputy quit"])
def test_resigned_and_stepped_down_say_yes_to_quit(engine, question):
    answer = engine.ask(question)
    assert answer.answer.startswith("Yes"), answer.answer


def test_tied_the_knot_says_yes_to_marry(engine):
    answer = engine.ask("did nell brandt marry sam reyes?")
    assert answer.answer.startswith("Yes"), answer.answer


def test_moms_and_kids_are_the_mothers_and_children_the_news_writes_of(engine):
    # Without them, only "marek" and "pay" of the question are in the answer: "the story does not say".
    answer = engine.ask("how much does marek pay moms who have 8 kids")
    assert "2 million rubles" in lead(answer.answer), answer.answer


def test_a_name_shortened_as_fans_do_is_the_name(engine):
    # "pelko" is no word of the stories': alone, "the story never mentions" it.
    answer = engine.ask("did pelko retire")
    assert answer.answer.startswith("Yes — the article says: Four-time league champion Tam Pelkowski"), (
        answer.answer
    )
