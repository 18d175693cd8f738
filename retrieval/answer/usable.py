"""Which sentences may answer at all: body text of three words or more that ends as a sentence does; never
a subhead, caption or boilerplate, a lead-in ("Here's what we know:"), a question, or a reader's
instruction-like sentence; for the author's view the article's only, and for the readers' the comments'."""

from __future__ import annotations

import re

from retrieval.answer.intents import Intent, IntentKind
from retrieval.answer.scoring import ScoredSentence
from retrieval.answer.story_choice import ABOUT_READERS
from retrieval.answer.untrusted import is_instruction_like
from retrieval.text import words

# A lead-in ("Here's what we know:") announces an answer without giving it.
LEAD_IN = re.compile(r":\s*[\"”’']?\s*$|^\s*here(?:'s| is| are)\b", re.IGNORECASE)
# A question answers nothing ("Did Harper leave a surplus?").
QUESTION_MARK = re.compile(r"\?[\"”’')\]]*\s*$")
# An article sentence that ends without punctuation is a headline, a label or a fragment, never a lead.
ENDS_A_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*\s*$")


def usable(s: ScoredSentence, kind: str, intent: Intent) -> bool:
    """``s``, of a passage of ``kind`` ("article" or "comment"), may answer ``intent``."""
    if s.heading or words(s.text) < 3 or LEAD_IN.search(s.text) or QUESTION_MARK.search(s.text):
        return False
    if kind == "comment" and is_instruction_like(s.text):
        return False
    if kind == "article" and not ENDS_A_SENTENCE.search(s.text):
        return False
    if intent.kind == IntentKind.AUTHOR_VIEW:
        return kind == "article"
    if intent.kind in ABOUT_READERS:
        return kind == "comment"
    return True
