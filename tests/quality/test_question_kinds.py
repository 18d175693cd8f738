"""Questions a story may not answer, or answer with more than one voice, on stories of our own making,
answered offline with the real embedding model: a question about a place the story names, asking what the
story never mentions ("the capital of"), or about a year the story neither mentions nor is from, is not
answered, nor what someone it never names said; a "yes" the article gives is followed by a reader who says
otherwise; "the top comment" is the one with the most votes; "NH" is the story's New Hampshire; how
someone did is about them; how someone reacted is what the article reports they said; a name that
fits two readers gets what each said; and a verdict no sentence states is not answered."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engines_by_story, lead

STARS = {
    "title": "A telescope in the outback",
    "published": "2025-08-12",
    "paragraphs": [
        "Alpha Centauri bears a special meaning for Australia, where it shines on the flag of one state.",
        "The new telescope near Alice Springs will watch Alpha Centauri every night for ten years.",
        "Its builders, the Outback Optics team, won the Southern Sky Prize in August.",
    ],
}


def test_a_question_about_a_place_the_story_names_but_not_about_what_it_asks_is_not_answered(own_engine):
    # The story names Australia, but never its capital: it does not say.
    answer = own_engine("off-topic").ask("What is the capital of Australia?")
    assert answer.abstained, answer.answer
    # What it does say of Australia is answered.
    answer = own_engine("off-topic").ask("what does alpha centauri mean for australia")
    assert not answer.abstained and "special meaning" in answer.answer


def test_a_question_about_another_year_than_the_storys_is_not_answered(own_engine):
    # The story, of 2025, never mentions 1998: however close its sentence, it is about another time.
    answer = own_engine("off-topic").ask("Which team won the 1998 Southern Sky Prize?")
    assert answer.abstained, answer.answer
    answer = own_engine("off-topic").ask("Which team won the 2025 Southern Sky Prize?")
    assert not answer.abstained and "Outback Optics" in answer.answer


DEPARTURE = {
    "title": "Coalition to leave the country, general writes",
    "published": "2025-01-07",
    "paragraphs": [
        "The coalition will be leaving the country within weeks, the general wrote to the defence ministry.",
        "The letter asks for patience with helicopter flights at night.",
    ],
    "comments": [
        {"author": "Sam", "text": "Good riddance, the coalition should be leaving the country anyway."},
        {
            "author": "Rhea",
            "text": "The minister said on Monday there is no decision whatsoever to leave the country.",
        },
    ],
}


def test_a_yes_the_article_gives_is_followed_by_a_reader_who_says_otherwise(own_engine):
    answer = own_engine("dispute").ask("so are they actually leaving the country or not??")
    verdict, *rest = answer.answer.splitlines()
    assert verdict.startswith("Yes — the article says: The coalition will be leaving"), answer.answer
    # Sam agrees and is not shown; Rhea says the opposite, as a reader's claim.
    assert rest == [
        "But a reader (Rhea) claims: “The minister said on Monday there is no decision whatsoever to leave "
        "the country.” [2]"
    ], answer.answer
    # Where no reader says otherwise, the verdict stands alone.
    answer = own_engine("dispute").ask("did the general write to the defence ministry?")
    assert len(answer.answer.splitlines()) == 1, answer.answer


POTHOLES = {
    "title": "Council delays the road repairs",
    "published": "2025-03-03",
    "paragraphs": ["The council will repair the ring road next year, not this spring."],
    "comments": [
        {"author": "Ada", "text": "The ring road is fine, I drive it every day.", "votes": 3},
        {
            "author": "Kit",
            "text": "Fix every pothole on our street first, please. Nobody should read this road repairs "
            "piece and believe the council.",
            "votes": 41,
        },
        {"author": "Max", "text": "Next year is too late for the buses.", "votes": {"up": 12, "down": 2}},
        {
            "author": "Max",
            "text": "I said it last year and I will say it again: the council says one thing, does another.",
            "votes": 1,
        },
    ],
}


@pytest.mark.parametrize(
    "question",
    [
        "what did the most upvoted comment say",
        # The piece named is the story, not what the comment is about: the comment reads in its own order.
        "what did the top comment on the road repairs piece say",
    ],
)
def test_the_top_comment_is_the_one_with_the_most_votes(own_engine, question):
    answer = own_engine("votes").ask(question)
    first = "A reader (Kit) claims: “Fix every pothole on our street first"
    assert answer.answer.startswith(first), answer.answer


def test_what_a_reader_said_is_their_most_voted_comment(own_engine):
    # Not the comment nearest "what did max say" in meaning (the one saying "I said it ...").
    answer = own_engine("votes").ask("what did max say")
    assert answer.answer.startswith("A reader (Max) claims: “Next year is too late for the buses.”"), (
        answer.answer
    )


PRIMARY = {
    "title": "Governors fade in the primary",
    "published": "2024-01-24",
    "paragraphs": [
        "In New Hampshire the economy is healthy, with unemployment under 4 per cent.",
        "Mr. Grant has survived every scandal so far. He will win New Hampshire easily.",
        "The Ohio governor, Dana Patel, is also on the ballot here.",
    ],
    "comments": [{"author": "Wren", "text": "Patel came in second in New Hampshire, I was at the count."}],
}


def test_an_abbreviation_is_the_name_the_story_spells_out(own_engine):
    answer = own_engine("primary").ask("how many ppl are out of work in NH")
    assert "unemployment under 4 per cent" in answer.answer, answer.answer


def test_how_someone_did_is_about_them_not_whoever_he_is(own_engine):
    # "He will win New Hampshire easily" is Grant's result, not Patel's: the reader who gives Patel's leads,
    # and the article's line beside it is the one about Patel, not Grant's.
    answer = own_engine("primary").ask("how did patel end up doing in NH")
    first, context = answer.answer.splitlines()
    assert first.startswith("A reader (Wren) claims: “Patel came in second"), answer.answer
    assert context.startswith("Article: The Ohio governor, Dana Patel"), answer.answer


BRIDGE = {
    "title": "Harbor bridge to close for repairs",
    "published": "2025-02-11",
    "paragraphs": [
        "The harbor bridge will close for six months of repairs from March, the city said on Monday.",
        "Traffic on the coast road is expected to double while the bridge is closed.",
        "The city's response to the closure is a new bus lane on the coast road.",
        "Mayor Ruth Okafor called the closure “painful but overdue” and promised free ferries during the "
        "work.",
    ],
}


def test_whether_someone_said_anything_is_answered_with_what_they_said(own_engine):
    # Not "the story doesn't say outright": it says what she said.
    for question in ("did the mayor say anything??", "whats the mayor's response to the closure"):
        answer = own_engine("bridge").ask(question)
        assert lead(answer.answer).startswith("Article: Mayor Ruth Okafor called the closure"), answer.answer


RECITAL = {
    "title": "School dance recital moves to the town hall",
    "published": "2025-05-02",
    "paragraphs": [
        "The spring dance recital will be held at the town hall this year while the school gym is repaired.",
        "Tickets for the dance cost $5 and go on sale on Monday, principal Doug Harris said.",
    ],
    "comments": [
        {"author": "DougM5", "text": "The town hall stage is far too small for forty dancers."},
        {"author": "Doug Wells", "text": "Five dollars is a fair price for an evening out."},
    ],
}


def test_a_commenter_named_by_the_start_of_their_handle_is_not_respelled(own_engine):
    # "dougm" is one letter from the story's "Doug" (its principal, and another reader's first name), and
    # the start of the handle "DougM5": that commenter, not a misspelling.
    answer = own_engine("recital").ask("what did dougm say")
    assert lead(answer.answer).startswith("A reader (DougM5)"), answer.answer


NOISE = {
    "title": "Riverside stage opens to noise complaints",
    "published": "2025-06-02",
    "paragraphs": [
        "The new riverside stage opened on Saturday with a free concert for two thousand people.",
        "Council member Rita Vance dismissed the complaints about noise, saying the stage would close at "
        "10 p.m.",
        "The stage cost the city four million dollars.",
    ],
    "comments": [
        {
            "author": "Gil",
            "text": "Vance reacts to every noise complaint by ignoring it, the council never listens to the "
            "complaints.",
        }
    ],
}


def test_how_someone_reacted_is_what_the_article_reports_they_said(own_engine):
    # Gil's comment repeats "reacts" and "complaint"; how Vance reacted is the article's report of it.
    answer = own_engine("reaction").ask("how did vance react to the noise complaints")
    assert lead(answer.answer).startswith("Article: Council member Rita Vance dismissed"), answer.answer


def test_what_someone_the_story_never_names_said_is_not_answered(own_engine):
    # No fire chief in the story: not Vance's words, nor Gil's.
    answer = own_engine("reaction").ask("what did the fire chief say about the noise complaints")
    assert answer.abstained, answer.answer
    assert (
        own_engine("reaction")
        .ask("what did the council member say about the noise")
        .answer.startswith("Article: Council member Rita Vance dismissed")
    )


PIER = {
    "title": "Town votes to rebuild the old pier",
    "published": "2025-05-02",
    "paragraphs": ["The town council voted on Monday to rebuild the old pier at a cost of $2 million."],
    "comments": [
        {"author": "Mark Shore", "text": "Two million dollars for a pier nobody uses is a waste."},
        {"author": "Mark Farmer", "text": "The pier brings tourists, and tourists bring money to the shops."},
    ],
}


def test_a_name_that_fits_two_readers_gets_what_each_said(own_engine):
    answer = own_engine("namesakes").ask("what did mark say")
    assert answer.answer.splitlines()[:2] == [
        "A reader (Mark Shore) claims: “Two million dollars for a pier nobody uses is a waste.” [1]",
        "A reader (Mark Farmer) claims: “The pier brings tourists, and tourists bring money to the shops.” "
        "[2]",
    ], answer.answer


HEARING = {
    "title": "Skater's trial set to start Friday",
    "published": "2025-03-03",
    "paragraphs": [
        "A court on Monday scheduled skater Dana Voss's trial to start on Friday, her lawyer said.",
        "Voss's detention has sparked a wave of support among skaters, who call her sentence unjust before "
        "any trial.",
        "She could face up to ten years in prison.",
    ],
}


def test_a_verdict_the_story_does_not_state_is_not_answered(own_engine):
    # The trial has not begun: no sentence states a verdict or a sentence passed.
    answer = own_engine("hearing").ask("what sentence did dana voss get")
    assert answer.abstained, answer.answer


OWN_STORIES = {
    "off-topic": STARS,
    "dispute": DEPARTURE,
    "votes": POTHOLES,
    "primary": PRIMARY,
    "bridge": BRIDGE,
    "recital": RECITAL,
    "reaction": NOISE,
    "namesakes": PIER,
    "hearing": HEARING,
}


@pytest.fixture(scope="module")
def own_engine(tmp_path_factory, local_embeddings) -> Iterator[Callable[[str], StoryEngine]]:
    yield from engines_by_story(tmp_path_factory, local_embeddings, OWN_STORIES)
