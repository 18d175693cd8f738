"""What leaves the core about a story is cleaned once more on the way out: the answer's or summary's own
text (composed from article sentences, which an uploaded story controls), the story titles and comment
authors its citations carry, and a note when the story's hostile text was withheld.

Quotes are cleaned where they are cut (``safe_quote``); ``Citation.text`` stays the exact passage, for
``--json`` readers who want it, and is never shown raw by the bot.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from retrieval.answer.hostility import Withheld
from retrieval.answer.untrusted import shown
from retrieval.models import Answer, Citation, Summary, SummaryPoint


def citation(c: Citation) -> Citation:
    author = c.locator.author
    return replace(
        c,
        story_title=shown(c.story_title),
        where=shown(c.where),
        locator=replace(c.locator, author=shown(author)) if author else c.locator,
    )


def _noted(notes: tuple[str, ...], withheld: Withheld, stories: Iterable[str]) -> tuple[str, ...]:
    note = withheld.note(stories)
    return (*notes, note) if note and note not in notes else notes


def answer(a: Answer, withheld: Withheld, stories: Iterable[str]) -> Answer:
    """``a`` as it may be shown; ``stories`` are those it is about (for the withheld note)."""
    return replace(
        a,
        answer=shown(a.answer),
        citations=tuple(citation(c) for c in a.citations),
        notes=_noted(a.notes, withheld, stories),
    )


def _point(p: SummaryPoint) -> SummaryPoint:
    return replace(p, text=shown(p.text))


def summary(s: Summary, withheld: Withheld) -> Summary:
    return replace(
        s,
        story_title=shown(s.story_title),
        article_points=tuple(_point(p) for p in s.article_points),
        comment_points=tuple(_point(p) for p in s.comment_points),
        citations=tuple(citation(c) for c in s.citations),
        notes=_noted(s.notes, withheld, [s.story]),
    )
