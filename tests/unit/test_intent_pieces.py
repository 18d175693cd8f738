"""More of what a question asks (beside test_intents.py): a piece named inside a question ("in the liberals
column", "the media thread") chooses the story, the question's shape being what is left with it set aside;
whether someone said anything; the author's view; what "what happened with X" asks about."""

from __future__ import annotations

import pytest

from retrieval.answer.intents import IntentKind, asks_who_wrote, recognise, story_asked


def kind_of(question: str) -> IntentKind:
    return recognise(question).kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what do ppl in the liberals column think", IntentKind.READERS_VIEW),
        ("what do readers of the media thread think", IntentKind.READERS_VIEW),
        # The piece named between the framing and the readers: "the vibe in (the gop piece) comments".
        ("whats the vibe in the gop piece comments", IntentKind.READERS_VIEW),
        ("hows the comment section on the gop piece", IntentKind.READERS_VIEW),
        ("how are the comments", IntentKind.READERS_VIEW),
        ("whats the author of the gop piece arguing", IntentKind.AUTHOR_VIEW),
        ("who is mentioned in the story", IntentKind.FACTUAL),
    ],
)
def test_a_piece_named_inside_the_question_leaves_its_shape(question: str, kind: IntentKind) -> None:
    # The reference to the piece chooses the story; with it set aside, "what do ppl think" is left.
    assert kind_of(question) is kind


def test_mention_is_not_what_an_answer_must_name() -> None:
    assert recognise("did anyone mention harper").focus == ("harper",)


@pytest.mark.parametrize(
    ("question", "byline"),
    [
        ("who wrote this column?", True),
        ("who is the author of the liberals style column? theres no name on it", True),
        ("whos the columnist", True),
        ("who wrote the letter lol", False),  # what the story reports, not the piece
        ("who is the author of the letter", False),
        ("who wrote it?", False),  # "it" may be what the thread was about
    ],
)
def test_who_wrote_the_piece(question: str, byline: bool) -> None:
    assert asks_who_wrote(question) is byline


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("did trump say anything", "what did trump say"),
        ("has the pentagon said anything about the letter?", "what did the pentagon say about the letter"),
        ("did the mayor respond at all", "what did the mayor say"),
    ],
)
def test_whether_someone_said_anything_asks_what_they_said(question: str, asked: str) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.question, intent.answer_type) == (IntentKind.FACTUAL, asked, "speech")


def test_whether_someone_said_a_thing_stays_a_yes_or_no() -> None:
    assert recognise("did trump say the letter was fake").kind is IntentKind.YES_NO


# -- the author's view -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("what's the author's point", ""),
        ("whats the authors point in the fire-breathers piece", "fire-breathers"),
        ("what does the columnist think of trudeau", "trudeau"),
        ("what is the writer arguing", ""),
        ("op's take?", ""),
        ("author's opinion on taxes", "taxes"),
        ("does the writer actually like jeb or nah", "jeb"),
        ("is this article biased", ""),
        ("is the column anti trump or just reporting", "trump or just reporting"),
        ("what is the point of this column", ""),
        ("what's the article's angle", ""),
        ("so does the author think the libs are screwing up or not", "liberals are screwing up"),
        ("where does the author stand on the pipeline", "pipeline"),
        ("what does the writer want", ""),
        # The writer's politics: only the piece itself shows them, never a reader's guess.
        ("is the author a conservative", ""),
        ("is the columnist a liberal or what", ""),
        ("why does the author compare tories and the gop", "tories and the gop"),
        ("whats the author's verdict on the trudeau govt", "trudeau government"),
        ("what's the main argument of the fire breathers column", ""),
        ("is the columnist a jeb fan or not", "jeb"),
        ("is this an opinion piece or news", "piece or news"),
    ],
)
def test_author_view_phrasings(question: str, topic: str) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.question) == (IntentKind.AUTHOR_VIEW, topic)


def test_a_main_complaint_not_asked_of_readers_is_a_question_about_the_story() -> None:
    assert recognise("what is the main complaint of the union").kind is IntentKind.FACTUAL


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("whats the latest on monkeypox", "monkeypox"),
        ("any updates on the oak fire?", "oak fire"),
        ("what's new with the sri lanka crisis", "sri lanka crisis"),
        ("any word on the artemis launch", "artemis launch"),
    ],
)
def test_the_latest_on_a_thing_sums_up_the_newest_story_on_it(question: str, topic: str) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.question, intent.wants_recent) == (IntentKind.SUMMARY, topic, True)


def test_the_latest_figure_is_still_a_question_of_fact() -> None:
    assert recognise("whats the latest on the death toll").kind is IntentKind.FACTUAL


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("whats the pentagon's response", "what did the pentagon say"),
        ("what was trump's reaction to the vote?", "what did trump say in response to the vote"),
        ("how did the mayor respond to the closure", "what did the mayor say in response to the closure"),
        ("trump's quote on waterboarding?", "what did trump say about waterboarding"),
        ("what was the mayor's remark about the bridge", "what did the mayor say about the bridge"),
        ("how did pompeo react to the vote", "what did pompeo say in response to the vote"),
        # The possessive typed without its apostrophe.
        ("what was milleys reaction", "what did milley say"),
        ("ok but what was trumps line about waterboarding", "what did trump say about waterboarding"),
    ],
)
def test_someone_s_response_is_what_they_said(question: str, asked: str) -> None:
    intent = recognise(question)
    assert (intent.kind, intent.question, intent.answer_type) == (IntentKind.FACTUAL, asked, "speech")


def test_how_a_market_reacted_is_not_what_it_said() -> None:
    assert recognise("how did the market react to the news").answer_type != "speech"
    assert recognise("what is this response").answer_type != "speech"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("what happened with brittney griner", "brittney griner"),
        ("so whats the deal with the data leak??", "the data leak"),
        ("what's going on w/ the oak fire", "the oak fire"),
        ("whats up w bed bath and beyond", "bed bath and beyond"),
        ("what happened to the helicopters", "the helicopters"),
        ("what happened", None),
        ("what happened on monday at the hearing?", None),
        ("what is the deal worth", None),
    ],
)
def test_what_happened_with_a_thing_asks_about_it(question: str, topic: str | None) -> None:
    assert story_asked(question) == topic
