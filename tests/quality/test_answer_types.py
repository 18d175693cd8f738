"""The lead carries the kind of thing asked for, on stories of our own making, answered offline with the
real embedding model: a place for "where" (in words the question does not use), a reason for "why" typed
with "us" for the country and emphasis around it, a count of the thing "how many" asks about, and for
"now" today's figure rather than an old record; what someone said from the article's quotation, how a
thing was done, what someone wants from the sentence stating the demand, and how someone did from the
sentence giving the result (a reader's, as a reader's claim, when only a reader gives it), what things
(in the plural) from the sentence listing them, and what a named reader said from their own words rather
than what they quote; a word typed one letter off the story's own ("hocky") still finds it; a question
about a place the story names, asking what the story never mentions ("the capital of"), or about a year
the story neither mentions nor is from, is not answered; a "yes" the article gives is followed by a reader
who says otherwise; "what's the deal with the timetable" is about the timetable; and "does it mention X"
is a yes from the sentence naming X, or a sure no; "the top comment" is the one with the most votes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import pytest

from retrieval import StoryEngine
from tests.support.story_files import LIBRARY_STORY, engine_on_stories, lead

DEPOT = {
    "title": "Night buses return as the depot reopens",
    "published": "2025-03-04",
    "paragraphs": [
        "The city's bus depot reopened on Monday after a month of repairs.",
        "Officials said the reopening would bring more night services, with more buses running into and "
        "out of the Old Town, mostly after 10 p.m.",
        "The US-led forces were sent to the valley in 2019, to help local police after the floods.",
        "Residents say the troops should leave before the summer.",
        "Since November the county has confirmed more than 2,000 cases.",
        "There are flu cases every winter, and death rates reach around 1% in older patients.",
        "The single fare had been $2.10 in 2009, the highest single fare at the time.",
        "Riders pay $2.75 for a single ticket from this week.",
        "A new timetable leaked on Friday, and the council confirmed on Saturday that it is genuine.",
        "The timetable starts in April, and the timetable adds six night routes.",
        "The mayor compared the depot's managers to the Edmonton Oilers, a hockey team that keeps losing.",
    ],
    "comments": [
        {"author": "Ann", "text": "The night buses are great news for shift workers like me."},
        {"author": "Bo", "text": "Nobody asked for more buses, they should fix the roads."},
        {"author": "Di", "text": "Fake news."},
        {"author": "Cy", "text": "The managers are like a hockey team with loud cheering but little skill."},
    ],
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    yield from engine_on_stories(
        tmp_path_factory,
        local_embeddings,
        "answer-types",
        {"depot.json": DEPOT, "library.json": LIBRARY_STORY},
    )


@pytest.mark.parametrize(
    ("question", "carried"),
    [
        # The place: of the question's words only "buses" is in the sentence that answers.
        ("where r the extra buses gonna go", "Old Town"),
        # "us" is the country, and "even ... in the first place" asks nothing.
        ("why were us troops even there in the first place", "to help local police"),
        # A count of cases, not the 1% death rate.
        ("how many flu cases are there rn", "2,000"),
        # Today's fare, not the record of 2009.
        ("whats the single fare now", "$2.75"),
    ],
)
def test_the_lead_carries_what_is_asked(engine, question, carried):
    answer = engine.ask(question)
    assert not answer.abstained, answer.reason
    assert carried in lead(answer.answer)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", re.sub(r" \[\d+\]", "", answer.answer)) if s]
    assert len(sentences) == len(set(sentences)), answer.answer  # no sentence shown twice


def test_the_article_sentence_naming_what_is_asked_leads_over_a_readers_that_names_nothing(engine):
    # Cy's comment shares more of the question's words; only the article names the team.
    answer = engine.ask("which hockey team are the managers like")
    assert lead(answer.answer).startswith("Article:") and "Edmonton Oilers" in lead(answer.answer)


def test_whether_a_thing_is_fake_is_answered_by_what_the_story_says_of_it_being_genuine(engine):
    answer = engine.ask("is the timetable fake? someone said it was fake")
    assert not answer.abstained, answer.reason
    assert "genuine" in lead(answer.answer)


def test_the_deal_with_one_thing_is_answered_about_it_not_with_a_summary(engine):
    # "what's the deal here" summarises the story; "the deal with the timetable" asks about the timetable.
    answer = engine.ask("whats the deal with the timetable")
    assert lead(answer.answer).startswith("Article: The timetable starts in April"), answer.answer


def test_whether_the_article_mentions_a_thing_is_answered_by_the_sentence_naming_it(engine):
    # Whether it names them is sure from its words alone: "mention" is no word the answer must hold.
    answer = engine.ask("does the article even mention the oilers?")
    assert lead(answer.answer).startswith("Yes — the article says: The mayor compared"), answer.answer
    # And one it never names is a sure no, saying which story (there are two).
    answer = engine.ask("does the depot story mention the tram?")
    assert answer.answer == "No — “Night buses return as the depot reopens” never mentions “tram”."


def test_a_piece_the_question_names_is_the_one_that_answers(engine):
    # Only the library story says "Sundays"; asked of the depot story, the depot story answers (it does
    # not say), not the library's.
    answer = engine.ask("what does the depot story say about sundays")
    assert {c.story for c in answer.citations} <= {"depot"}, answer.answer
    assert "Sundays" not in answer.answer


def test_the_top_comment_is_the_one_with_the_most_votes(own_engine):
    answer = own_engine("votes").ask("what did the most upvoted comment say")
    assert answer.answer.startswith("A reader (Kit) claims: “Fix the potholes first."), answer.answer


def test_a_word_typed_one_letter_off_the_storys_own_is_mended(engine):
    answer = engine.ask("which hocky team did the mayor compare the managers to lol")
    assert not answer.abstained, answer.reason
    assert "Edmonton Oilers" in lead(answer.answer)
    assert answer.question == "which hocky team did the mayor compare the managers to lol"  # as asked


CONCERT = {
    "title": "Mayor opens the riverside stage",
    "published": "2025-06-02",
    "paragraphs": [
        "The new riverside stage opened on Saturday with a free concert for two thousand people.",
        "I found the mayor backstage, where she was thanking the volunteers who built the stage.",
        "'Music belongs to everyone in this city,' she said.",
        "The stage cost the city four million dollars.",
    ],
    "comments": [
        {
            "author": "Gil",
            "text": "The mayor says music belongs to everyone but the mayor never pays for the music "
            "herself, the mayor just says whatever the music crowd wants to hear.",
        },
    ],
}


def test_what_someone_said_is_the_articles_quotation_first_then_who_and_where(own_engine):
    # Gil's comment repeats more of the question's words; what the mayor said is the article's report,
    # and its "she said" is explained by the sentence before it, which follows the quotation.
    answer = own_engine("speech").ask("what did the mayor say about music")
    first = lead(answer.answer)
    assert first.startswith("Article: 'Music belongs to everyone in this city,' she said."), answer.answer
    assert "backstage" in first


RESCUE = {
    "title": "Hikers rescued from Grey Ridge",
    "published": "2025-02-10",
    "paragraphs": [
        "Two hikers stranded on Grey Ridge for two days were rescued on Sunday, the county said.",
        "The rescue of the stranded hikers on Grey Ridge was the third rescue this winter.",
        "The hikers were rescued from Grey Ridge by helicopter once the fog lifted.",
    ],
    "comments": [
        {"author": "Ivo", "text": "Those hikers were reckless to climb Grey Ridge in that weather."}
    ],
}


def test_how_something_was_done_is_led_by_the_sentence_that_says_how(own_engine):
    # Two sentences repeat the question's words as closely (one a little more); only one says how.
    answer = own_engine("manner").ask("how did they rescue the hikers on grey ridge")
    assert lead(answer.answer).startswith("Article: The hikers were rescued from Grey Ridge by helicopter"), (
        answer.answer
    )


STRIKE = {
    "title": "Bus strike enters third week",
    "published": "2025-05-12",
    "paragraphs": [
        "What the union wants was discussed again on Monday as the strike entered its third week.",
        "The union will not end the strike until the city restores the night shift bonus, its leader said.",
        "Riders have walked or cycled since the strike began.",
    ],
}


def test_what_someone_wants_is_led_by_the_demand_they_make(own_engine):
    # The first sentence repeats "what the union wants" and says nothing of it; the second says what.
    answer = own_engine("demand").ask("what does the union want before the strike ends?")
    assert lead(answer.answer).startswith("Article: The union will not end the strike until"), answer.answer


RACE = {
    "title": "Riverside votes for a new mayor",
    "published": "2025-11-05",
    "paragraphs": [
        "Voters in Riverside chose a new mayor on Tuesday, with turnout the highest in twenty years.",
        "Dana Patel, the former school principal, entered the race in March to campaign on housing.",
        "Polls had shown a close race between the four candidates until the last week.",
    ],
    "comments": [
        {
            "author": "Wren",
            "text": "Patel came in second in the race behind Okafor, I was at the count all night.",
        },
        {"author": "Oz", "text": "Housing was the only issue anyone talked about this year."},
    ],
}


def test_how_someone_did_is_led_by_the_result_even_when_only_a_reader_gives_it(own_engine):
    # "How did X end up doing" asks for a result, not a method. Only a reader gives one; the article's
    # sentence on Patel is as close to the question but says nothing of how she did, so the reader leads,
    # as a reader's claim.
    answer = own_engine("outcome").ask("how did patel end up doing in the race")
    first = lead(answer.answer)
    assert first.startswith("A reader (Wren) claims:") and "came in second" in first, answer.answer


SPREE = {
    "title": "The council's spending spree",
    "published": "2025-09-09",
    "paragraphs": [
        "The council has spent freely all year, and its spending spree shows no sign of ending.",
        "On several projects the council has been overspending for months, the auditor found.",
        "Overspending hit the projects of the tram line, the new library, the harbour wall and the stadium "
        "roof.",
        "The mayor says every project was approved by the full council.",
    ],
}


def test_what_things_is_led_by_the_sentence_that_lists_them(own_engine):
    # "what projects" asks for several things: the sentence listing them leads over a better supported one
    # that only says there are some.
    answer = own_engine("list").ask("in the spending spree column what projects are they overspending on")
    assert lead(answer.answer).startswith("Article: Overspending hit the projects of the tram line"), (
        answer.answer
    )


HOURS = {
    "title": "Library to close earlier on weekdays",
    "published": "2025-04-01",
    "paragraphs": [
        "The city library will close at 6 p.m. on weekdays from May, the council said.",
        "The council says the shorter opening hours save $80,000 a year.",
    ],
    "comments": [
        {
            "author": "Vik",
            "text": "'Shorter library opening hours save money' is all the council ever says about the "
            "library hours. Students lose the only quiet place they have to study in the evening.",
        },
        {"author": "Lu", "text": "The evenings at the library were always quiet anyway."},
    ],
}


def test_what_a_reader_said_is_their_own_words_not_what_they_quote(own_engine):
    # Vik's first sentence repeats the question's words, inside a quotation of the council; what Vik says
    # is the sentence after it.
    answer = own_engine("commenter").ask("what did Vik say about the library hours")
    assert "Students lose the only quiet place" in lead(answer.answer), answer.answer


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
        {"author": "Kit", "text": "Fix the potholes first. Then talk about new projects.", "votes": 41},
        {"author": "Max", "text": "Next year is too late for the buses.", "votes": {"up": 12, "down": 2}},
    ],
}


OWN_STORIES = {
    "votes": POTHOLES,
    "dispute": DEPARTURE,
    "off-topic": STARS,
    "speech": CONCERT,
    "manner": RESCUE,
    "demand": STRIKE,
    "outcome": RACE,
    "commenter": HOURS,
    "list": SPREE,
}


@pytest.fixture(scope="module")
def own_engine(tmp_path_factory, local_embeddings) -> Iterator[Callable[[str], StoryEngine]]:
    """An engine on each story above alone (the words of other stories would move its sentences' support),
    built when a test first asks for it."""
    with ExitStack() as stack:
        built: dict[str, StoryEngine] = {}

        def engine(name: str) -> StoryEngine:
            if name not in built:
                stories = {f"{name}.json": OWN_STORIES[name]}
                on = contextmanager(engine_on_stories)(tmp_path_factory, local_embeddings, name, stories)
                built[name] = stack.enter_context(on)
            return built[name]

        yield engine
