"""What a story's headline tells about its sentences: where they are set.

A news headline often names the story's place, and the article's sentences need not say it again: "The
death toll stands at more than 1,000" is about the Afghan quake in a story headlined "Afghanistan
earthquake".
"""

from __future__ import annotations

from retrieval.answer.intents import Intent
from retrieval.answer.leads import set_in
from retrieval.text import terms


def places_headlined(intent: Intent, title: str) -> frozenset[str]:
    """The names of the place the question sets its event in ("in the afghan quake") that ``title`` holds
    (or a word made from them: "Afghanistan" for "afghan"): every sentence of the article is set there."""
    headline = set(terms(title))
    return frozenset(e for e in set_in(intent) if any(t.startswith(e) for t in headline))
