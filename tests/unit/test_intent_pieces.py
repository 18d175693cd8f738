"""A piece named inside a question ("in the liberals column", "the media thread") chooses the story; the
question's shape is what is left with it set aside."""

from __future__ import annotations

import pytest

from retrieval.answer.intents import IntentKind, recognise


def kind_of(question: str) -> IntentKind:
    return recognise(question).kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what do ppl in the liberals column think", IntentKind.READERS_VIEW),
        ("what do readers of the media thread think", IntentKind.READERS_VIEW),
        ("whats the author of the gop piece arguing", IntentKind.AUTHOR_VIEW),
        ("who is mentioned in the story", IntentKind.FACTUAL),
    ],
)
def test_a_piece_named_inside_the_question_leaves_its_shape(question: str, kind: IntentKind) -> None:
    # The reference to the piece chooses the story; with it set aside, "what do ppl think" is left.
    assert kind_of(question) is kind


def test_mention_is_not_what_an_answer_must_name() -> None:
    assert recognise("did anyone mention harper").focus == ("harper",)
