"""A yes/no is answered by the article's sentence read under its headline: "it had not issued a tsunami
warning" under "Marisol earthquake" says No to "was there a tsunami warning for the marisol earthquake",
though it names neither. On a story of our own making, answered offline with the real embedding model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories, lead

QUAKE = {
    "title": "Marisol earthquake",
    "published": "2025-06-22",
    "paragraphs": [
        "A magnitude 6.4 earthquake struck the east of Marisol on Wednesday, damaging hundreds of homes.",
        "The seismic office said residents should brace for aftershocks, but added it had not issued a "
        "tsunami warning because the quake was detected inland.",
    ],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(tmp_path_factory, local_embeddings, "headline-verdicts", {"q.json": QUAKE})


def test_a_sentence_under_the_headline_answers_for_what_it_names(engine):
    answer = engine.ask("was there a tsunami warning for the marisol earthquake?")
    assert lead(answer.answer).startswith("No — the article says: The seismic office said"), answer.answer
