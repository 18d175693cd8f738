"""Wording that names the piece or asks for a figure, on a column of our own making, answered offline with
the real embedding model: the phrase naming the column finds the story but does not pick the sentence, and
"what ... number / rate" asks for a figure."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import LIBRARY_STORY, engine_on_stories, lead

COLUMN = {
    "title": "The council's budget stumbles",
    "published": "2025-02-01",
    "paragraphs": [
        "The council has spent the winter arguing about its budget, and the arguments show.",
        "Its leaders say the plan is popular. It had a weekend poll showing 38 per cent support for it.",
        "Critics on the left and the right say the numbers do not add up.",
        "The unemployment rate in the borough fell to 4 per cent last year.",
    ],
    "comments": [
        {
            "author": "Ann",
            "text": "This council budget stumbles column cites polls every week and never says which.",
        },
        {"author": "Bo", "text": "The council budget column is wrong about unemployment, as usual."},
    ],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(
        tmp_path_factory, local_embeddings, "wording", {"column.json": COLUMN, "library.json": LIBRARY_STORY}
    )


def test_the_phrase_naming_the_column_finds_it_and_what_rate_asks_for_a_figure(engine):
    answer = engine.ask("in the council budget column what was the unemployment rate")
    assert "4 per cent" in lead(answer.answer)


@pytest.mark.parametrize(
    ("question", "kind", "content"),
    [
        ("what poll number does the liberal stumbles piece cite", "number", "what poll number does cite"),
        ("in the fire breathers column hows the economy", None, "hows the economy"),
        ("what was the unemployment rate", "number", "what was the unemployment rate"),
        ("what did the story say about the letter", None, "what did say about the letter"),
        ("who wrote the letter", "person", "who wrote the letter"),
    ],
)
def test_the_words_that_name_the_piece_and_the_figure_asked_for(question, kind, content):
    from retrieval.answer.scoring import STORY_REFERENCE, answer_type

    assert answer_type(question) == kind
    assert " ".join(STORY_REFERENCE.sub(" ", question).split()) == content


def test_a_question_wrapped_in_a_request_is_answered_as_the_question(engine):
    # "can someone explain what this story is about" is a summary; "does anyone know what the commenters
    # think" the readers' view; "why didn't Bo like the column" what Bo wrote.
    summary = engine.ask("can someone explain what the council budget story is about")
    assert summary.answer.startswith("“The council's budget stumbles”"), summary.answer
    readers = engine.ask("does anyone know what the commenters think of the council budget column")
    assert readers.answer.startswith("What the 2 reader comments on"), readers.answer
    bo = engine.ask("why didn't bo like the council budget column")
    assert lead(bo.answer).startswith("A reader (Bo)"), bo.answer


def test_a_statement_tagged_right_before_a_question_is_its_context(engine):
    # Not a yes/no about the statement ("The story doesn't say outright"): what the second question asks.
    answer = engine.ask("the council leaders had a weekend poll, right? what did it show")
    assert lead(answer.answer).startswith("Article: Its leaders say the plan is popular."), answer.answer
    assert "38 per cent" in answer.answer.splitlines()[0]
