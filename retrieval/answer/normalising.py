"""Untrusted text made comparable before any check: a hidden or disguised instruction must look like the
plain one the checks know.

Two forms:
- ``clean(text)``: what may be shown or stored: NFKC (full-width and stylised letters become plain ones),
  invisible format characters removed (zero-width spaces and joiners, bidi embeddings, overrides and
  isolates, soft hyphens, tag characters) and control characters except line breaks and tabs. A word
  split by zero-width characters is whole again; an RTL override can no longer reorder what is shown.
- ``skeleton(text)``: what the checks read: ``clean`` text with every character folded to the ASCII letter
  it is confusable with (Unicode's confusables, from ``confusable_homoglyphs``), lower-cased, one character
  for one, so an offset in the skeleton is the same offset in the clean text. Cyrillic "іgnоrе" reads
  "ignore". It is never shown: a reader writing in Cyrillic is shown as they wrote.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from confusable_homoglyphs.confusables import confusables_data

# Line and paragraph separators end lines like "\n" (a fake chat turn may start after one).
_SEPARATORS = {"\u2028": "\n", "\u2029": "\n", "\r": "\n"}
_KEPT_CONTROLS = frozenset("\n\t")
_ASCII_CONTROLS = {c: ("\n" if c == 13 else None) for c in (*range(32), 127) if chr(c) not in _KEPT_CONTROLS}


def _visible(char: str) -> str:
    if char in _SEPARATORS:
        return _SEPARATORS[char]
    category = unicodedata.category(char)
    if category == "Cf" or (category == "Cc" and char not in _KEPT_CONTROLS):
        return ""
    return char


def clean(text: str) -> str:
    """``text`` in NFKC without invisible format or control characters (line breaks and tabs stay)."""
    if text.isascii():  # the common case, fast: NFKC changes no ASCII text
        return text if text.isprintable() else text.translate(_ASCII_CONTROLS)
    text = unicodedata.normalize("NFKC", text)
    # NFKC again: removing a joiner can leave two characters that compose.
    return unicodedata.normalize("NFKC", "".join(_visible(c) for c in text))


def _ascii_look_alike(char: str) -> str | None:
    for homoglyph in confusables_data.get(char, ()):
        candidate = homoglyph["c"]
        if len(candidate) == 1 and candidate.isascii() and candidate.isprintable() and candidate != " ":
            return candidate
    return None


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    """One character's ASCII look-alike (letter, digit or punctuation), lower-cased, or the character
    lower-cased when it has none. The lower-case form is looked up first: Unicode lists Cyrillic "І" as
    confusable with "l" (as it does Latin "I"), its small "і" with "i", and the skeleton is lower case."""
    lowered = char.lower()
    if len(lowered) != 1:
        lowered = char
    found = _ascii_look_alike(lowered) or _ascii_look_alike(char)
    return (found or lowered).lower()


def skeleton(clean_text: str) -> str:
    """``clean_text`` folded for checks, one character for one (see the module's docstring)."""
    if clean_text.isascii():
        return clean_text.lower()
    return "".join(c.lower() if c.isascii() else _fold(c) for c in clean_text)


def fold(text: str) -> str:
    """The skeleton of any text: clean, then folded."""
    return skeleton(clean(text))
