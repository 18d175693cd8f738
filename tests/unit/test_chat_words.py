"""Chat spelling spelled out ("ppl" -> "people", "rn" -> "right now"), filler dropped, and a question
wrapped in a request ("can someone explain what this story is about") read as the question it wraps. Pure
functions: no index, no model."""

from __future__ import annotations

import pytest

from retrieval.answer.chat_words import normalise_chat
from retrieval.answer.intents import IntentKind, recognise


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("wat r ppl saying abt the govt rn lol", "what are people saying about the government right now"),
        ("y tho", "why though"),
        ("whos the pm bc idk", "who is the prime minister because i do not know"),
        ("did iraq's pm respond at 5 pm or 6 pm ET", "did iraq's prime minister respond at 5 pm or 6 pm ET"),
        ("didn't they say it's fake? I'm sure", "did not they say it is fake? I am sure"),
        ("U.S. troops r in Iraq w/o a plan. lol.", "U.S. troops are in Iraq without a plan."),
        ("R&B and Generation Y stay", "R&B and Generation Y stay"),
        ("did he agree w the column", "did he agree with the column"),
        ("George W. Bush and W stay", "George W. Bush and W stay"),
        ("tldr pls!!", "tldr"),
        ("is it true theres like 100 million", "is it true there is 100 million"),
        ("what do u think of the libs n dems", "what do you think of the liberals and democrats"),
        # "us" typed for the country becomes "US"; the pronoun stays; emphasis goes.
        ("why were us troops even in iraq in the first place", "why were US troops in iraq"),
        ("how many cases in the us rn", "how many cases in the US right now"),
        ("how many migrants went to nyc", "how many migrants went to New York City"),
        ("where are the helos going", "where are the helicopters going"),
        ("tell us what the us-led coalition did", "what the US-led coalition did"),
        ("so r they actually leaving or not", "so are they leaving or not"),
        ("is the number even", "is the number even"),
        # "end up" before what happened asks only what happened; "the end of the war" keeps its "end".
        ("how did kasich end up doing", "how did kasich doing"),
        ("who won in the end up north", "who won in the end up north"),
    ],
)
def test_chat_spelling_is_spelled_out(typed: str, spelled: str) -> None:
    assert normalise_chat(typed) == spelled


def test_filler_can_be_kept() -> None:
    assert normalise_chat("ppl lol", drop_filler=False) == "people lol"


@pytest.mark.parametrize(
    ("typed", "asked", "kind"),
    [
        ("can someone explain what this story is about", "what is this story about", IntentKind.SUMMARY),
        (
            "can someone tell me what the commenters think",
            "what do the commenters think",
            IntentKind.READERS_VIEW,
        ),
        ("anyone know if the letter is real??", "is the letter real??", IntentKind.CLAIM_CHECK),
        (
            "does anyone know where the helicopters are going",
            "where are the helicopters going",
            IntentKind.FACTUAL,
        ),
        ("i'd like to know who the author is", "who is the author", IntentKind.FACTUAL),
        ("eli5 why theres a us coalition in iraq", "why there is a US coalition in iraq", IntentKind.FACTUAL),
        ("tell me how the army caught him", "how did the army caught him", IntentKind.FACTUAL),
        # Not a request wrapping a question: as typed.
        ("can you explain the letter", "can you explain the letter", IntentKind.YES_NO),
    ],
)
def test_a_question_wrapped_in_a_request_is_the_question_asked(
    typed: str, asked: str, kind: IntentKind
) -> None:
    assert normalise_chat(typed) == asked
    assert recognise(typed).kind == kind


@pytest.mark.parametrize(
    ("typed", "kind", "topic"),
    [
        ("quick q: general vibe in the comments?", IntentKind.READERS_VIEW, ""),
        ("hold on, who wrote the letter", IntentKind.FACTUAL, "who wrote the letter"),
        ("real quick: tl;dr?", IntentKind.SUMMARY, ""),
        ("honest question: is the letter real", IntentKind.CLAIM_CHECK, "the letter is real"),
    ],
)
def test_an_opener_asks_nothing(typed: str, kind: IntentKind, topic: str) -> None:
    intent = recognise(typed)
    assert (intent.kind, intent.question) == (kind, topic)
