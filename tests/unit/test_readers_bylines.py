"""The writer a story's readers name (issue 9): a name the article never uses, put beside the piece at least
once, and named clearly more often than any other such name; the writer's surname in a question is "the
author", unless another first name goes with it."""

from __future__ import annotations

import re

from retrieval.answer.bylines import ReadersByline, readers_byline
from retrieval.index.passage import Passage

ARTICLE = "The budget is late, and that is fine. Mayor Tom Reyes says the transit plan comes first."


def comments(*texts: str) -> list[Passage]:
    return [
        Passage(
            f"c{i}",
            text,
            {"story": "s", "kind": "comment", "section": "comment"},
            tuple(m.span() for m in re.finditer(r"[^.!?]+[.!?]?", text)),
            (),
        )
        for i, text in enumerate(texts)
    ]


def test_the_writer_is_the_name_readers_put_beside_the_piece():
    found = readers_byline(
        comments(
            "Mr. Quill, you are far too kind.",
            "Quill's column misses the point.",
            "I think Ada Quill is the best columnist in town.",
            "Well said, Ada.",
            "Bo Vance's piece on the trial was better.",
            "Tom Reyes should resign, and Mayor Reyes knows it.",
        ),
        ARTICLE,
    )
    assert found is not None
    assert (found.name, found.sentence) == ("Ada Quill", "I think Ada Quill is the best columnist in town.")


def test_no_writer_without_a_clear_lead_or_a_use_beside_the_piece():
    # Two columnists named as often: neither is surely this piece's writer.
    tie = comments("Ada Quill's column is fine.", "Bo Vance's piece was better.")
    assert readers_byline(tie, ARTICLE) is None
    # Named often, never beside the piece: someone readers talk about, not the writer.
    talked_about = comments("Ada Quill is a crook.", "Quill again!", "Nobody trusts Ada Quill.")
    assert readers_byline(talked_about, ARTICLE) is None
    # The mayor the article names is never its writer, however readers put it.
    assert readers_byline(comments("Tom Reyes's column is better.", "Mr. Reyes, resign."), ARTICLE) is None


def test_the_writers_name_in_a_question_is_the_author():
    byline = ReadersByline("Ada Quill", "Quill", comments("x")[0], "x", frozenset({"paul"}))
    assert byline.as_the_author("whats quill's take on the budget") == "whats the author's take on the budget"
    assert byline.as_the_author("does ada quill like the mayor") == "does the author like the mayor"
    assert byline.as_the_author("what did paul quill do") == "what did paul quill do"
