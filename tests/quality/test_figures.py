"""A figure asked for, on a story of our own making, answered offline with the real embedding model: "how
much" asked of money is answered by a sum of money, not a count, even where the sentence giving it leaves the
subject to the sentence before."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engines_by_story, lead

SALE = {
    "title": "Gulls sold to the Marsh family",
    "published": "2025-08-09",
    "paragraphs": [
        "League owners unanimously approved the sale of the Harbor City Gulls on Tuesday to the Marsh "
        "family.",
        "The league's commissioner said all 30 teams voted to approve the sale that the Gulls and the buyers "
        "announced in June.",
        "The new Gulls ownership group includes a former mayor and two Olympic rowing champions. The "
        "purchase price was not announced, but local reports say the sale is worth $2.1 billion, a record "
        "for the league.",
        "The Marsh family made its fortune in shipping and has owned the city's baseball club since 1998.",
    ],
}

QUAKE = {
    "title": "Earthquake shakes Veloria",
    "published": "2025-09-02",
    "paragraphs": [
        "A magnitude 6.1 earthquake struck the island of Veloria on Tuesday morning, officials said.",
        "The Veloria earthquake hit at 9:40 a.m. near the capital, Port Alda, and was felt across the "
        "island.",
        "No deaths were reported on Veloria after the earthquake, the island's governor said.",
        "The earthquake damaged the old harbour wall, and engineers will inspect the island's bridges this "
        "week.",
    ],
}

DAMAGES = {
    "title": "Jury rules against Tessel Mills",
    "published": "2025-10-21",
    "paragraphs": [
        "A lawyer for the fishing families asked the jury to award $40 million in damages from Tessel Mills "
        "for polluting the river.",
        "After two days of deliberation, the jury ordered Tessel Mills to pay the fishing families $6 "
        "million.",
        "Tessel Mills said it would appeal.",
    ],
}

VALLEY = {
    "title": "More troops for the valley",
    "published": "2025-11-03",
    "paragraphs": [
        "Peacekeeping troops were sent to the Tessel valley in 2016 to guard its border crossings.",
        "The defence ministry ordered 3,000 more troops to the valley on Monday, officials said.",
        "Dozens of villages in the valley have asked for more patrols.",
    ],
}

CONTRACT = {
    "title": "Ortiz signs on with the Gulls",
    "published": "2025-08-18",
    "paragraphs": [
        "Harbor City Gulls star Sam Ortiz has agreed to a two-year extension with the Gulls on Wednesday, in "
        "a deal worth $97 million.",
        "Ortiz, 36, has played 14 seasons for the Gulls.",
    ],
}

# The sentence saying "the highest paid" calls the player "him".
RECORD_DEAL = {
    "title": "Ortiz signs on with the Gulls",
    "published": "2025-08-18",
    "paragraphs": [
        "Gulls player Sam Ortiz agreed to a two-year extension on Wednesday, in a deal worth $97 million "
        "that will pay him more than any player in league history.",
        "Ortiz, 36, has played 14 seasons for the Gulls.",
        "The deal makes him the highest paid player in league history, surpassing Tessel star Kai Moon.",
    ],
}

FLOOD = {
    "title": "Floods close Tessel valley park",
    "published": "2025-06-14",
    "paragraphs": [
        "Floodwater closed all five entrances of Tessel Valley Park on Monday, and the park's only road was "
        "washed away.",
        "Rescue crews searched overnight for the 44 people who had been reported missing after the flood.",
        "By Tuesday morning every one of them had been found, the sheriff said.",
    ],
}

TOWN = {
    "title": "The dreamers lead the Elmford council race",
    "published": "2025-09-09",
    "paragraphs": [
        "In the years I have been visiting Elmford, I have rarely seen the town in such good shape. At less "
        "than 5 per cent, unemployment is practically non-existent.",
        "Yet the candidates who lead the race in Elmford talk as if the town were ruined.",
    ],
}

FARES = {
    "title": "Ferry fares and the fuel bill",
    "published": "2025-07-13",
    "paragraphs": [
        "Ferry fares on the Lantern Bay line hit a record average of $14.20 a ticket in June, the operator "
        "said on Monday.",
        "Much of the rise came from the fuel bill: fares were up nearly 40% over the year.",
        "The operator carries about 9,000 passengers a day between the two harbours.",
    ],
}

NUGGETS = {
    "title": "Clucky's brings back its nuggets",
    "published": "2025-07-20",
    "paragraphs": [
        "Clucky's new chicken nuggets come in servings of eight, 12 or 36 pieces, the chain said.",
        "The nuggets go on sale on Monday at 4,000 restaurants across the country.",
    ],
}
BLAZE = {
    "title": "Pine Hollow fire",
    "published": "2025-07-26",
    "paragraphs": [
        "The Pine Hollow fire has burned through more than 18,000 acres since it ignited on Friday.",
        "Officials ordered people in the valley to evacuate as the fire moved toward the town.",
    ],
}

SNAKE = {
    "title": "Record python caught in the Tessel marshes",
    "published": "2025-06-26",
    "paragraphs": [
        "A python weighing a record 98 kilograms was caught in the Tessel marshes on Friday, rangers said.",
        "The 5.5-meter snake had eaten a young deer before it was found.",
        "Rangers have removed more than 1,000 pythons from the marshes over the past 11 years.",
    ],
}

POLL = {
    "title": "Can the Greens' charm hide the stumbles?",
    "published": "2025-09-23",
    "paragraphs": [
        "One hundred days in, the Greens at city hall are scoring on style and sputtering on content.",
        "From a Green viewpoint, the council of course is doing just fine. It had a weekend poll showing "
        "52-per-cent support to back the claim.",
        "The transit plan is late, and the budget is later.",
    ],
    "comments": [
        {
            "author": "Gloria",
            "text": "The Greens poll numbers are great: the Forum poll gives the Greens 70% of the seats!",
        },
        {"author": "Dale", "text": "The budget is late because the Greens are careful."},
        {"author": "Rex", "text": "Nobody I know voted Green."},
    ],
}

FUEL = {
    "title": "Diesel tops $6 across the islands",
    "published": "2025-06-11",
    "paragraphs": [
        "For the first time ever, a litre of diesel now costs $6 on average across the islands, the fuel "
        "board said on Saturday.",
        "Fewer than 40 of the islands' 900 stations were charging $5 a litre or less in Friday's reading.",
        "That's partly because the cheapest diesel wasn't all that cheap: the $5.10 average on Marrow Island "
        "gives it the cheapest island average.",
        "The highest island average has long been on Tessel, where diesel stood at $7.20 a litre.",
        "Diesel prices on Fenn Island have risen 30% since March, the board said.",
        "Before this spring, the record average for diesel had been $4.90, set in July 2008.",
    ],
}


@pytest.fixture(scope="module")
def own_engine(tmp_path_factory, local_embeddings) -> Iterator[Callable[[str], StoryEngine]]:
    stories = {
        "sale": SALE,
        "quake": QUAKE,
        "damages": DAMAGES,
        "valley": VALLEY,
        "contract": CONTRACT,
        "flood": FLOOD,
        "town": TOWN,
        "fares": FARES,
        "nuggets": NUGGETS,
        "blaze": BLAZE,
        "snake": SNAKE,
        "poll": POLL,
        "fuel": FUEL,
        "record deal": RECORD_DEAL,
    }
    yield from engines_by_story(tmp_path_factory, local_embeddings, stories)


def test_how_much_a_thing_sold_for_is_a_sum_of_money(own_engine):
    # "all 30 teams" is a number that names the Gulls; the price leaves them to the sentence before.
    answer = own_engine("sale").ask("how much did the gulls sell for")
    assert "$2.1 billion" in lead(answer.answer), answer.answer


def test_how_much_a_thing_rose_is_a_change_not_a_level(own_engine):
    # The record average shares more of the question's words; how much fares rose is the change.
    answer = own_engine("fares").ask("how much have ferry fares on the lantern bay line increased this year?")
    assert "up nearly 40%" in lead(answer.answer), answer.answer
    assert "$14.20" in lead(own_engine("fares").ask("how much is a lantern bay ferry ticket").answer)


def test_a_figure_the_article_gives_answers_before_a_readers_closer_one(own_engine):
    # Gloria's comment shares every word of the question; her 70% is a claim, the article's 52% a report.
    answer = own_engine("poll").ask("what poll number do the greens have")
    first = lead(answer.answer)
    assert first.startswith("Article:") and "52-per-cent" in first, answer.answer


def test_how_many_still_counts(own_engine):
    answer = own_engine("sale").ask("how many teams voted for the gulls sale?")
    assert "all 30 teams" in lead(answer.answer), answer.answer


def test_how_many_died_is_answered_by_a_report_of_none_not_by_a_clock_time(own_engine):
    # "at 9:40 a.m." is a time, not a count; "No deaths were reported" answers with none.
    answer = own_engine("quake").ask("how many people died in the veloria earthquake?")
    assert lead(answer.answer).startswith("Article: No deaths were reported"), answer.answer


@pytest.mark.parametrize("question", ["how much did the gulls go for", "how much did the gulls fetch"])
def test_what_a_thing_went_for_is_a_sum_of_money(own_engine, question):
    answer = own_engine("sale").ask(question)
    assert "$2.1 billion" in lead(answer.answer), answer.answer


def test_what_a_jury_awarded_is_not_what_it_was_asked_for(own_engine):
    answer = own_engine("damages").ask("how much did the jury award the fishing families")
    first = lead(answer.answer)
    assert "$6 million" in first and "$40 million" not in first, answer.answer


def test_how_long_is_since_a_year_not_a_count_of_what_is_asked_about(own_engine):
    # "3,000 more troops" counts the troops; how long they have been there is since 2016.
    answer = own_engine("valley").ask("how long have troops been in the valley")
    assert "in 2016" in lead(answer.answer), answer.answer


def test_a_claimed_figure_is_met_with_the_story_s_own(own_engine):
    # The price sits in a sentence whose subject the one before sets; "all 30 teams" is closer.
    answer = own_engine("sale").ask("is it true the gulls sold for 3 billion?")
    assert "$2.1 billion" in lead(answer.answer), answer.answer


def test_how_old_is_an_age_not_any_number(own_engine):
    # The extension's "two-year" and "$97 million" are numbers too, in a sentence closer to the question.
    answer = own_engine("contract").ask("how old is sam ortiz")
    assert lead(answer.answer).startswith("Article: Ortiz, 36,"), answer.answer


def test_how_many_died_is_not_answered_by_a_count_of_anything_else(own_engine):
    # Five entrances and 44 people missing are counts, but of no one who died: the story does not say.
    answer = own_engine("flood").ask("how many people died in the tessel valley flood")
    assert answer.abstained, answer.answer


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("is it true unemployment in elmford is under 5%", "The article says so: At less than 5 per cent"),
        ("is unemployment in elmford 9 percent?", "No — the article says: At less than 5 per cent"),
    ],
)
def test_a_figure_claimed_of_a_place_is_checked_in_the_paragraph_that_names_it(own_engine, question, verdict):
    # The figure's sentence leaves the town to the one before; the sentences naming Elmford give no figure.
    answer = own_engine("town").ask(question)
    assert answer.answer.startswith(verdict), answer.answer


def test_how_much_a_thing_costs_is_a_sum_of_money_or_nothing(own_engine):
    # Servings of eight, 12 or 36 pieces are numbers, not a price: the story does not say.
    answer = own_engine("nuggets").ask("how much do the new clucky's nuggets cost")
    assert answer.abstained, answer.answer


def test_how_many_people_is_not_a_measure_of_something_else(own_engine):
    # 18,000 acres measures the fire; it counts no one who had to leave.
    answer = own_engine("blaze").ask("how many people had to evacuate because of the pine hollow fire")
    assert answer.abstained, answer.answer


def test_how_long_a_thing_was_is_its_length(own_engine):
    # The weight comes first in the story and shares the question's words; the length is in feet.
    answer = own_engine("snake").ask("saw a huge python got caught, how long was it?")
    assert "5.5-meter" in lead(answer.answer), answer.answer


def test_a_question_naming_the_article_as_its_source_is_answered_from_it_alone(own_engine):
    # Asked plainly, Dale's "late because the Greens are careful" leads; "according to the article" asks
    # for the article's word on it, however close a reader's is.
    engine = own_engine("poll")
    assert lead(engine.ask("why is the budget late").answer).startswith("A reader (Dale)")
    answer = engine.ask("why is the budget late according to the article")
    assert lead(answer.answer).startswith("Article: The transit plan is late"), answer.answer
    assert "reader" not in answer.answer, answer.answer


def test_a_superlative_asked_after_a_when_clause_is_what_the_lead_says(own_engine):
    # "when diesel first hit $6" sets the time; "which island had the cheapest" is the question, and the
    # sentence on the $6 record, closer in words, does not say which island is cheapest.
    answer = own_engine("fuel").ask("when diesel first hit $6 which island had the cheapest diesel")
    assert "Marrow Island" in lead(answer.answer), answer.answer


def test_a_superlative_asked_leads_over_a_sentence_only_naming_one_of_the_kind(own_engine):
    # "Fenn Island" names an island; only the Tessel sentence says which island's average is highest.
    answer = own_engine("fuel").ask("which island has the highest diesel prices")
    assert lead(answer.answer).startswith("Article: The highest island average has long been on Tessel"), (
        answer.answer
    )


def test_who_is_highest_is_named_not_left_to_a_pronoun(own_engine):
    # The sentence saying "the highest paid" calls him "him" and names only the player he surpassed.
    answer = own_engine("record deal").ask("which player became the highest paid in league history")
    assert answer.answer.startswith("Article: Gulls player Sam Ortiz"), answer.answer
