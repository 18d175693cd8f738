"""Question intents (issue 9): many phrasings per intent, typed the way people type in Discord, and the
near misses that must not be taken for them. Pure functions: no index, no model.

Here the kinds told by their phrasing: summaries, the readers' view, article against readers, the
author's view, yes/no and factual questions. Claim checks, named commenters, focus, recency and chat
spelling: test_intent_claims_commenters_focus.py.
"""

from __future__ import annotations

import pytest

from retrieval.answer.intents import Intent, IntentKind, recognise
from retrieval.text import terms


def kind_of(question: str, **kwargs: object) -> IntentKind:
    return recognise(question, **kwargs).kind  # type: ignore[arg-type]


# -- summary -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "tl;dr",
        "tldr?",
        "TLDR pls",
        "tl dr",
        "summarize this",
        "summarise the article",
        "summary pls",
        "can u summarize it",
        "what's this about",
        "whats this story about",
        "what is this all about",
        "whats the story",
        "what's the deal here",
        "give me the gist",
        "gist?",
        "eli5",
        "explain like im 5",
        "what happened",
        "wtf happened lol",
        "what's going on here",
        "sum it up for me",
        "quick recap?",
        "in a nutshell?",
        "key points?",
        "catch me up",
        "so what happened",
        "why does this matter",
        "why should i care",
    ],
)
def test_summary_phrasings(question: str) -> None:
    intent = recognise(question)
    assert intent.kind is IntentKind.SUMMARY
    assert intent.question == ""  # the whole story


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("tldr on the mar-a-lago raid", "mar-a-lago raid"),
        ("tldr of the republican fire-breathers column pls", "republican fire-breathers"),
        ("tl;dr on the 'can the liberals hide the stumbles' piece", "can the liberals hide the stumbles"),
        ("what is the pipeline story about", "pipeline"),
        ("what's the story about the python", "python"),
        ("summary of the student loan article?", "student loan"),
    ],
)
def test_a_summary_keeps_the_story_it_names(question: str, topic: str) -> None:
    assert recognise(question) == Intent(IntentKind.SUMMARY, topic, focus=tuple(terms(topic)))


@pytest.mark.parametrize(
    "question",
    ["what happened to the helicopters", "what is the capital of australia", "what happened at 3 am"],
)
def test_what_happened_to_something_is_factual(question: str) -> None:
    assert kind_of(question) is IntentKind.FACTUAL


@pytest.mark.parametrize(
    ("question", "topic"),
    [("whats the deal with the helicopters", "helicopters"), ("what was the story with the raid?", "raid")],
)
def test_the_deal_with_something_asks_about_it_not_the_whole_story(question: str, topic: str) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.question) == (IntentKind.FACTUAL, topic)


# -- readers' view ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what do people think",
        "what do ppl think",
        "what r ppl saying",
        "wat do ppl in the comments think",
        "reactions?",
        "any reactions",
        "how are people reacting",
        "how is everyone taking it",
        "what's the comment section saying",
        "whats the vibe in the comments",
        "summarize the comments",
        "tldr of the comment section",
        "what are the top comments",
        "whats the most common complaint in the comments",
        "main criticism from readers?",
        "are people mad about this",
        "what do the readers feel",
        "commenters' opinion?",
        "how are commenters responding",
        # Liking is a reaction, not a comparison with the article: readers' view (see the module's notes).
        "did readers like it",
    ],
)
def test_readers_view_phrasings(question: str) -> None:
    intent = recognise(question)
    assert intent.kind is IntentKind.READERS_VIEW
    assert intent.question == ""


def test_what_readers_think_really_is_no_claim_to_check() -> None:
    intent = recognise("do the commenters think the us is really leaving")
    assert (intent.kind, intent.focus) == (IntentKind.READERS_VIEW, ("leav",))
    assert recognise("did trump really threaten sanctions").kind == IntentKind.CLAIM_CHECK


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("what do readers say about taxes", "taxes"),
        ("what do the commenters think of trudeau's govt so far", "trudeau's government so far"),
        ("what are ppl saying about the pipeline lol", "pipeline"),
        ("readers' opinion on the carbon tax?", "carbon tax"),
        ("do ppl agree with trump", "trump"),
        ("public opinion on the merger?", "merger"),
        # "did anyone in the comments ...": the readers who take it up.
        ("did anyone in the comments defend postmedia", "defend postmedia"),
        ("do any readers think the cbc should be cut?", "cbc should be cut"),
        ("do commenters think trump will win", "trump will win"),
    ],
)
def test_readers_view_keeps_its_topic(question: str, topic: str) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.question) == (IntentKind.READERS_VIEW, topic)


@pytest.mark.parametrize(
    "question",
    [
        "how many people died in the earthquake",
        "what do people in iraq think of the troops",
        "how many ppl were evacuated",
        "who are the people who sued",
    ],
)
def test_people_elsewhere_are_not_the_readers(question: str) -> None:
    assert kind_of(question) is IntentKind.FACTUAL


def test_anyone_is_not_the_readers_unless_it_is_in_the_comments() -> None:
    assert kind_of("did anyone die in the fire") is IntentKind.YES_NO
    assert kind_of("did anyone in the comments say the fire was arson") is IntentKind.READERS_VIEW


# -- article against readers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "do readers agree with the article",
        "do commenters agree with the author?",
        "does anyone in the comments agree with the author",
        "do the comments agree",
        "do readers agree with the fire breathers column?",
        "is the comment section on the author's side",
        "how do the comments compare to the article",
        "do commenters buy that?",
        "the article says the letter is official but the comments say it was a mistake?? which is it",
        "readers vs the author: who is right",
        "do ppl agree with the writer or not",
        "do most commenters disagree with the op-ed",
        "are the comments different from the article",
        "official letter or mistake? article and comments disagree",
        "the article and the comments contradict each other",
        # The piece named inside the question set aside.
        "are the comments on the fire breathers column mostly agreeing with the author",
    ],
)
def test_contrast_phrasings(question: str) -> None:
    assert kind_of(question) is IntentKind.CONTRAST


def test_contrast_keeps_what_is_compared() -> None:
    intent = recognise("the insider says the tories bailed out the auto sector. do commenters buy that?")
    assert intent.kind is IntentKind.CONTRAST
    assert intent.question == "insider says the tories bailed out the auto sector"
    assert recognise("do readers agree with the fire breathers column?").question == "fire breathers"


@pytest.mark.parametrize(
    "question",
    [
        "who is the author of the letter",
        "who wrote the column",
        "what does the author of the letter want",
        "when was the article published",
        "who is the author",
        "what did the letter's author say",
    ],
)
def test_questions_about_who_wrote_something_are_factual(question: str) -> None:
    assert kind_of(question) is IntentKind.FACTUAL


# -- yes/no and factual ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "did trump threaten sanctions",
        "is boris johnson still pm",
        "r they leaving iraq or not??",
        "are the troops leaving iraq?",
        "can my kid get the vaccine yet",
        "has the rocket launched",
        "will gas prices go down",
        "was the resolution binding",
        "is there a deadline",
        "they leaving or not?",
        "so did they actually leave",
        "do you know if the letter was signed",
        "ok but didnt the pentagon deny it",
        "Was the parliament's resolution binding?",
    ],
)
def test_yes_no_phrasings(question: str) -> None:
    intent = recognise(question)
    assert intent.kind is IntentKind.YES_NO
    assert not intent.question.endswith(("or not", "or not??", "?? "))


@pytest.mark.parametrize(
    ("question", "answer_type"),
    [
        ("who wrote the letter lol", "person"),
        ("whos the new pm", "person"),
        ("To whom was the letter sent?", "person"),
        ("which celebrity was found liable", "person"),
        ("when is the launch", "time"),
        ("what time will the flights happen", "time"),
        ("In which year were the forces sent?", "time"),
        ("where r the helicopters gonna fly", "place"),
        ("which country elected a leftist leader", "place"),
        ("Which of the following US cities saw the biggest increase?", "place"),
        ("how many ppl died in the earthquake", "number"),
        ("how much is biden forgiving", "number"),
        ("what % of the vote did trump get", "number"),
        ("how old is he", "number"),
        ("what was the magnitude of the quake", "number"),
        ("why is france running out of mustard", "cause"),
        ("how come gas is so expensive", "cause"),
        ("what caused the crash", "cause"),
        ("what did byrne blame the tory loss on", "cause"),
        ("when gas first hit $5 which state had the cheapest gas", "place"),
        ("when the troops leave who will guard the base", "person"),
        ("whats behind the mustard shortage", "cause"),
        ("who is to blame for the crash", "person"),
        ("how did they take out zawahiri", "manner"),
        ("how did you do it", "manner"),
        ("how did kasich end up doing in NH", "outcome"),
        ("how is the team faring this season", "outcome"),
        ("how did the vote go", "outcome"),
        ("in the stumbles column what files are they confused on", "list"),
        ("which changes did the council make", "list"),
        ("what is the status of the talks", None),
        ("which airline is buying spirit", "organization"),
        ("Which company’s stock became cheaper?", "organization"),
        ("can you tell me who wrote the letter", "person"),
        ("do you know when the rocket launches", "time"),
        ("what is the capital of australia", None),
        ("hows the economy in new hampshire", None),
        ("Gas prices hit a record. On average, how much does a gallon cost?", "number"),
        ("A survey was done. What percentage of US adults disapprove of Roe v. Wade?", "number"),
        # Typed as a bare noun phrase: what that thing is.
        ("death toll from the earthquake?", "number"),
        ("us monkeypox case count?", "number"),
        ("pompeo's take?", None),
        # A statement tagged "right?" is context for the question after it.
        ("trump said something about iraq paying first right? what was it", None),
        ("the letter was a mistake right? who sent it then", "person"),
    ],
)
def test_factual_answer_types(question: str, answer_type: str | None) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.answer_type) == (IntentKind.FACTUAL, answer_type)


def test_only_factual_questions_have_an_answer_type() -> None:
    assert recognise("did trump threaten sanctions").answer_type is None
    assert recognise("tldr").answer_type is None


@pytest.mark.parametrize(
    "question",
    [
        "the letter was a draft right?",
        "they're leaving, right?",
        "so the troops are staying?",
        "trump threatened sanctions??",
        "hold on, did they actually leave?",
        "if they leave, will iraq be safer",
    ],
)
def test_statements_asked_back_are_yes_no(question: str) -> None:
    assert kind_of(question) is IntentKind.YES_NO


@pytest.mark.parametrize("question", ["any updates?", "news about the strike?", "opinions from experts?"])
def test_a_noun_phrase_with_a_question_mark_is_factual(question: str) -> None:
    assert kind_of(question) is IntentKind.FACTUAL


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("is harper mentioned in the gop piece", "harper"),
        ("does the fire breathers column mention kasich", "kasich"),
        ("did the author mention jeb bush at all", "jeb bush"),
        ("does it even mention the cbc?", "cbc"),
    ],
)
def test_whether_the_story_mentions_a_thing_is_a_yes_no_about_that_thing(question: str, thing: str) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.question, intent.mention) == (IntentKind.YES_NO, thing, True)
