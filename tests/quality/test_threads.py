"""Questions about a comment thread itself, on stories of our own making, answered from the index's counts:
"how many comments are there" and "who commented the most" (the story never says either)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories

DEBATE = {
    "title": "The library stays open late",
    "published": "2025-04-02",
    "paragraphs": ["The town library will stay open until 10 p.m. on weekdays from May."],
    "comments": [
        {"author": "Ann", "text": "Finally, somewhere quiet to work in the evenings."},
        {"author": "Bo", "text": "Who pays the extra staff? The council never says."},
        {"author": "Ann", "text": "The council pays, Bo, from the arts budget."},
        {"author": "Cy", "text": "Late hours are wasted on a town this small."},
        {"author": "Ann", "text": "It is not wasted on me, Cy, or on the students."},
    ],
}

QUIET = {
    "title": "Ferry timetable changes",
    "published": "2025-03-01",
    "paragraphs": ["The first ferry will leave at 6 a.m. from Monday."],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(
        tmp_path_factory, local_embeddings, "threads", {"debate.json": DEBATE, "quiet.json": QUIET}
    )


def test_how_many_comments_is_counted(engine):
    answer = engine.ask("how many ppl commented on the library piece")
    expected = "“The library stays open late” has 5 reader comments, from 3 named readers."
    assert answer.answer == expected, answer.answer
    # With no story named, the newest, and the answer says so.
    answer = engine.ask("how many comments are there")
    expected = (
        "“The library stays open late” (the newest of 2 stories) has 5 reader comments, from 3 named readers."
    )
    assert answer.answer == expected, answer.answer


def test_who_commented_the_most_is_counted(engine):
    answer = engine.ask("who commented the most on the library piece")
    assert answer.answer == "Ann commented the most on “The library stays open late”: 3 comments of 5.", (
        answer.answer
    )


def test_a_story_without_comments_says_so(engine):
    answer = engine.ask("how many comments does the ferry timetable piece have")
    assert answer.answer == "“Ferry timetable changes” has no reader comments.", answer.answer


def test_what_readers_think_is_not_a_count(engine):
    answer = engine.ask("how many commenters agree with the library staying open")
    assert "reader comments, from" not in answer.answer, answer.answer
