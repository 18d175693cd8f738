import pytest

from retrieval.answer.scoring import QuestionProfile, answer_type
from retrieval.text import terms


def test_won_is_a_word_people_ask_about():
    # "won't" once split into "won" + "t", so "won" was a stop word and "who won?" lost its verb.
    assert terms("Who won the vote?") == ["win", "vote"]
    assert "win" not in terms("She won't run again.")


def test_a_past_tense_is_its_verb():
    # Snowball stems suffixes only: "won" and "win", "met" and "meet" were different words.
    assert terms("He won; they first met; it was written") == terms("he wins; they first meet; she writes")
    # Words that are as often something else are left alone.
    assert terms("the left wing") == ["left", "wing"]


def test_an_ambiguous_past_form_is_its_verb_where_the_next_word_says_so():
    # "left out" can only be "leave out": "which measure did they leave out" meets "Also left out is a ban".
    assert terms("Also left out is a ban") == terms("they leave out a ban") == ["leav", "ban"]
    assert terms("The jet was shot down") == ["jet", "shoot"]
    # Alone, "left" and "shot" stay what they are: the political left, a booster shot.
    assert terms("the left wants a booster shot") == ["left", "want", "booster", "shot"]


def test_a_small_number_in_words_is_the_same_term_as_in_digits():
    assert terms("three of five elections") == terms("3 of 5 elections") == ["3", "5", "elect"]


def test_how_many_is_not_what_a_question_is_about():
    profile = QuestionProfile.build("how many elections did harper win", lambda term: 1.0)
    assert set(profile.terms) == {"elect", "harper", "win"}
    profile = QuestionProfile.build("how much did the tickets cost", lambda term: 1.0)
    assert "much" not in profile.terms


def test_how_soon_asks_for_a_time():
    assert QuestionProfile.build(
        "According to the agency, how soon could shots begin?", lambda t: 1.0
    ).answer_type == ("time")


def test_a_noun_for_the_act_is_its_verb():
    # "how much did they sell for" meets "the sale is worth"; "how did he die" meets "his death".
    assert terms("how did the team sell") == ["team", "sell"] and terms("the team's sale") == ["team", "sell"]
    assert terms("his death") == terms("he died") == ["die"]
    # "how many people watched" meets "10 million viewers".
    assert terms("viewers") == terms("watched") == ["watch"]


def test_the_news_word_for_an_act_is_the_plain_word_people_ask_with():
    assert terms("the python was captured") == terms("the python they caught") == ["python", "catch"]
    assert terms("tracks were discovered") == terms("tracks they found") == ["track", "find"]
    assert terms("JetBlue will acquire Spirit") == terms("jetblue buys spirit") == ["jetblu", "buy", "spirit"]
    assert terms("she resigned") == terms("she stepped down") == terms("she quit") == ["quit"]
    assert terms("they tied the knot") == terms("they married") == ["marri"]
    # "passed away" is a death, not a bill passing; "tied the game" is still a tie.
    assert terms("she passed away") == ["die"] and terms("the bill passed") == ["bill", "pass"]
    assert terms("they tied the game") == ["tie", "game"]
    assert terms("the afghan quake") == terms("the afghan earthquake")
    # A union's name spelled out is its initials.
    assert terms("the European Union ruled") == terms("the EU ruled") == ["eu", "rule"]
    assert terms("in the United Kingdom") == terms("in the uk") == ["uk"]
    # "down" alone stays a word of its own: "prices went down".
    assert "quit" not in terms("prices went down")


def test_the_everyday_word_people_ask_with_is_the_news_word():
    assert terms("moms with 10 kids") == terms("mothers with 10 children") == ["mother", "10", "child"]
    assert terms("emmy noms") == terms("Emmy nominations") == terms("emmy nods") == ["emmi", "nomin"]
    assert terms("his dad") == terms("his father") == ["father"]


def test_what_a_thing_went_for_is_what_it_sold_for():
    assert terms("how much did the painting go for") == terms("how much did the painting sell for")
    assert "sell" in terms("it went for $2 million") and "sell" in terms("the painting fetched a record")
    assert "sell" not in terms("they will go to the auction")


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("what was the bill cosby verdict", "verdict"),
        ("what did the judge rule", "verdict"),
        ("what did the jury decide", "verdict"),
        ("when is the verdict expected", "time"),
        ("what did the judge say", "speech"),
        ("how much did the jury award", "number"),
    ],
)
def test_what_a_court_decided_is_asked_as_a_verdict(question: str, asked: str):
    assert answer_type(question) == asked
