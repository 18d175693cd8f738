"""An explainer answers its own questions: when a member asks what one of its subheads asks ("Who
qualifies?", "How much will the passes cost?"), the paragraphs under that subhead answer, even where another
sentence shares more of the question's words. On a story of our own making, answered offline with the real
embedding model."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engines_by_story, lead

EXPLAINER = {
    "title": "What the new bus passes mean for riders",
    "published": "2025-03-02",
    "paragraphs": [
        "The city council approved a new set of monthly bus passes on Tuesday after a long and bitter debate "
        "about fares.",
        "Council members said the passes qualify riders for free transfers to the tram network, which has "
        "lost riders since the pandemic.",
        "The transit authority expects ridership to climb by a tenth in the first year.",
        "Who qualifies?",
        "Every resident over the age of 16 may buy one at any library branch, with proof of address.",
        "How much will the passes cost?",
        "Riders will pay $40 a month for the standard version, down from $65 under the old system.",
        "Students and pensioners will pay $20 a month.",
        "Why did the council change the fares?",
        "Ridership fell by a third over two years, and the old prices drove commuters back to their cars.",
        "Critics on the council said the cost of the passes to the city budget was never properly counted, "
        "and that riders on the outer routes would see no new buses.",
        "What the council left out",
        "Night routes",
        "Notably, the plan does not extend the passes to the night routes that hospital staff rely on.",
        "The Green Party had pushed for a free weekend service since the last election.",
        "Council members expect the new passes to go on sale in April at the earliest.",
        "The transit authority said sales start in the first week of March.",
        "Complaints from riders about fares have eased since the vote, the authority said.",
        "What are the biggest complaints from riders?",
        "The authority logged 900 calls in the first month. Crowded buses on the morning routes drew the "
        "most complaints, followed by late night services.",
    ],
}


@pytest.fixture(scope="module")
def own_engine(tmp_path_factory, local_embeddings) -> Iterator[Callable[[str], StoryEngine]]:
    yield from engines_by_story(tmp_path_factory, local_embeddings, {"explainer": EXPLAINER})


def test_who_qualifies_is_answered_under_the_story_s_own_question(own_engine):
    # "the passes qualify riders" shares the question's words; the story's own answer is under its subhead.
    answer = own_engine("explainer").ask("who qualifies for the new bus passes?")
    assert lead(answer.answer).startswith("Article: Every resident over the age of 16"), answer.answer


def test_how_much_is_the_amount_under_the_story_s_own_question(own_engine):
    answer = own_engine("explainer").ask("how much do the new passes cost riders")
    assert "$40 a month" in lead(answer.answer), answer.answer


def test_why_is_the_reason_under_the_story_s_own_question(own_engine):
    answer = own_engine("explainer").ask("why did the council change bus fares")
    assert lead(answer.answer).startswith("Article: Ridership fell by a third"), answer.answer


def test_a_question_the_subheads_do_not_ask_is_answered_as_before(own_engine):
    # "How much will the passes cost?" uses "passes" and "cost": asked about the cost to the budget in other
    # words, no subhead asks it, and the critics' sentence answers.
    answer = own_engine("explainer").ask("what did critics say about the budget")
    assert lead(answer.answer).startswith("Article: Critics on the council said"), answer.answer


def test_a_subhead_that_asks_without_a_question_mark_answers_with_the_section_under_it(own_engine):
    # "What the council left out" heads its section; "Night routes" under it opens the first part of it.
    answer = own_engine("explainer").ask("what did the council leave out?")
    assert lead(answer.answer).startswith("Article: Notably, the plan does not extend"), answer.answer


def test_the_source_a_question_cites_leads(own_engine):
    # Both sentences say when; the question asks what the transit authority said.
    answer = own_engine("explainer").ask("according to the transit authority, when do the passes go on sale?")
    assert lead(answer.answer).startswith("Article: The transit authority said"), answer.answer


def test_the_story_s_question_may_hold_a_word_the_member_leaves_out(own_engine):
    # "What are the biggest complaints from riders?" is asked without "biggest"; the paragraph under it
    # answers in its second sentence, which is closer than its first.
    answer = own_engine("explainer").ask("what are the complaints from riders?")
    assert lead(answer.answer).startswith("Article: Crowded buses on the morning routes"), answer.answer
