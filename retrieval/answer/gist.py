"""What a named reader said: their best sentences on the topic asked about; else what their most voted
comment opens with. A name that fits several readers ("what did mark say" of two Marks) gets each one's."""

from __future__ import annotations

import re
from collections.abc import Sequence

from langchain_core.documents import Document

from retrieval.answer.intents import Intent
from retrieval.answer.scoring import ScoredSentence
from retrieval.answer.usable import quotes_the_article, usable
from retrieval.text import words

# A sentence opening with a quotation quotes someone else (the article, another reader).
QUOTES_FIRST = re.compile(r"""^\s*["“'‘]""")
# Words a comment's opening sentence needs to stand for the comment ("Agreed." does not).
OPENING_WORDS = 6

Group = tuple[ScoredSentence, ...]


def gist(
    intent: Intent,
    scored: list[ScoredSentence],
    documents: Sequence[Document],
    margin: float,
    article_words: str = "",
) -> tuple[Group, list[Group]] | None:
    """The lead group and further lines for a named reader's comments (``documents``, with ``scored``
    their sentences); None when none of their sentences may answer. On a topic, the best sentences within
    ``margin`` of the first, the reader's own words before those quoting someone else. Without one, their
    comment's opening in their own words: not the article's they quote (``article_words``: its words, as
    ``quotes_the_article`` reads them)."""
    own = [s for s in scored if usable(s, "comment", intent)]
    if not own:
        return None
    if intent.question:
        own.sort(key=lambda s: bool(QUOTES_FIRST.match(s.text)))
        lead = own[0]
        return (lead,), [(s,) for s in own[1:3] if s.support >= lead.support - margin]
    words_of_their_own = [s for s in own if not quotes_the_article(s.text, article_words)] or own
    openings = [_opening(words_of_their_own, documents, author) for author in intent.commenters or (None,)]
    first, *others = [opening for opening in openings if opening]
    return first, others


def _opening(own: list[ScoredSentence], documents: Sequence[Document], author: str | None) -> Group:
    """What ``author``'s (or anyone's, None) most voted comment (the closest, when none has votes) opens
    with: its first full sentences, in order. A comment on the piece itself comes before a reply to
    another reader: what they think of the column is there, not in an argument with someone else."""
    theirs = [p for p, d in enumerate(documents) if author in (None, d.metadata.get("author"))]
    if not theirs:
        return ()
    top = max(
        theirs,
        key=lambda p: (
            documents[p].metadata.get("reply_to") is None,
            documents[p].metadata.get("votes") or 0,
        ),
    )
    first = sorted(
        (s for s in own if s.passage == top and words(s.text) >= OPENING_WORDS), key=lambda s: s.index
    )
    mine = [s for s in own if s.passage in theirs]
    return tuple(first[:2] or sorted(mine, key=lambda s: (s.passage != top, s.passage, s.index))[:1])
