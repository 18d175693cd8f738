"""Answers that sit one step away from the question's words, on a story of our own making, answered offline
with the real embedding model: a past tense ("won", "met") is its verb, "three" is 3, "how many" is not a
word to match, what someone said is what follows "said", and a sentence that only leads in to the answer
brings the one after it that gives it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engines_by_story, lead

RECORD = {
    "title": "The party after its defeat",
    "published": "2025-05-01",
    "paragraphs": [
        "Until last year, the party did well under Mr. Okafor's firm hand. He won four of six elections, a "
        "record few leaders match.",
        "Writing a post-mortem on the defeat last week, Lena Ruiz, the party's campaign chief, did not "
        "mention the scandals. Ms. Ruiz said it was the voters' hunger for change that brought on the "
        "defeat.",
        "Leaders who win a majority almost always keep power at the next election. In the past century, "
        "there has been only one exception, it being Arthur Penn, who was undone by the floods.",
        "From the culture minister, Tom Reyes, I got the sense that the arts budget is safe. 'Theatres will "
        "stay open in every province,' he said.",
    ],
}


def test_how_many_is_answered_by_the_count_that_names_its_subject_only_before(own_engine):
    # "He won four of six" names no one: the sentence it leans on says who.
    answer = own_engine("record").ask("how many elections did okafor win")
    assert "He won four of six elections" in lead(answer.answer), answer.answer


def test_a_number_in_words_confirms_the_same_number_in_digits(own_engine):
    # "He won four of six" names no one; with the sentence it leans on, it is Okafor's record.
    answer = own_engine("record").ask("is it true okafor won 4 of 6 elections?")
    assert answer.answer.startswith("The article says so: Until last year"), answer.answer
    answer = own_engine("record").ask("did okafor win four elections?")
    assert answer.answer.startswith("Yes — the article says:"), answer.answer


def test_what_someone_said_is_the_sentence_that_reports_it(own_engine):
    # Both sentences name her; only the second says what she said.
    answer = own_engine("record").ask("what did lena ruiz say caused the defeat")
    assert lead(answer.answer).startswith("Article: Ms. Ruiz said it was the voters' hunger"), answer.answer


def test_a_lead_in_brings_the_sentence_that_answers(own_engine):
    # The sentence naming him says what the writer sensed; the quotation after it is what he said.
    answer = own_engine("record").ask("what did tom reyes say")
    assert "'Theatres will stay open in every province,' he said." in lead(answer.answer), answer.answer
    # "Who": the rule the question quotes leads in; the sentence after it names the exception.
    answer = own_engine("record").ask("who was the only exception to leaders keeping power")
    assert "Arthur Penn" in lead(answer.answer), answer.answer


# A headline typed in lowercase, as one made from a web address is: "Marlow" is still a name.
FIREWORKS = {
    "title": "fireworks cancelled marlow dry summer",
    "published": "2025-07-02",
    "paragraphs": [
        "Towns across the region are making tough decisions about their fireworks shows this summer.",
        "North of the lake, the town of Ashby has chosen to cancel its fireworks show because of the high "
        "wildfire danger.",
        "Marlow, a small valley town, is replacing its fireworks show with a free concert. The council said "
        "water restrictions due to the long drought led to the decision to cancel.",
    ],
}


def test_why_in_a_place_is_answered_by_the_sentence_about_that_place(own_engine):
    # Ashby's sentence gives a reason and shares more words with the question, but it is about Ashby; the
    # sentence naming Marlow leads in, and the one after it gives the reason.
    answer = own_engine("fireworks").ask("why are fireworks cancelled in marlow")
    first = lead(answer.answer)
    assert first.startswith("Article: Marlow, a small valley town"), answer.answer
    assert "due to the long drought" in first, answer.answer


LETTER = {
    "title": "General writes that the troops will leave",
    "published": "2025-01-08",
    "paragraphs": [
        "The general wrote in a letter to the ministry on Monday that the troops would leave.",
        "There was confusion about whether the letter sent to the ministry was real, but an officer said "
        "it was.",
    ],
    "comments": [
        {"author": "Kai", "text": "A Monday letter sent to the ministry said the troops would move out."}
    ],
}


def test_beside_a_readers_answer_the_article_line_gives_what_is_asked(own_engine):
    # Only the reader says "sent": the reader answers, and the article's line shown beside it is the one with
    # the day, not the closer one about the letter being real.
    answer = own_engine("letter").ask("when was the letter sent")
    lines = answer.answer.splitlines()
    assert lines[0].startswith("A reader (Kai) claims: “A Monday letter sent"), answer.answer
    assert lines[1].startswith("Article: The general wrote in a letter to the ministry on Monday"), (
        answer.answer
    )


ECONOMY = {
    "title": "The mood in the valley",
    "published": "2025-02-10",
    "paragraphs": [
        "In the years I've been visiting Elmford, I've rarely seen the town in such good shape. At less than "
        "3 per cent, unemployment is practically non-existent. The shops are full.",
        "Yet the candidates speak of Elmford as a town in ruins.",
    ],
}


def test_a_paragraph_names_its_subject_once(own_engine):
    # The sentence with the rate never says "Elmford": the one before it does.
    answer = own_engine("economy").ask("whats the unemployment rate in elmford")
    assert "At less than 3 per cent, unemployment" in lead(answer.answer), answer.answer


TONE = {
    "title": "The party takes stock",
    "published": "2025-03-12",
    "paragraphs": [
        "After the vote, several members said the party was hurt by what they called the 'tone' problem. By "
        "tone, they mean insults, enemies lists and closed doors.",
        "The leadership race starts in the spring.",
    ],
    "comments": [
        {"author": "Lu", "text": "'the “tone” problem.' Spare me."},
        {"author": "Bo", "text": "The race will be a bloodbath."},
    ],
}


def test_a_reader_quoting_the_article_is_not_the_answer(own_engine):
    # Lu's first sentence only repeats the article's words: the article answers, with the sentence after
    # its lead-in that says what the problem is.
    answer = own_engine("tone").ask("what's the 'tone' problem")
    first = lead(answer.answer)
    assert first.startswith("Article: After the vote"), answer.answer
    assert "By tone, they mean insults" in first, answer.answer


# A lede that describes before it names: news names the subject in the next sentence.
VOYAGE = {
    "title": "Teenager completes solo voyage",
    "published": "2025-06-01",
    "paragraphs": [
        "A 16-year-old has become the youngest person to sail alone across the Pacific Ocean, arriving in "
        "Sydney on Sunday after 81 days at sea, according to the World Sailing Speed Record Council.",
        "Dutch student Lotte Verbeek stepped ashore at the harbour where her family was waiting, said her "
        "team.",
        "She had left San Diego in March in a 10-metre yacht fitted with solar panels.",
    ],
}


def test_a_lede_that_describes_brings_the_sentence_that_names(own_engine):
    # "A 16-year-old" is who sailed; the sentence after it says who she is.
    answer = own_engine("voyage").ask("who is the youngest person to sail alone across the pacific")
    first = lead(answer.answer)
    assert first.startswith("Article: A 16-year-old has become"), answer.answer
    assert "Lotte Verbeek" in first, answer.answer
    # Asked by name: the count is in the sentence that describes her, named by the one after it.
    answer = own_engine("voyage").ask("how many days was lotte verbeek at sea")
    assert "81 days at sea" in lead(answer.answer), answer.answer


# A place given as part of a named one: "in downtown Mosul", beside a place that is only where it was told.
STRIKE = {
    "title": "Militia leader killed",
    "published": "2025-07-01",
    "paragraphs": [
        "The United States killed militia leader Omar Hadid in a drone strike, the president said on Monday "
        "in a speech from the White House.",
        "Hadid was hiding in downtown Mosul to visit his family, officials said, and was killed by two "
        "missiles fired at the balcony of the house.",
    ],
}


def test_where_is_answered_by_a_part_of_a_named_place(own_engine):
    # "from the White House" is where the president spoke; "in downtown Mosul" is where Hadid was.
    answer = own_engine("strike").ask("where was hadid killed")
    assert lead(answer.answer).startswith("Article: Hadid was hiding in downtown Mosul"), answer.answer


OWN_STORIES = {
    "record": RECORD,
    "fireworks": FIREWORKS,
    "letter": LETTER,
    "economy": ECONOMY,
    "tone": TONE,
    "voyage": VOYAGE,
    "strike": STRIKE,
}


@pytest.fixture(scope="module")
def own_engine(tmp_path_factory, local_embeddings) -> Iterator[Callable[[str], StoryEngine]]:
    yield from engines_by_story(tmp_path_factory, local_embeddings, OWN_STORIES)
