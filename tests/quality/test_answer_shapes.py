"""Each failure class of typed-as-in-Discord questions, shown on stories of our own making and answered
offline with the real embedding model: the answer leads with what was asked, keeps to one story (the
newest for "now"), gives verdicts, abstains when only a reader has the figure, and names its sources."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories, lead

FERRY_OLD = {
    "title": "Harbour ferry fares to rise",
    "published": "2024-03-01",
    "paragraphs": [
        "The harbour ferry will cost $3 a trip from April, the transit board said on Friday.",
        "The board blamed the higher price of diesel.",
    ],
    "comments": [],
}
FERRY_NEW = {
    "title": "Ferry fare rise goes further than planned",
    "published": "2024-06-10",
    "paragraphs": [
        "Photo: Passengers board the morning ferry. Jane Roe/Harbour Times",
        "The harbour ferry now costs $4 a trip, the transit board confirmed on Monday.",
        "Maria Lopez chairs the transit board. She won the chair's election in May by two votes.",
        "Here's what riders need to know:",
        "Students ride for half price until the end of the year.",
        "The board argues that the fare rise is the only way to keep the night service running.",
        "How relevant is this ad to you?",
    ],
    "comments": [
        {"author": "dockhand_dave", "text": "I heard 9,000 riders have already stopped taking the ferry."},
        {
            "author": "Priya K",
            "text": "Half price for students is a fair deal, and the night service matters.",
        },
        {"author": "Tom Baker", "text": "The board wastes money on consultants instead of boats."},
    ],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(
        tmp_path_factory,
        local_embeddings,
        "shapes",
        {"ferry-old.json": FERRY_OLD, "ferry-new.json": FERRY_NEW},
    )


def test_the_lead_sentence_answers_and_the_answer_is_short(engine):
    answer = engine.ask("how much does the ferry cost now")
    assert not answer.abstained
    assert "$4" in lead(answer.answer)  # not the lead-in, the caption or the older story's $3
    assert len(answer.answer) <= 350
    assert lead(answer.answer).startswith("Article:")
    assert {c.story for c in answer.citations} == {"ferry-new"}


def test_now_questions_take_the_newest_story(engine):
    answer = engine.ask("whats the ferry fare rn")
    assert "$4" in lead(answer.answer) and "$3" not in answer.answer


def test_a_summary_of_the_latest_is_of_the_newest_story(engine):
    # The older story says "harbour ferry" and "fares" as the question does; the newer one is the latest.
    answer = engine.ask("tldr on the latest harbour ferry fares news")
    assert answer.answer.startswith("“Ferry fare rise goes further than planned”"), answer.answer
    answer = engine.ask("tldr on the harbour ferry fares news")
    assert answer.answer.startswith("“Harbour ferry fares to rise”"), answer.answer


def test_the_latest_on_a_thing_is_a_summary_of_the_newest_story_on_it(engine):
    for question in ("whats the latest on the harbour ferry fares", "any updates on harbour ferry fares?"):
        answer = engine.ask(question)
        assert answer.answer.startswith("“Ferry fare rise goes further than planned”"), answer.answer


def test_a_sentence_that_leans_on_the_one_before_brings_it(engine):
    answer = engine.ask("who won the board chair election")
    assert "Maria Lopez" in lead(answer.answer) and "two votes" in lead(answer.answer)


def test_captions_lead_ins_and_ad_text_never_lead(engine):
    for question in ("what do riders need to know", "who boards the morning ferry", "is the ad relevant"):
        answer = engine.ask(question)
        assert "Photo:" not in answer.answer and "How relevant" not in answer.answer
        assert "Here's what" not in answer.answer


def test_a_yes_no_question_gets_a_verdict_first(engine):
    answer = engine.ask("do students ride for half price?")
    assert lead(answer.answer).startswith("Yes — the article says: Students ride for half price")


def test_a_claim_only_a_reader_makes_is_said_to_be_only_theirs(engine):
    answer = engine.ask("someone in the comments says riders stopped taking the ferry, is that true?")
    first = answer.answer.splitlines()[0]
    assert first.startswith("Only a reader comment says so; the article does not mention it.")
    assert "dockhand_dave" in first
    assert [c.kind for c in answer.citations] == ["comment"]


def test_a_figure_only_a_reader_gives_does_not_answer_how_many(engine):
    answer = engine.ask("how many riders have stopped taking the ferry")
    assert answer.abstained
    assert answer.answer.startswith("The article doesn't say; a reader (dockhand_dave) claims:")


def test_a_named_commenter_is_found_loosely(engine):
    answer = engine.ask("what did tom baker say")
    assert not answer.abstained
    assert "Tom Baker" in lead(answer.answer) and "consultants" in answer.answer
    assert all(c.author == "Tom Baker" for c in answer.citations)


def test_the_authors_view_comes_from_the_article(engine):
    answer = engine.ask("what does the article argue about the night service")
    assert not answer.abstained
    assert all(c.kind == "article" for c in answer.citations)
    assert "night service" in lead(answer.answer)


def test_questions_the_stories_cannot_answer_abstain(engine):
    for question in ("how many boats does the board own", "any good pizza places near the pier lol"):
        assert engine.ask(question).abstained, question


@pytest.mark.parametrize("question", ["tl;dr?", "what do ppl in the comments think", "do readers agree?"])
def test_summary_questions_are_answered_not_abstained(engine, question):
    answer = engine.ask(question)
    assert not answer.abstained
    assert len(answer.answer) <= 900
    assert any(c.kind == "article" for c in answer.citations)
    assert "Photo:" not in answer.answer and "How relevant" not in answer.answer


def test_sources_name_their_story_and_date(engine):
    answer = engine.ask("how much does the ferry cost now")
    assert answer.citations[0].story_title == FERRY_NEW["title"]
    assert answer.citations[0].story_published == "2024-06-10"
    assert answer.corpus_stories == 2
