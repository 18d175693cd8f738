""" "Is that true?" after an answer that showed a reader's claim, on a story of our own making, answered
offline with the real embedding model: the claim checked is the one the member was shown, not the words of
the question before it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine, Turn
from tests.support.story_files import engine_on_stories

ROAD = {
    "title": "Ring road repairs set for spring",
    "published": "2025-03-03",
    "paragraphs": [
        "The council will repair the ring road next spring, the mayor said on Monday.",
        "The repairs will cost $2 million and close one lane at a time.",
    ],
    "comments": [
        {"author": "Kit", "text": "The council has cancelled the ring road repairs for good."},
        {"author": "Ada", "text": "One lane at a time means months of traffic jams."},
    ],
}
# What the bot said before, as a Discord thread hands it back.
SHOWN = Turn(
    "anything interesting in the comments",
    "A reader (Kit) claims: “The council has cancelled the ring road repairs for good.” [1]",
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(tmp_path_factory, local_embeddings, "follow-ups", {"road.json": ROAD})


@pytest.mark.parametrize("question", ["is that true?", "really?"])
def test_is_that_true_checks_the_reader_claim_just_shown(engine, question):
    answer = engine.ask(question, history=[SHOWN])
    assert answer.answer.startswith("Only a reader comment says so"), answer.answer
    assert "A reader (Kit) claims" in answer.answer, answer.answer
