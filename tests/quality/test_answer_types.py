"""The lead carries the kind of thing asked for, on stories of our own making, answered offline with the
real embedding model: a place for "where" (in words the question does not use), a reason for "why" typed
with "us" for the country and emphasis around it, a count of the thing "how many" asks about, and for
"now" today's figure rather than an old record; what someone said from the article's quotation, how a
thing was done, what someone wants from the sentence stating the demand, and how someone did from the
sentence giving the result (a reader's, as a reader's claim, when only a reader gives it), what things
(in the plural) from the sentence listing them, and what a named reader said from their own words rather
than what they quote; a word typed one letter off the story's own ("hocky") still finds it; "what's the
deal with the timetable" is about the timetable; "does it mention X" is a yes from the sentence naming X,
or a sure no; and a piece the question names is the one that answers. (More question kinds, on more
stories: test_question_kinds.py.)"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import LIBRARY_STORY, engine_on_stories, engines_by_story, lead

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
    # A reader naming it is no mention by the story: Ann's "shift workers" are hers.
    answer = engine.ask("does the author mention shift workers")
    assert (
        answer.answer == "No — “Night buses return as the depot reopens” never mentions “shift workers”."
    ), answer.answer


def test_a_piece_the_question_names_is_the_one_that_answers(engine):
    # Only the library story says "Sundays"; asked of the depot story, the depot story answers (it does
    # not say), not the library's.
    answer = engine.ask("what does the depot story say about sundays")
    assert {c.story for c in answer.citations} <= {"depot"}, answer.answer
    assert "Sundays" not in answer.answer


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
    for question in ("what did the mayor say about music", "the mayor's quote on music?"):
        answer = own_engine("speech").ask(question)
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


TRIAL = {
    "title": "Harbor Mills pollution trial",
    "published": "2025-05-14",
    "paragraphs": [
        "Harbor Mills was not present for the verdict on Tuesday, and its lawyers plan to file an appeal.",
        "A Marlow County jury found Harbor Mills liable for polluting the Tessel River and ordered it to pay "
        "$3 million to the fishing families who sued.",
        "The company's spokesperson said the verdict was a disappointment.",
        "Residents have complained about the river since the mill reopened in 2019.",
    ],
}


def test_what_the_verdict_was_is_led_by_the_sentence_stating_it(own_engine):
    # Two sentences name "the verdict" without saying what it was; the jury's finding leads.
    answer = own_engine("verdict").ask("what was the harbor mills verdict")
    assert lead(answer.answer).startswith("Article: A Marlow County jury found Harbor Mills liable"), (
        answer.answer
    )


SNAKE = {
    "title": "Delta heaviest python caught",
    "published": "2025-06-02",
    "paragraphs": [
        "The python is the heaviest python ever caught in the delta, the Marren Wildlife Trust said on "
        "Friday.",
        "The rangers said it was the biggest python they had ever seen, and the python was a female.",
        "Rangers who run the trust's Reticulated python research program weighed it at the lab on Thursday.",
        "The python had eaten a young deer, rangers said.",
    ],
}


def test_what_kind_of_thing_is_answered_by_the_sentence_naming_its_kind(own_engine):
    # The closer sentence says "the python", and the headline's "heaviest" one would lead: only one names
    # which kind.
    answer = own_engine("kind").ask("what kind of python was it")
    assert answer.answer.startswith("Article: Rangers who run the trust's Reticulated python"), answer.answer


OWN_STORIES = {
    "speech": CONCERT,
    "manner": RESCUE,
    "demand": STRIKE,
    "outcome": RACE,
    "commenter": HOURS,
    "list": SPREE,
    "verdict": TRIAL,
    "kind": SNAKE,
}


@pytest.fixture(scope="module")
def own_engine(tmp_path_factory, local_embeddings) -> Iterator[Callable[[str], StoryEngine]]:
    yield from engines_by_story(tmp_path_factory, local_embeddings, OWN_STORIES)
