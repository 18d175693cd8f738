"""'Which national park', 'which university': the story and the sentence naming one of the kind asked for
("near Granite Peak National Park") answer, on stories of our own making, answered offline with the real
embedding model; a story whose sentences only share the question's words names none."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories, lead

HEAT = {
    "title": "Wildfires rage across southern Europe as heat builds",
    "published": "2025-07-20",
    "paragraphs": [
        "Raging wildfires forced thousands of people from their homes across southern Europe this week.",
        "In Portugal, firefighters battled a raging wildfire that forced hundreds to flee villages near the "
        "coast.",
        "Thousands of people were evacuated from communities in Greece as the wildfire spread toward the "
        "capital.",
        "Officials said the heat would continue into next week.",
    ],
}
CEDAR_FIRE = {
    "title": "Cedar fire grows in the mountains",
    "published": "2025-07-18",
    "paragraphs": [
        "The Cedar Fire has burned 12,000 acres since it ignited near Granite Peak National Park on Friday.",
        "About 3,000 residents of nearby towns were told to leave their homes.",
        "Crews expect the blaze to grow because the brush is very dry.",
    ],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(
        tmp_path_factory, local_embeddings, "named-kinds", {"heat.json": HEAT, "cedar.json": CEDAR_FIRE}
    )


def test_the_story_naming_one_of_the_kind_asked_for_answers(engine):
    # The heat story shares more of the question's words, and names no park.
    answer = engine.ask("a raging wildfire forced thousands to evacuate near which national park?")
    assert lead(answer.answer) == (
        "Article: The Cedar Fire has burned 12,000 acres since it ignited near Granite Peak National Park on "
        "Friday."
    ), answer.answer


def test_a_question_naming_no_kind_keeps_retrievals_story(engine):
    answer = engine.ask("which country had wildfires near the coast")
    assert lead(answer.answer).startswith("Article: In Portugal, firefighters battled"), answer.answer
