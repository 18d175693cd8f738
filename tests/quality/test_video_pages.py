"""A question whose closest story is a video page (no article text, only the player's boilerplate) is
answered by saying so and naming that story, cited, so the member sees which story and of when, even when
another story holds more of the question's words; with the real embedding model, on stories of our own
making."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import LIBRARY_STORY, engine_on_stories

PLAYER = [
    "1. How relevant is this ad to you?",
    "Video player was slow to load content Video content never loaded Ad froze or did not finish loading "
    "Video content did not start after ad Audio on ad was too loud Other issues",
]
VIDEO_PAGE = {
    "title": "Lemonade maker swaps its yellow can for a clear bottle",
    "published": "2025-06-02",
    "paragraphs": PLAYER,
    "comments": [],
}

# Found by its title alone, which BM25 barely weighs against a story full of the question's words.
RECALL_PAGE = {"title": "Ford recall", "published": "2025-06-09", "paragraphs": PLAYER, "comments": []}
OTHER_RECALL = {
    "title": "Orin recalls SUVs over brake faults",
    "published": "2025-05-20",
    "paragraphs": [
        "Orin recalled 12,000 SUVs this month after owners reported brake failures, the safety agency said.",
        "Owners of the recalled vehicles should not drive them until dealers replace the brake lines.",
        "The recalls involved 9,000 Orin Trek and 3,000 Orin Ridge vehicles, the agency added.",
    ],
    "comments": [],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    stories = {
        "video.json": VIDEO_PAGE,
        "library.json": LIBRARY_STORY,
        "recall-page.json": RECALL_PAGE,
        "other-recall.json": OTHER_RECALL,
    }
    yield from engine_on_stories(tmp_path_factory, local_embeddings, "video-pages", stories)


def test_a_video_page_is_named_and_cited_not_answered(engine):
    answer = engine.ask("which lemonade is getting a new bottle?")
    assert answer.abstained
    assert "“Lemonade maker swaps its yellow can for a clear bottle”, has no article text" in answer.answer
    [citation] = answer.citations
    assert citation.story == "video"
    assert citation.quote == VIDEO_PAGE["title"]  # never the player's text
    assert citation.story_published == "2025-06-02"
    assert "How relevant" not in answer.answer


def test_the_other_story_still_answers(engine):
    answer = engine.ask("when does the library close?")
    assert not answer.abstained and "Sundays" in answer.answer


def test_a_video_page_closest_in_meaning_is_named_though_another_story_has_more_of_the_words(engine):
    # Orin's story is full of the question's words ("recalled", "vehicles"); the page closest in meaning is
    # Ford's, by its title.
    answer = engine.ask("Which automaker recalled 2.9 million vehicles this week?")
    assert answer.abstained and "“Ford recall”, has no article text" in answer.answer, answer.answer
