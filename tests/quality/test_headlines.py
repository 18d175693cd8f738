"""The headline says what the story is about, so its sentences need not: a question setting its event in the
place the headline names is answered by a sentence that never names it again ("The death toll stands at
212" under "Ecuador earthquake"), and "which film" is answered by the film the headline names, not by a
better supported sentence on another. On stories of our own making, answered offline with the real
embedding model."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories, engines_by_story, lead

QUAKE = {
    "title": "Ecuador earthquake",
    "published": "2025-04-09",
    "paragraphs": [
        "A magnitude 6.8 earthquake struck the coast early on Tuesday, flattening homes in the port "
        "districts of El Oro and Guayas.",
        "The death toll stands at 212 and at least 900 people have been injured, civil defense officials "
        "said on Wednesday.",
        "Rescue teams were still searching collapsed buildings in the port of Machala.",
        "The country has a long history of earthquakes.",
        "In 1998, a quake in Ecuador killed more than 300 people.",
        "More than 600 people died in Ecuador in 2016 after a quake on the northern coast.",
    ],
}

FILM = {
    "title": "Ember Tide box office",
    "published": "2025-06-15",
    "paragraphs": [
        "“Ember Tide,” the second film in the Harbor Studios saga, topped ticket sales with an estimated $88 "
        "million over its opening weekend, according to the studio.",
        "That was below what the studio had hoped for.",
        "Last month, “Glass Orchard” made $120 million at the box office on its opening weekend, thanks to "
        "Lumen Pictures' marketing.",
        "The weekend box office was the biggest since March, analysts at Comscore said.",
        "Harbor Studios plans a third film for next summer.",
    ],
}

SAILOR = {
    "title": "Lena Ostrova youngest sailor",
    "published": "2025-07-20",
    "paragraphs": [
        "A 16-year-old has become the youngest person to sail solo around the world, arriving in Cape Town "
        "on Sunday.",
        "Sailor Lena Ostrova docked her yacht at the harbour shortly after dawn, the race organisers said.",
        "Her voyage took 240 days and crossed three oceans.",
        "She broke the record held by her cousin Piet Ostrova, who was the youngest person to sail solo "
        "around the world in 2019.",
    ],
}

RESIDENCY = {
    "title": "Singer Marla Quinn to launch Las Vegas residency",
    "published": "2025-07-25",
    "paragraphs": [
        "Marla Quinn is returning to Las Vegas.",
        "After postponing her concert series at the Starlight Theater a day before it was to start in "
        "January, the singer announced new dates on Monday.",
        "Her shows will now run from November 18 to March 23, with eight dates added.",
    ],
}
# A longer story on another singer, one of whose sentences shares more of the question's words.
OBITUARY = {
    "title": "Dana Reyes obit",
    "published": "2025-06-08",
    "paragraphs": [
        "Dana Reyes, whose ballads topped the charts in the 1980s, has died at 73.",
        "Among her highlights were guest appearances on television, a long-running residency at the "
        "Flamingo Las Vegas and a dance-club hit recorded with her daughter.",
        "She recorded her first single in London in 1966 and scored a few international hits before moving "
        "to America, where a string of country records made her famous.",
        "Reyes received a ceremonial key to the Las Vegas Strip in 2014.",
        "Her 1978 album sold more than ten million copies and spent a year on the charts, and its title "
        "song was played at weddings for decades, long after the disco era it belonged to had passed.",
        "In the 1990s she turned to acting, taking roles in two television dramas and a stage musical that "
        "ran for three seasons on Broadway before touring the country and Canada.",
        "She was diagnosed with cancer in 1992 and became an advocate for research, raising millions of "
        "dollars for a cancer center that now bears her name in her home town.",
        "She is survived by her husband, her daughter and two grandchildren, her family said in a statement "
        "posted on her website on Monday morning.",
    ],
}


@pytest.fixture(scope="module")
def two_singers(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    stories = {"residency.json": RESIDENCY, "obituary.json": OBITUARY}
    yield from engine_on_stories(tmp_path_factory, local_embeddings, "two-singers", stories)


def test_the_story_whose_headline_fits_the_question_answers_it(two_singers):
    answer = two_singers.ask("Which popular singer will launch a Las Vegas residency later this year?")
    assert lead(answer.answer) == "Article: Marla Quinn is returning to Las Vegas.", answer.answer


@pytest.fixture(scope="module")
def own_engine(tmp_path_factory, local_embeddings) -> Iterator[Callable[[str], StoryEngine]]:
    stories = {"quake": QUAKE, "film": FILM, "sailor": SAILOR}
    yield from engines_by_story(tmp_path_factory, local_embeddings, stories)


def test_a_count_set_in_the_headline_s_place_need_not_name_it(own_engine):
    # The earlier quakes name Ecuador; today's toll does not need to, under its headline.
    answer = own_engine("quake").ask("how many people died in the ecuador quake")
    assert lead(answer.answer).startswith("Article: The death toll stands at 212"), answer.answer


def test_a_place_the_headline_does_not_name_is_still_asked_of_each_sentence(own_engine):
    answer = own_engine("quake").ask("how many people died in the machala quake")
    assert "212" not in lead(answer.answer), answer.answer


def test_which_film_is_the_film_the_headline_names(own_engine):
    answer = own_engine("film").ask("which film topped the box office this weekend?")
    assert lead(answer.answer).startswith("Article: “Ember Tide,” the second film"), answer.answer


def test_the_headline_s_subject_is_not_taken_from_a_sentence_that_says_she_first(own_engine):
    # "She broke the record held by her cousin Piet Ostrova" names the headline's surname, after "She".
    answer = own_engine("sailor").ask("who is the youngest person to sail around the world")
    assert "Lena Ostrova" in lead(answer.answer), answer.answer
