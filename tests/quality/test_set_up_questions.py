"""A question after a statement that sets it up ("NASA released images this week. What did the images
show?") is answered by a sentence holding the question's own words, which need not repeat the set-up's;
and "what did X <verb>" is answered by the sentence where X does it. On a story of our own making, answered
offline with the real embedding model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories, lead

PICTURES = {
    "title": "Halden telescope first pictures",
    "published": "2025-07-12",
    "paragraphs": [
        "Prime Minister Ada Lind called the telescope “a new view of the universe” at a ceremony held by "
        "the Nordic Space Agency on Monday.",
        "The first picture, released on Monday, shows a ring of ancient galaxies bent by the gravity of a "
        "cluster in front of them.",
        "The telescope cost 2 billion euros and took 20 years to build.",
        "Astronomers will use it to study how the first stars formed.",
    ],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(tmp_path_factory, local_embeddings, "set-up", {"pictures.json": PICTURES})


def test_what_the_pictures_show_is_the_sentence_saying_so_without_the_set_ups_names(engine):
    answer = engine.ask(
        "The Nordic Space Agency released stunning pictures from space this week. What did the pictures show?"
    )
    assert lead(answer.answer).startswith("Article: The first picture, released on Monday, shows a ring"), (
        answer.answer
    )


def test_the_same_question_without_a_set_up_is_answered_alike(engine):
    answer = engine.ask("what did the telescope's first pictures show")
    assert lead(answer.answer).startswith("Article: The first picture, released on Monday, shows a ring"), (
        answer.answer
    )
