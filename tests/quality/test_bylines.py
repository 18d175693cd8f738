"""Who wrote the piece: neither story format carries a byline, so the bot says the story does not name its
author instead of quoting a reader who happens to say "the author" (on a story of our own making, answered
offline with the real embedding model). Who wrote something the story reports is a question about the
story."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engines_by_story

COLUMN = {
    "title": "The council's fare gamble",
    "published": "2025-03-04",
    "paragraphs": [
        "The council's new bus passes are a gamble worth taking, and riders should give them a year.",
        "Mayor Ada Brook wrote a letter to every household explaining the new fares last week.",
    ],
    "comments": [
        {"author": "Rider22", "text": "The author clearly never takes the number 9 bus at rush hour."},
        {"author": "Kit", "text": "I agree with the writer: give the passes a year before judging them."},
    ],
}


@pytest.fixture(scope="module")
def own_engine(tmp_path_factory, local_embeddings) -> Iterator[Callable[[str], StoryEngine]]:
    yield from engines_by_story(tmp_path_factory, local_embeddings, {"column": COLUMN})


@pytest.mark.parametrize(
    "question", ["who wrote this column?", "who is the author of this piece", "whos the columnist"]
)
def test_who_wrote_the_piece_says_it_names_no_author(own_engine, question):
    answer = own_engine("column").ask(question)
    assert answer.abstained, answer.answer
    assert (
        answer.answer
        == "“The council's fare gamble” doesn't name its author, so the bot can't say who wrote it."
    )


def test_who_wrote_what_the_story_reports_is_answered(own_engine):
    answer = own_engine("column").ask("who wrote the letter")
    assert not answer.abstained and "Mayor Ada Brook wrote a letter" in answer.answer, answer.answer
