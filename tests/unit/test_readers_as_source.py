"""A question naming its source ("according to the comments, ...", "... per the article") is the question it
wraps, answered from that source only."""

from __future__ import annotations

from retrieval.answer.intents import IntentKind, recognise


def test_readers_named_as_source():
    asked = recognise("according to the comments who was the letter addressed to")
    assert (asked.kind, asked.source, asked.about_readers) == (IntentKind.FACTUAL, "comment", True)
    assert asked.answer_type == "person"
    assert recognise("per the comments, did he resign?").source == "comment"
    article = recognise("according to the article who was the letter addressed to")
    assert (article.source, article.about_readers, article.answer_type) == ("article", False, "person")
    rate = recognise("whats the unemployment rate in nh per the article")
    assert (rate.source, rate.question) == ("article", "what is the unemployment rate in nh")
    assert recognise("what did the letter say").source is None
    # The piece may be named on the way: "according to the media piece".
    named = recognise("did the old inquiries change anything according to the media piece")
    assert (named.source, named.question) == ("article", "did the old inquiries change anything")
    assert recognise("what do readers think of the letter").about_readers
