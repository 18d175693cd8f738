"""The article's best passages always compete beside a thread that talks about the same thing (issue 9):
when one of them is already near the bottom of the fused list and the other is not in it, making room for
the other must not push the first one out. Our own story, answered offline with the real embedding model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories

# A paragraph long enough to be a passage of its own, on the council but not on the tram plan.
FILLER = " ".join(
    f"On {day} the council met in the old library and argued for two hours about the agenda, the minutes "
    "and who would chair, and nobody on the council wanted to speak first."
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
)

STORY = {
    "title": "A hundred days of the new council",
    "published": "2025-04-01",
    "paragraphs": [
        "Beyond that, there is confusion over the harbour lease, the snow budget, the tram plan, the library "
        "hours and, before we run out of breath, the parking rules.",
        FILLER,
        "In other words, it is politics as usual at city hall. The dogs bark, the caravan moves on.",
        FILLER.replace("council", "board"),
        "The mayor says the first hundred days were the hardest of her career.",
    ],
    "comments": [
        {"author": f"Rider{i}", "text": text}
        for i, text in enumerate(
            [
                "The tram plan is the best idea this town has had in decades.",
                "A tram plan without a budget is a fantasy.",
                "I will believe the tram plan when I ride the tram.",
                "The tram plan will ruin the high street for years.",
                "My street loses its parking under the tram plan.",
                "The snow was cleared late again on my street.",
                "Who decided the library should close on Sundays?",
                "The harbour lease is a scandal nobody reports.",
            ]
        )
    ],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(
        tmp_path_factory, local_embeddings, "article-places", {"council.json": STORY}
    )


def test_the_articles_sentence_on_a_topic_readers_argue_about_is_its_line(engine):
    answer = engine.ask("how do readers feel about the tram plan")
    article_lines = [line for line in answer.answer.splitlines() if line.startswith("Article:")]
    assert article_lines and "the tram plan" in article_lines[0], answer.answer
