"""Who wrote the piece: neither story format carries a byline, so the bot says the story does not name its
author instead of quoting a reader who happens to say "the author", unless its readers name the writer
(then it says who they say, citing one of them, and the writer's name in a question means the author).
On stories of our own making, answered offline with the real embedding model. Who wrote something the
story reports is a question about the story."""

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

# A column whose readers name its writer ("Mr. Quill", "Quill's column", "Well said, Ada") and argue about
# another paper's columnist ("Bo Vance's piece") and the mayor the column names.
NAMED_COLUMN = {
    "title": "The budget is late, and that is fine",
    "published": "2025-03-11",
    "paragraphs": [
        "The council's budget is three weeks late, and I think the delay is a sign of care, not chaos.",
        "Mayor Tom Reyes says the transit plan comes first.",
    ],
    "comments": [
        {"author": "Kit", "text": "Mr. Quill, you are far too kind to this council."},
        {"author": "Rook", "text": "Quill's column misses the point: late is late."},
        {"author": "Vale", "text": "Of all the columnists in town, I think Ada Quill is the best."},
        {"author": "Mira", "text": "Well said, Ada. Give them time."},
        {"author": "Tam", "text": "Bo Vance's piece on the trial was better than this."},
        {"author": "Juno", "text": "Tom Reyes should resign."},
        {"author": "Paz", "text": "I voted for Tom Reyes and I regret it."},
    ],
}


@pytest.fixture(scope="module")
def own_engine(tmp_path_factory, local_embeddings) -> Iterator[Callable[[str], StoryEngine]]:
    yield from engines_by_story(
        tmp_path_factory, local_embeddings, {"column": COLUMN, "named column": NAMED_COLUMN}
    )


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


def test_who_wrote_a_piece_whose_readers_name_its_writer_is_who_they_say(own_engine):
    answer = own_engine("named column").ask("who wrote this column? theres no name on it")
    assert answer.answer.startswith(
        "“The budget is late, and that is fine” carries no byline; its readers say Ada Quill wrote it: “Of "
        "all the columnists in town, I think Ada Quill is the best.” [1]"
    ), answer.answer
    assert [(c.kind, c.author) for c in answer.citations] == [("comment", "Vale")]


def test_the_writer_the_readers_name_is_the_author_in_a_question(own_engine):
    # Not the readers' "Quill's column misses the point": what the author thinks, from the article.
    answer = own_engine("named column").ask("whats quill's take on the late budget")
    assert "makes this point" in answer.answer.splitlines()[0], answer.answer
    assert all(c.kind == "article" for c in answer.citations), answer.answer
