"""Questions about a story's comment thread itself ("how many comments are there", "who commented the most"):
answered from the index's own counts, not from any sentence, which never holds them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Literal

from retrieval.answer.chat_words import normalise_chat
from retrieval.answer.intent_vocabulary import STORY_REFERENCE
from retrieval.index.manifest import StoryEntry
from retrieval.index.passage import Passage

ThreadQuestion = Literal["size", "most_active"]

# Words that may follow a question about the thread once its reference to the piece is gone ("on the media
# piece"): "are there", "does it have", "so far".
_TAIL = (
    r"(?:\s+(?:are|were|is|there|on|in|under|does|did|has|have|had|get|got|it|this|that|here|so far|now|"
    r"total|in total|all))*\W*$"
)
# "how many comments are there", "how many ppl commented on the media piece", "how many replies does it
# have" (not "how many commenters agree with the author": what readers think).
THREAD_SIZE = re.compile(
    r"^how many (?:comments|replies|commenters|posts|(?:people|readers) (?:have )?(?:commented|posted|"
    r"replied))" + _TAIL
)
# "who commented the most", "who's the most active commenter", "who posted the most comments".
MOST_ACTIVE = re.compile(
    r"^(?:who|which (?:reader|commenter|poster))(?: is| was)? (?:(?:commented|posted|replied|comments|posts)"
    r" the most(?: comments)?|(?:the )?most active (?:commenter|reader|poster)|has (?:the )?most comments)"
    + _TAIL
)


def thread_asked(question: str) -> ThreadQuestion | None:
    """Which question about the thread ``question`` asks, if it asks one."""
    text = STORY_REFERENCE.sub(" ", normalise_chat(question).lower()).strip()
    if THREAD_SIZE.match(text):
        return "size"
    if MOST_ACTIVE.match(text):
        return "most_active"
    return None


def thread_answer(
    asked: ThreadQuestion, entry: StoryEntry, passages: Sequence[Passage], stories: int = 1
) -> str:
    """The answer, from the story's comment passages (a long comment spans several, counted once); of
    several ``stories``, ``entry`` is the newest, and the answer says so."""
    comments = {
        (p.metadata.get("author") or "", p.metadata.get("comment"))
        for p in passages
        if p.story == entry.id and p.metadata.get("section") == "comment"
    }
    by_author = Counter(author for author, _ in comments if author)
    title = f"“{entry.title}”" + (f" (the newest of {stories} stories)" if stories > 1 else "")
    if not entry.comments:
        return f"{title} has no reader comments."
    if asked == "size":
        readers = f", from {len(by_author)} named readers" if by_author else ""
        return f"{title} has {_count(entry.comments, 'reader comment')}{readers}."
    if not by_author:
        return f"The {_count(entry.comments, 'reader comment')} on {title} carry no names."
    (top, most), *rest = by_author.most_common()
    tied = [name for name, n in rest if n == most]
    if tied:
        names = ", ".join([top, *tied[:-1]]) + f" and {tied[-1]}"
        return f"{names} commented the most on {title}, {_count(most, 'comment')} each of {entry.comments}."
    return f"{top} commented the most on {title}: {_count(most, 'comment')} of {entry.comments}."


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
