"""Which sentences may answer at all: body text of three words or more that ends as a sentence does; never
a subhead, caption or boilerplate, a lead-in ("Here's what we know:"), a question, or a reader's
instruction-like sentence; for the author's view the article's only, and for the readers' the comments'. A
reader quoting the article is the article second-hand, not a reader's answer."""

from __future__ import annotations

import re

from retrieval.answer.intents import Intent, IntentKind
from retrieval.answer.scoring import ScoredSentence
from retrieval.answer.untrusted import is_instruction_like
from retrieval.text import plain_words, words

# A lead-in ("Here's what we know:") announces an answer without giving it.
LEAD_IN = re.compile(r":\s*[\"”’']?\s*$|^\s*here(?:'s| is| are)\b", re.IGNORECASE)
# A question answers nothing ("Did Harper leave a surplus?").
QUESTION_MARK = re.compile(r"\?[\"”’')\]]*\s*$")
# ... but a statement may end quoting one, after a colon or comma: "All 21 members voted “yes” in response to
# the question: “... do the benefits outweigh its risks?”" (not a subhead: "What is “quiet quitting?”").
QUOTED_QUESTION = re.compile(r"[:,]\s*[“\"][^“”\"]*\?[”\"]\s*$")
# An article sentence that ends without punctuation is a headline, a label or a fragment, never a lead.
ENDS_A_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*\s*$")


def usable(s: ScoredSentence, kind: str, intent: Intent) -> bool:
    """``s``, of a passage of ``kind`` ("article" or "comment"), may answer ``intent``."""
    asks = QUESTION_MARK.search(s.text) and not QUOTED_QUESTION.search(s.text)
    if s.heading or words(s.text) < 3 or LEAD_IN.search(s.text) or asks:
        return False
    if kind == "comment" and is_instruction_like(s.text):
        return False
    if kind == "article" and not ENDS_A_SENTENCE.search(s.text):
        return False
    if intent.kind == IntentKind.AUTHOR_VIEW or intent.source == "article":
        return kind == "article"
    if intent.about_readers:
        return kind == "comment"
    return True


# This many words in a row, the article's, make a reader's sentence a quotation of it.
QUOTED_RUN = 8


def quotes_the_article(text: str, article_words: str) -> bool:
    """A reader's sentence that repeats the article (a run of ``QUOTED_RUN`` of its words, or all of it
    when shorter): the reader quoting the column they answer ("'the “tone” problem."), not a claim of
    their own. ``article_words``: the article's words, lowercased, one space apart."""
    found = plain_words(text)
    run = min(QUOTED_RUN, len(found))
    article = f" {article_words} "
    return run > 0 and any(
        f" {' '.join(found[i : i + run])} " in article for i in range(len(found) - run + 1)
    )


def first_not_quoting(
    ordered: list[ScoredSentence], kind_of: list[str], article_words: str
) -> ScoredSentence | None:
    """The first of ``ordered`` that is the article's or a reader's own words, not a reader quoting the
    article (``kind_of``: each retrieved passage's kind)."""
    return next(
        (
            s
            for s in ordered
            if kind_of[s.passage] == "article" or not quotes_the_article(s.text, article_words)
        ),
        None,
    )
