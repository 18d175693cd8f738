"""How an answer says where each claim comes from.

Article sentences are reported; reader comments are quoted and framed as a reader's claim, never stated
as fact. The eval's attribution check and the LLM path's checker use the same phrases.
"""

from __future__ import annotations

import re

ARTICLE_LEAD = "The article reports:"
NOT_FOUND = "The story does not say: nothing in the article or its reader comments answers that."
NOT_FOUND_MANY = "The stories here do not say: nothing in the articles or their reader comments answers that."
# Words that mark a sentence as a reader's claim rather than the article's report.
READER_FRAMING = re.compile(
    r"\b(readers?|commenters?|commentators?|comment(s|ed|er)?|poster'?s?|posters?|one reader|a reader|"
    r"(he|she|they) (claims?|argues?|writes?|says?|said))\b",
    re.IGNORECASE,
)


def comment_lead(where: str, section: str) -> str:
    if section == "note":
        return "The poster's note says:"
    return f"A reader comment ({where}) claims:"


def quote(sentence: str) -> str:
    return f"“{sentence.strip()}”"


def is_reader_framed(text: str) -> bool:
    return bool(READER_FRAMING.search(text))
