"""What a lead sentence must carry for the kind of thing asked, and which answering sentence leads a
"which ..." question: the one that names what is asked, on sentences of our own with the supports a real
story gave to their like (the 2022 Stanley Cup, a resignation)."""

from __future__ import annotations

import pytest

from retrieval.answer.asked_types import deed_first, doer_first, kind_first, names_asked
from retrieval.answer.counting import figures
from retrieval.answer.intents import Intent, IntentKind
from retrieval.answer.leads import lead_first, with_context
from retrieval.answer.scoring import QuestionProfile, ScoredSentence, carries
from retrieval.answer.usable import quotes_the_article, usable

MARGIN = 0.1


def first(
    question: str, answer_type: str, sentences: list[tuple[str, float]], *, recent: bool = False
) -> str:
    profile = QuestionProfile.build(question, lambda term: 1.0)
    intent = Intent(IntentKind.FACTUAL, question, answer_type=answer_type, wants_recent=recent)
    scored = [ScoredSentence(0, i, text, s, 0.0, s, False) for i, (text, s) in enumerate(sentences)]
    return lead_first(scored, profile, intent, "2024", MARGIN)[0].text


def test_which_club_is_led_by_the_sentence_naming_it_in_the_year_asked():
    sentences = [
        # Better supported, but "their" and "the club" name the club elsewhere ...
        ("Their eleven away wins set a record, last matched when Eastport Rovers won the cup.", 0.70),
        ("The club's only defeat of the season came against Harbour City in the first leg.", 0.69),
        # ... and this one names a club that won in other years than the one asked about.
        ("Eastport Rovers won the cup final in 2022 and 2023.", 0.68),
        ("Northfield United beat Harbour City to win the club's first cup since 1998.", 0.62),
    ]
    assert first("which club won the 2024 cup final?", "organization", sentences).startswith("Northfield")


def test_which_minister_is_led_by_the_sentence_naming_her_not_the_one_saying_she():
    sentences = [
        # "On Sunday" names no one, and "Parliament" comes after "she".
        ("On Sunday, she told Parliament that she had not resigned as minister.", 0.52),
        ("Outside the stadium, Maria Lopez announced that she would step down as minister.", 0.50),
    ]
    assert first("which minister announced her resignation", "person", sentences).startswith("Outside")


def test_now_is_not_led_by_history_but_a_year_counted_from_is_no_history():
    old_record = ("The record national average had been $4.11, set in July 2008.", 0.80)
    today = ("Regular gas now costs $5 a gallon on average nationwide.", 0.62)
    assert first("whats the national avg for gas now", "number", [old_record, today], recent=True) == today[0]
    # "since 1947" counts the years to this week's celebration; it does not place the news in 1947.
    anniversary = ("Millions celebrated 75 years of Indian independence since August 15, 1947.", 0.46)
    other = ("Many states run by the ruling Bharatiya Janata Party have passed new laws.", 0.38)
    holiday = "which holiday did India celebrate this week?"
    assert first(holiday, "entity", [anniversary, other], recent=True) == anniversary[0]


def test_a_count_of_the_storys_own_event_leads_over_one_from_an_earlier_year():
    history = ("More than 1,000 people died in 2002 after two earthquakes in the north.", 0.70)
    news = ("The earthquake on Wednesday killed more than 1,000 people in the east.", 0.66)
    assert first("how many ppl died in the earthquake", "number", [history, news]) == news[0]


def test_a_day_or_a_month_is_no_name():
    profile = QuestionProfile.build("which team lost", lambda term: 1.0)
    assert not carries("entity", "On Wednesday in May, the team lost again.", profile)
    assert carries("entity", "On Wednesday, the Oilers lost again.", profile)


def test_a_share_is_a_result():
    # "49%" ends without a word boundary after the sign: it once counted only when written "per cent".
    profile = QuestionProfile.build("how did patel do", lambda term: 1.0)
    assert carries("outcome", "Patel took 49% of the vote.", profile)
    assert carries("outcome", "Patel took 49%", profile)
    assert not carries("outcome", "Patel has campaigned since 1949.", profile)


def test_a_reason_or_a_report_of_speech_is_what_follows_its_marker():
    # "because" and "said" are stop words: the reason, or what was said, is what the question lacks.
    profile = QuestionProfile.build("why was the show cancelled", lambda term: 1.0)
    assert carries("cause", "The town cancelled its show because of the wildfire danger.", profile)
    assert not carries("cause", "The show was cancelled. Nobody knows because.", profile)
    profile = QuestionProfile.build("what did ruiz blame the loss on", lambda term: 1.0)
    assert carries("cause", "Ms. Ruiz said the mood for change brought on the recent defeat.", profile)
    assert not carries("cause", "Ms. Ruiz wrote a post-mortem of the loss.", profile)
    profile = QuestionProfile.build("what did ruiz say caused the defeat", lambda term: 1.0)
    assert carries("speech", "Ms. Ruiz said it was the hunger for change.", profile)
    assert not carries("speech", "Ms. Ruiz ran the campaign before the defeat.", profile)


def test_a_reader_quotes_the_article_with_its_words_in_a_row_not_with_a_shared_phrase():
    article = "after the vote several members said the party was hurt by what they called the tone problem"
    assert quotes_the_article("'the “tone” problem.'", article)
    assert quotes_the_article("“Several members said the party was hurt by what they called it.”", article)
    assert not quotes_the_article("After the vote, the party was hurt and it deserved it.", article)


def test_how_many_people_is_led_by_a_count_not_a_share_a_sum_or_a_span_of_time():
    share = ("Set 200 years before the war, the premiere earned an 85% score and $5 tickets.", 0.64)
    count = ("The premiere brought in roughly 10 million viewers.", 0.62)
    assert first("how many people watched the premiere", "number", [share, count]) == count[0]
    # A span of time counts when time is what is counted.
    assert first("how many years before the war is it set", "number", [share, count]) == share[0]


def test_a_clock_time_is_no_count_and_a_report_of_none_is_one():
    # "how many died in the volcano" was led by "erupted around 8:05 p.m.": a time, not a count.
    assert figures("The volcano erupted around 8:05 p.m. local time (7:05 a.m. ET).", "how many died?") == []
    assert figures("It killed 12 people in 2020.", "how many died?") == ["12"]
    none = "There were no immediate reports of damage or casualties."
    assert figures(none, "how many people died in the eruption?") == ["0"]
    # A report of no harm answers only a question about harm.
    assert figures(none, "how many homes were evacuated?") == []


def test_when_is_led_by_a_named_day_before_today():
    sentences = [
        # "today" says when only on the day it was written.
        ("“Details of today's actions at the depot are still emerging,” the mayor said.", 0.75),
        ("Police searched the depot on Monday as part of an investigation into missing funds.", 0.73),
        ("The depot was built in 1998.", 0.74),
    ]
    assert first("when was the depot searched", "time", sentences).startswith("Police searched the depot")


def test_how_long_is_given_by_a_start_year_or_a_span_not_a_count_of_what_is_asked_about():
    question = "how long have troops been in the valley"
    assert figures("Troops were sent to the valley in 2016.", question) == ["2016"]
    assert figures("The ministry sent 3,000 more troops.", question) == []
    assert figures("Dozens of villages asked for patrols.", question) == []
    assert figures("He was suspended for six games.", "how long is he suspended") == ["six"]


def test_how_many_died_is_counted_near_a_word_of_harm():
    question = "how many people died in the flood"
    assert figures("The death toll stands at more than 1,000, officials said.", question) == ["1,000"]
    assert figures("It killed 12 people and wounded 30.", question) == ["12", "30"]
    assert figures("The park closed all five of its entrances.", question) == []
    assert figures("A heat wave is affecting more than 100 million people.", question) == []
    assert figures("Crews searched for the 44 people reported missing.", question) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The contract takes the 37-year-old to $532 million.",
        "Nichols has died at age 89, her son said.",
        "Scully died at the age of 94.",
        "Ortiz, 36, has played 14 seasons.",
        "She was 73.",
        "He was 15 when he got his licence.",
        # A thing's age.
        "The tracks date from around 113 million years ago.",
        "The park protects these 113-million year-old tracks.",
    ],
)
def test_how_old_is_given_by_an_age(sentence: str):
    assert figures(sentence, "how old is she") != []


def test_how_old_is_not_any_number():
    question = "how old is ortiz"
    assert figures("Ortiz agreed to a two-year extension worth $97 million.", question) == []
    assert figures("He was 3 for 4 at the plate.", question) == []
    assert figures("He left the club 20 years ago.", question) == []


def test_a_figure_claimed_is_checked_against_the_sentence_giving_one_in_its_unit():
    profile = QuestionProfile.build("is it true the club sold for 5 billion", lambda term: 1.0)
    intent = Intent(IntentKind.CLAIM_CHECK, "the club sold for 5 billion")
    sentences = [
        ("All 32 owners voted to approve the sale of the club on Tuesday.", 0.70),
        ("The deal is worth $4.65 billion, a record for the league.", 0.60),
    ]
    scored = [ScoredSentence(0, i, text, s, 0.0, s, False) for i, (text, s) in enumerate(sentences)]
    assert lead_first(scored, profile, intent, "2024", MARGIN)[0].text.startswith("The deal is worth")


def test_who_someone_is_is_the_sentence_naming_them_without_what_it_leans_on():
    quote = ScoredSentence(0, 0, "“Poorly worded, implies withdrawal.”", 0.3, 0.0, 0.3, False)
    named = ScoredSentence(
        0, 1, "That's how the general described a letter to Lt. Gen. Omar Vance.", 0.6, 0, 0.6, False
    )
    by_key = {quote.key: quote, named.key: named}
    assert with_context(named, by_key) == (quote, named)
    assert with_context(named, by_key, "who is vance?") == (named,)


def test_what_kind_of_thing_leads_with_a_name_for_its_kind():
    sentences = [
        ScoredSentence(0, 0, "Florida holds an annual Python Challenge every summer.", 0.0, 0.0, 0.60, False),
        ScoredSentence(0, 1, "The python is the heaviest ever captured in the state.", 0.0, 0.0, 0.58, False),
        ScoredSentence(0, 2, "It was caught for the Burmese python research program.", 0.0, 0.0, 0.52, False),
        ScoredSentence(0, 3, "The Burmese python is common in the Everglades.", 0.0, 0.0, 0.30, False),
    ]
    ordered = kind_first(sentences, "what kind of python was it", 0.1)
    # A name before "python" that the question lacks, within the margin; not "Python Challenge" (a name of
    # its own), nor a sentence too far below the best.
    assert [s.index for s in ordered] == [2, 0, 1, 3]
    assert kind_first(sentences, "how big was the python", 0.1) == sentences


@pytest.mark.parametrize(
    ("question", "naming", "not_naming"),
    [
        (
            "fire forced thousands to evacuate near which national park?",
            "It ignited near Yosemite National Park Friday.",
            "Officials closed the National Park on Friday, and Park rangers left.",
        ),
        (
            "which university did she go to",
            "She studied at the University of Leeds.",
            "The university said so.",
        ),
        ("which state is it in", "It is in New York State.", "The State Department said so."),
        ("what kind of python was it", "A record-breaking Burmese python was caught.", "The python is big."),
    ],
)
def test_a_sentence_names_one_of_the_kind_asked_for_by_its_name(question, naming, not_naming):
    # "Yosemite National Park", "University of Leeds": a name with the kind's noun, capitalised; not the
    # noun alone, a name of the question's own words, or a name in which the noun names something else.
    names = names_asked(question)
    assert names is not None
    assert names(naming)
    assert not names(not_naming)


def test_a_question_asking_no_kind_by_name_has_no_test():
    assert names_asked("where did the fire start") is None


def test_who_did_it_is_the_sentence_where_a_name_does_it():
    sentences = [
        ScoredSentence(0, 0, "The Lightning won the last two cups in 2020 and 2021.", 0.62, 0.0, 0.62, False),
        ScoredSentence(
            0, 1, "The cup is the league's oldest trophy, first won in 1893.", 0.60, 0.0, 0.60, False
        ),
        ScoredSentence(0, 2, "On Sunday the Avalanche won the cup in Tampa.", 0.50, 0.0, 0.50, False),
        ScoredSentence(0, 3, "Nobody won the cup easily, fans said.", 0.55, 0.0, 0.55, False),
    ]
    history = {sentences[0].text}.__contains__
    # A name doing it, within the margin, and not telling history; "Nobody" is no name.
    ordered = doer_first(sentences, "who won the cup", 0.15, history)
    assert [s.index for s in ordered] == [2, 0, 1, 3]
    # "who said": too common a word to tell sentences apart.
    assert doer_first(sentences, "who said the cup was won", 0.15, history) == sentences


def test_what_did_x_do_is_the_sentence_where_x_does_it():
    sentences = [
        ScoredSentence(0, 0, "Officials released the first images on Monday.", 0.0, 0.0, 0.60, False),
        ScoredSentence(0, 1, "The first image shows a ring of distant galaxies.", 0.0, 0.0, 0.55, False),
        ScoredSentence(0, 2, "A later show of images drew crowds.", 0.0, 0.0, 0.58, False),
        ScoredSentence(0, 3, "The second image shows a dying star.", 0.0, 0.0, 0.40, False),
        ScoredSentence(0, 4, "What the images show was debated.", 0.0, 0.0, 0.59, False),
    ]
    # The subject doing the verb, within the margin: not the show (a noun, without its subject), not a
    # sentence echoing the question, nor one too far below the best.
    question = "NASA released images this week. What did the images show?"
    assert [s.index for s in deed_first(sentences, question, 0.1)] == [1, 0, 2, 3, 4]
    # "what did they do", "what did they say": verbs that tell sentences apart by nothing they say.
    assert deed_first(sentences, "what did the images do", 0.1) == sentences
    assert deed_first(sentences, "what are the images", 0.1) == sentences


@pytest.mark.parametrize(
    ("sentence", "answers"),
    [
        # A statement that ends quoting the question it answered is a statement.
        (
            "All 21 members voted “yes” in response to the question: “Do the benefits outweigh the risks?”",
            True,
        ),
        ('She asked, "Where is the money?"', True),
        # A question, or a subhead phrased as one, answers nothing, whatever it quotes.
        ("Did the council approve the plan?", False),
        ("What is “quiet quitting?”", False),
    ],
)
def test_a_statement_ending_on_a_quoted_question_may_answer(sentence: str, answers: bool):
    s = ScoredSentence(0, 0, sentence, 0.6, 0.0, 0.6, False)
    assert usable(s, "article", Intent(IntentKind.FACTUAL, "")) is answers
