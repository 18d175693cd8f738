"""What a named reader thinks of the piece: their comment on the piece itself, not a reply in an argument
with another reader, and in their own words, not the article's they quote; and a question naming the
comments as its source ("according to the comments, ...") answered from them. On a forum story of our own
making, answered offline with the real embedding model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories, lead

PARKING = {
    "title": "Downtown parking fee is the right call",
    "published": "2025-03-02",
    "paragraphs": [
        "The council's new downtown parking fee is the right call, and drivers should give it a chance.",
        "The council says the fee will fund new bus routes across the city by next spring.",
        "The fee plan went to the council's finance committee for a vote last week.",
    ],
    "comments": [
        {"id": "c1", "author": "Rae", "votes": 3, "text": "I think the fee is fair and long overdue."},
        {
            "id": "c4",
            "author": "Tomas",
            "votes": 2,
            "text": "The council's fee plan went to the transport board first, chaired by Ina Varga.",
        },
        {
            "id": "c2",
            "author": "Ola",
            "votes": 9,
            "parent": "c1",
            "text": "Rae, you clearly never drive downtown after dark, and the buses get worse every year.",
        },
        {
            "id": "c3",
            "author": "Ola",
            "votes": 1,
            "text": "'The fee will fund new bus routes across the city' is all we ever hear. "
            "This column gets it wrong: the fee hurts shift workers who have no bus at night.",
        },
    ],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(
        tmp_path_factory, local_embeddings, "named-readers", {"parking.json": PARKING}
    )


@pytest.mark.parametrize("question", ["what did Ola think of the column", "what did ola say"])
def test_a_readers_view_is_their_comment_on_the_piece_in_their_own_words(engine, question):
    answer = engine.ask(question)
    assert lead(answer.answer).startswith("A reader (Ola) claims: “This column gets it wrong"), answer.answer


def test_a_question_naming_the_comments_as_source_is_answered_from_them(engine):
    # The article says where the plan went too; the question asks what the readers say.
    answer = engine.ask("according to the comments, where did the fee plan go first?")
    assert lead(answer.answer).startswith("A reader (Tomas) claims: “The council's fee plan went to"), (
        answer.answer
    )
