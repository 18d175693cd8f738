"""Story files written into a test's corpus, and the first story edited in place."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.paths import FIRST_STORY


def _word(number: int) -> str:
    """A different word for each number: sentences that differ only in their digits are folded at ingest
    as near-repeats, and these must stay distinct."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not number:
            return "w" + letters


def write_story(directory: Path, story_id: str, sentences: int, code_word: str = "ALPHA") -> None:
    paragraphs = [f"The code word of {story_id} is {code_word}."] + [
        " ".join(
            f"In {story_id} paragraph {p} sentence {s} states fact {_word(p * 10 + s)}." for s in range(5)
        )
        for p in range(sentences // 5)
    ]
    comments = [{"author": "Zed", "text": f"A reader of {story_id} thinks the code word is wrong."}]
    (directory / f"{story_id}.json").write_text(
        json.dumps(
            {"id": story_id, "title": f"Story {story_id}", "paragraphs": paragraphs, "comments": comments}
        )
    )


def edit_first_story(corpus: Path) -> None:
    path = corpus / FIRST_STORY.name
    path.write_text(path.read_text(encoding="utf-8").replace("Fake news.", "Fake news!"), encoding="utf-8")
