"""'Who <verb>' is answered by the sentence where a name does it ("Ranger Tom Okoro ... caught it"), not by
one sharing more of the question's words ("the heaviest python ever caught"), nor by one telling history
("won ... in 2019"); on a story of our own making, answered offline with the real embedding model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories, lead

SNAKE = {
    "title": "Delta's heaviest python caught",
    "published": "2025-06-02",
    "paragraphs": [
        "The python is the heaviest python ever caught in the delta, the Marren Wildlife Trust said on "
        "Friday.",
        "Ranger Tom Okoro and intern Lia Park caught it in a canal by the python research lab on Thursday.",
        "The python had eaten a young deer, and it won the rangers' respect.",
        "The Trust won the national python prize in 2019 for its research lab.",
    ],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(tmp_path_factory, local_embeddings, "doers", {"snake.json": SNAKE})


def test_who_did_it_is_the_sentence_where_a_name_does_it(engine):
    answer = engine.ask("who caught the python")
    assert lead(answer.answer).startswith("Article: Ranger Tom Okoro and intern Lia Park caught it"), (
        answer.answer
    )
