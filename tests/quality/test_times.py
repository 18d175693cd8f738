""" "What time" is answered by a clock time ("at 1:24 a.m."), not by the day. On a story of our own making,
answered offline with the real embedding model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories, lead

QUAKE = {
    "title": "Marisol earthquake",
    "published": "2025-06-22",
    "paragraphs": [
        "Marisol was rocked by its deadliest earthquake in decades on Wednesday when a magnitude 5.9 "
        "earthquake struck the country's east, killing more than 200 people.",
        "The shocks hit at 1:24 a.m. local time, about 40 kilometers south of the city of Port Ilse, "
        "according to the national seismic office.",
        "Rescue teams reached the worst hit villages by the afternoon.",
    ],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(tmp_path_factory, local_embeddings, "times", {"quake.json": QUAKE})


def test_what_time_is_a_clock_time(engine):
    answer = engine.ask("what time did the quake in marisol hit")
    assert lead(answer.answer).startswith("Article: The shocks hit at 1:24 a.m. local time"), answer.answer


def test_when_is_still_the_day(engine):
    answer = engine.ask("when did the quake in marisol hit")
    assert "on Wednesday" in lead(answer.answer), answer.answer
