"""A question typed as a bare noun phrase ("death toll from the flood?") asks what that thing is, on a story
of our own making, answered offline with the real embedding model: a count for a toll, not the sentences
repeating the phrase, nor a count placed in an earlier year; and a figure no sentence gives is not
answered with a sentence that gives none, or another figure."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories, lead

FLOOD = {
    "title": "River floods the valley towns",
    "published": "2025-04-02",
    "paragraphs": [
        "The flood death toll is the worst question the valley towns have faced, the mayor said on Tuesday.",
        "Nine people died in the flood when the river broke its banks overnight, officials said.",
        "The valley last flooded in 1998, when 40 people died after the old levee failed.",
        "Residents say the new levee was built too low.",
    ],
    "comments": [{"author": "Ann", "text": "The death toll from this flood shows the levee was a scandal."}],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(tmp_path_factory, local_embeddings, "bare", {"flood.json": FLOOD})


@pytest.mark.parametrize("question", ["death toll from the flood?", "flood death toll?"])
def test_a_bare_noun_phrase_asks_for_what_it_names(engine, question):
    # Not the reader's or the mayor's sentence repeating "death toll", nor the count of an earlier flood:
    # this one's.
    answer = engine.ask(question)
    assert lead(answer.answer).startswith("Article: Nine people died in the flood"), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "what share of the valley towns' residents say the new levee was built too low?",
        "how many valley towns residents say the new levee was built too low",
    ],
)
def test_a_figure_asked_at_length_that_no_sentence_gives_is_not_answered(engine, question):
    # The question spells its subject out, and the sentence on it gives no figure: not that sentence, nor
    # the 1998 flood's "40 people died".
    answer = engine.ask(question)
    assert answer.abstained, answer.answer
