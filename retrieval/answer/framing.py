"""How an answer says where each claim comes from, and the verdicts it leads with.

Article sentences are reported; reader comments are quoted and framed as a reader's claim, never stated
as fact. The eval's attribution check and the LLM path's checker use the same phrases.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

ARTICLE_LEAD = "Article:"
NOT_FOUND = "The story does not say: nothing in the article or its reader comments answers that."
NOT_FOUND_MANY = "The stories here do not say: nothing in the articles or their reader comments answers that."
NO_ARTICLE_TEXT = "This story has no article text (only video-player or page boilerplate), so it cannot say."
# Among several stories: which one, by its title (the citation gives its date and where to find it).
NO_ARTICLE_TEXT_IN = (
    "The story closest to the question, “{title}”, has no article text (only video-player or page "
    "boilerplate), so it cannot say."
)
# "who wrote this column" of a story that carries no byline (neither story format has one).
NO_BYLINE = "“{title}” doesn't name its author, so the bot can't say who wrote it."
# ... unless its readers name the writer: what they say, attributed to them.
READERS_BYLINE = "“{title}” carries no byline; its readers say {name} wrote it: “{said}” [1]"
# "does it mention X" of a story whose words never include it.
NEVER_MENTIONS = "No — the story never mentions “{thing}”."
NEVER_MENTIONS_IN = "No — “{title}” never mentions “{thing}”."
# Verdicts, first on their line (the support follows with its citation).
YES = "Yes — the article says:"
NO = "No — the article says:"
UNSURE = "The story doesn't say outright; the article says:"
SAYS_SO = "The article says so:"
SAYS_OTHERWISE = "The article says otherwise:"
NOT_CONFIRMED = "The article doesn't confirm that; what it says:"
ONLY_A_READER = "Only a reader comment says so; the article does not mention it."
# A verdict the article states outright; a reader who says the opposite follows it: "But a reader (NAME)
# claims: ...".
STATED_VERDICTS = (YES, NO, SAYS_SO, SAYS_OTHERWISE)
BUT = "But"
READER_ONLY_FACT = "The article doesn't say;"
# Words that mark a sentence as a reader's claim rather than the article's report.
READER_FRAMING = re.compile(
    r"\b(readers?|commenters?|commentators?|comment(s|ed|er)?|poster'?s?|posters?|one reader|a reader|"
    r"(he|she|they) (claims?|argues?|writes?|says?|said))\b",
    re.IGNORECASE,
)


def reader_lead(meta: Mapping[str, Any], *, capital: bool = True) -> str:
    """ "A reader (NAME) claims:", "A reader (comment 4) claims:", or "The poster's note says:"."""
    if meta.get("section") == "note":
        return "The poster's note says:" if capital else "the poster's note says:"
    who = meta.get("author") or (f"comment {meta['comment']}" if meta.get("comment") else "")
    lead = f"a reader ({who}) claims:" if who else "a reader claims:"
    return lead[0].upper() + lead[1:] if capital else lead


def quote(sentence: str) -> str:
    return f"“{sentence.strip()}”"


def is_reader_framed(text: str) -> bool:
    return bool(READER_FRAMING.search(text))
