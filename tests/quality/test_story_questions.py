""" "What happened with X", "what's the deal with X", on stories of our own making, answered offline with the
real embedding model: X headlining a story asks for that story, summed up; X a detail of one asks about it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories, lead

BRIDGE = {
    "title": "Harbour bridge reopens after the storm",
    "published": "2025-03-04",
    "paragraphs": [
        "The Harbour bridge in Port Alda reopened to traffic on Monday, three weeks after a storm tore away "
        "part of its deck.",
        "Engineers replaced forty metres of the deck and tested every cable, the city said.",
        "While the bridge was shut, extra ferries carried commuters across the harbour every ten minutes.",
        "The city will keep two of the extra ferries running until the summer.",
    ],
}

MARKET = {
    "title": "Fish market moves to the old docks",
    "published": "2025-03-02",
    "paragraphs": [
        "Port Alda's fish market will move to the old docks in May, the council decided on Friday.",
        "Traders say the new site has more room but less passing trade.",
    ],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(
        tmp_path_factory, local_embeddings, "story-questions", {"bridge.json": BRIDGE, "market.json": MARKET}
    )


@pytest.mark.parametrize(
    "question",
    [
        "what happened with the harbour bridge",
        "whats the deal with the harbour bridge??",
        "whats up w the bridge",
    ],
)
def test_what_happened_with_a_storys_subject_sums_the_story_up(engine, question):
    answer = engine.ask(question)
    lines = answer.answer.splitlines()
    assert lines[0] == "“Harbour bridge reopens after the storm” (4 March 2025):", answer.answer
    assert lines[1].startswith("• ") and "reopened to traffic on Monday" in answer.answer, answer.answer


def test_the_deal_with_a_detail_of_a_story_is_a_question_about_it(engine):
    answer = engine.ask("whats the deal with the ferries")
    assert lead(answer.answer).startswith("Article:") and "ferries" in lead(answer.answer), answer.answer
