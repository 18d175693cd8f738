"""A question naming the readers as its source ("according to the comments, ...") is the question it wraps,
answered from the comments; one naming the article is not."""

from __future__ import annotations

from retrieval.answer.intents import IntentKind, recognise


def test_readers_named_as_source():
    asked = recognise("according to the comments who was the letter addressed to")
    assert (asked.kind, asked.from_readers, asked.about_readers) == (IntentKind.FACTUAL, True, True)
    assert asked.answer_type == "person"
    assert recognise("per the comments, did he resign?").from_readers
    article = recognise("according to the article who was the letter addressed to")
    assert (article.from_readers, article.about_readers) == (False, False)
    assert recognise("what do readers think of the letter").about_readers
