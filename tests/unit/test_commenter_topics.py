"""What a question about a named commenter asks about: the word before "comment" may say it ("mark shore
waterboarding comment?"), unless it only says which comment ("his main point")."""

from __future__ import annotations

import pytest

from retrieval.answer.intents import IntentKind, recognise

AUTHORS = ("Mark Shore", "LLucas")


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("mark shore waterboarding comment?", "waterboarding"),
        ("mark shore's comment on waterboarding?", "waterboarding"),
        ("mark shore's main point?", ""),
        ("LLucas take on harper", "harper"),
    ],
)
def test_the_topic_of_a_named_commenters_comment(question, topic):
    asked = recognise(question, authors=AUTHORS)
    assert (asked.kind, asked.question) == (IntentKind.COMMENTER, topic)
