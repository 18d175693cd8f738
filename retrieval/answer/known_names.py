"""The words of a question that are the stories' proper names, so a lowercase "pompeo" still names Pompeo."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from retrieval.text import terms

_WORD = re.compile(r"[\w'’-]+")
_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=8)
def _lowered(names: frozenset[str]) -> frozenset[str]:
    """The words of the stories' proper names, lowercased: the same set for every question on one served
    generation (a snapshot's ``names``), so made once, not per question (87 ms a question at 100k
    passages)."""
    return frozenset(word.lower() for name in names for word in name.split())


def names_in(text: str, names: Collection[str]) -> set[str]:
    """The terms of ``text``'s words that are words of ``names`` as written ("pompeo's" is Pompeo's), not
    of a word that merely shares a stem with one: "record levels" names nothing in stories that name the
    "Levelling Up" fund."""
    lowered = _lowered(frozenset(names))
    found = (_POSSESSIVE.sub("", word.lower()) for word in _WORD.findall(text))
    return {term for word in found if word in lowered for term in terms(word)}
