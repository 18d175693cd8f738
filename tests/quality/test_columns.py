"""An opinion column of our own making, answered offline with the real embedding model: its point is the
writer's own claim, not a view it reports; what the author thinks of what the headline claims is that point;
and "what do readers think of the <its title> column" asks about the whole thread, not about the words of the
title."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engines_by_story

COLUMN = {
    "title": "The dreamers lead the council race",
    "published": "2025-09-09",
    "paragraphs": [
        "I have covered council races in Elmford for twenty years, and I have rarely seen the town in such "
        "good shape.",
        "Yet voters cheer for candidates who promise to rescue a town that needs no rescue.",
        "Mayor Ada Quinn says the dreamers who lead the council race in Elmford should take a back seat to "
        "the candidates with a balanced budget.",
        "The dreamers are fun to watch.",
        "To win the council race on a story of ruin would be to win on fiction.",
    ],
    "comments": [
        {"author": "Rook", "text": "The roads are a disgrace and the council ignores them."},
        {"author": "Vale", "text": "The roads are terrible, the council never fixes them."},
        {"author": "Mira", "text": "Fun to watch? The dreamers scare me."},
        {"author": "Tam", "text": "The dreamers frighten me, they promise everything."},
    ],
}


@pytest.mark.parametrize(
    "question",
    [
        "whats the authors point",
        "what's the main argument of the dreamers council race column",
        "is this an opinion piece or news",
    ],
)
def test_a_columns_point_is_the_writers_own_claim_not_a_view_it_reports(own_engine, question):
    answer = own_engine("column").ask(question)
    first = answer.answer.splitlines()[0]
    assert "makes this point:" in first, answer.answer
    assert "Mayor Ada Quinn says" not in first, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "does the author think the dreamers lead the race",
        "why does the writer compare the dreamers and the race",
    ],
)
def test_the_authors_view_of_what_the_headline_claims_is_the_columns_point(own_engine, question):
    # Not the sentence that shares the most words with it: Mayor Quinn's, a view the column reports.
    answer = own_engine("column").ask(question)
    first = answer.answer.splitlines()[0]
    assert "makes this point:" in first and "Mayor Ada Quinn says" not in first, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "what do readers think of the dreamers council race column",
        "whats the vibe in the dreamers council race column comments",
    ],
)
def test_readers_of_the_column_named_by_its_title_are_the_whole_thread(own_engine, question):
    answer = own_engine("column").ask(question)
    first = answer.answer.splitlines()[0]
    assert (
        first == "What the 4 reader comments on “The dreamers lead the council race” (9 September 2025) say:"
    ), answer.answer


@pytest.fixture(scope="module")
def own_engine(tmp_path_factory, local_embeddings) -> Iterator[Callable[[str], StoryEngine]]:
    yield from engines_by_story(tmp_path_factory, local_embeddings, {"column": COLUMN})
