"""Sentence boundaries: pysbd's segmentation, corrected where news prose trips it up.

pysbd keeps most abbreviations whole ("Dr. Jones", "William H. Seely", "the U.S. Army"), but breaks a
sentence after a time followed by its zone or day ("at 5 p.m. | ET on Friday") and keeps "the U.S. | Her
sister ..." together. The corrections below mend those; paragraph breaks always end a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

__all__ = ["ends_with_abbreviation", "sentence_spans"]

_PUNCT_ONLY = re.compile(r"^[\W_]+$")
_INNER_STOP = re.compile(r"[.!?…][\"”’')\]]*\s+\S")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


# Abbreviations a sentence cannot end on: a title before a name, "vs.", "e.g.".
_TITLES = frozenset(
    "mr mrs ms messrs dr prof gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep rev hon pres supt det"
    " insp amb fr sra vs e.g i.e cf approx".split()
)
# Abbreviations that end a sentence only when the next word could not carry it on: months ("Jan. 5"),
# companies ("Acme Inc."), places and acronyms ("the U.S."), times ("5 p.m."), "No." ("No. 5" / "said No.").
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_CONTINUABLE = _MONTHS | frozenset("inc corp co ltd jr sr st ave blvd mt ft etc no nos a.m p.m".split())
_LAST_WORD = re.compile(r"(?:^|[\s(\[\"“‘'])([A-Za-z][A-Za-z.]*)\.$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")
# What follows a time ("5 p.m. ET on Friday", "8 p.m. Tuesday") when the time does not end the sentence.
_AFTER_TIME = re.compile(
    r"^(?:[ECMPA][SD]?T|GMT|UTC|BST|CET|CEST)\b"
    r"|^(?i:local|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b"
)


# Where a sentence ends on an acronym and the next begins with a word no sentence carries on with
# ("... to the U.S. Her sister stayed."): the segmenter keeps these together.
_ACRONYM_THEN_NEW_SENTENCE = re.compile(
    r"(?<=\b[A-Z]\.[A-Z]\.)\s+(?=(?:The|He|She|It|They|We|His|Her|Its|Their|This|These|Those|But)\b)"
)


def _abbreviation(text: str) -> str | None:
    """The abbreviation ``text`` ends on ("U.S." -> "u.s", "a.m." -> "a.m"), or None."""
    match = _LAST_WORD.search(text)
    if match is None:
        return None
    word = match.group(1).lower()
    if word in _TITLES or word in _CONTINUABLE or _INITIALS.match(word):
        return word
    return None


def ends_with_abbreviation(text: str) -> bool:
    """Whether the full stop ``text`` ends with may belong to an abbreviation ("U.S.", "Dr.", "H.", "a.m.")
    rather than end a sentence."""
    return _abbreviation(text.rstrip()) is not None


def _continues(previous: str, following: str) -> bool:
    """Whether a sentence break the segmenter put between ``previous`` and ``following`` falls inside an
    abbreviation ("at 5 p.m. | ET on Friday", "Gen. | Mark Milley", "the U.S. | and its allies")."""
    word = _abbreviation(previous.rstrip())
    if word is None or not following:
        return False
    if word in _TITLES:
        return True
    if following[0].islower() or following[0].isdigit():
        return True
    return word in ("a.m", "p.m") and bool(_AFTER_TIME.match(following))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence offsets in ``text``. Paragraph breaks always end a sentence; stray punctuation joins the
    sentence before it ("link....." stays one sentence); so does a break the segmenter made inside an
    abbreviation ("at 5 p.m. ET", "Dr. Jones", "the U.S. and"). A sentence that ends on an acronym ends
    there when the next word starts a sentence ("the U.S. Her sister ...")."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        block_start = line.start()
        cursor = block_start
        # pysbd is slow; a line with no sentence end before its last word is one sentence anyway.
        parts = _segmenter().segment(line.group(0)) if _INNER_STOP.search(line.group(0)) else [line.group(0)]
        parts = [piece for part in parts for piece in _ACRONYM_THEN_NEW_SENTENCE.split(part)]
        for sentence in parts:
            stripped = sentence.strip()
            if not stripped:
                continue
            start = text.index(stripped, cursor)
            end = start + len(stripped)
            cursor = end
            joins = spans and spans[-1][1] >= block_start
            if joins and (
                _PUNCT_ONLY.match(stripped) or _continues(text[spans[-1][0] : spans[-1][1]], stripped)
            ):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans
