"""Which questions ask about the comment thread itself (answered from counts, in test_threads.py of
tests/quality), and which only sound like it."""

from __future__ import annotations

import pytest

from retrieval.answer.threads import thread_asked


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("how many comments are there", "size"),
        ("how many ppl commented on the media piece", "size"),
        ("how many replies does it have?", "size"),
        ("how many comments are on this story?", "size"),
        ("how many comments does the liberals column have so far", "size"),
        ("who commented the most", "most_active"),
        ("whos the most active commenter", "most_active"),
        ("who posted the most comments on the liberals piece", "most_active"),
        # What readers think, or who said something: not a count.
        ("how many commenters agree with the author", None),
        ("how many people commented about harper", None),
        ("who commented on it", None),
        ("how many people died", None),
    ],
)
def test_questions_about_the_thread(question: str, asked: str | None) -> None:
    assert thread_asked(question) == asked
