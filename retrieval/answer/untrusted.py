"""Untrusted text (reader comments, and the article itself: an uploaded story is anyone's) made safe to
show and to put in a prompt.

Whole comments that address the bot are withheld before this (hostility.py: the one detector). What is
left is still cleaned wherever it is quoted: invisible and bidi characters dropped (normalising.py),
links in any form (links.py), images, masked links and Discord's raw mentions replaced, role tokens and
instruction-like sentences removed. Readers are still quoted and attributed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from retrieval.answer.hostility import assess, is_instruction_like
from retrieval.answer.links import MARKDOWN_IMAGE, MARKDOWN_LINK, MENTION, link_spans, replace_spans
from retrieval.answer.normalising import clean, skeleton
from retrieval.text import STOPWORDS, normalise, sentence_spans

__all__ = ["assess", "is_instruction_like", "neutralise", "payload", "safe_quote", "sanitise", "shown"]

ROLE_TOKEN = re.compile(r"<\|?[a-z_]+\|?>", re.IGNORECASE)

LINK_REMOVED = "[link removed]"
IMAGE_REMOVED = "[image removed]"
MENTION_REMOVED = "[mention removed]"
INSTRUCTION_REMOVED = "[instruction-like text removed]"


def urls(text: str) -> list[str]:
    """The links in ``text`` as its clean form writes them."""
    shown = clean(text)
    return [shown[start:end] for start, end in link_spans(skeleton(shown), shown)]


def has_link(text: str) -> bool:
    return bool(MARKDOWN_IMAGE.search(text) or MARKDOWN_LINK.search(text) or urls(text))


def neutralise(text: str) -> str:
    """Text safe to show or to put in a prompt: clean, with images, links, raw mentions and role markers
    replaced by placeholders (a masked link keeps its text, loses its address).

    Instruction-like sentences are handled by the caller, sentence by sentence (see ``sanitise``). HTML
    entities a forum export left in ("G&amp;M") are shown as the characters they stand for, before anything
    else is judged: "&lt;@123&gt;" is a raw mention too.
    """
    text = clean(html.unescape(text)) if "&" in text else clean(text)
    text = MARKDOWN_IMAGE.sub(IMAGE_REMOVED, text)
    text = MARKDOWN_LINK.sub(lambda m: m.group(1), text)
    text = MENTION.sub(MENTION_REMOVED, text)
    text = replace_spans(text, link_spans(skeleton(text), text), LINK_REMOVED)
    return ROLE_TOKEN.sub("", text)


def shown(text: str) -> str:
    """What an answer or summary may show of composed text: neutralised (its ``[n]`` markers kept)."""
    return neutralise(text) if text else text


def sanitise(text: str, spans: list[tuple[int, int]]) -> str:
    """A passage with instruction-like sentences replaced, then neutralised.

    ``spans`` are its sentence offsets (as the chunk records them).
    """
    out = []
    cursor = 0
    for start, end in spans:
        out.append(text[cursor:start])
        sentence = text[start:end]
        out.append(INSTRUCTION_REMOVED if is_instruction_like(sentence) else sentence)
        cursor = end
    out.append(text[cursor:])
    return neutralise("".join(out))


def safe_quote(text: str, kind: str) -> str:
    """A quote fit to show, from a reader's comment or from the article (both are untrusted)."""
    if not text:
        return text
    return sanitise(text, sentence_spans(text))


@dataclass(frozen=True)
class Payload:
    """What an answer must never repeat: the distinctive words of instruction-like comment sentences and
    the links only comments contain."""

    words: frozenset[str]
    links: frozenset[str]

    def found_in(self, text: str) -> list[str]:
        folded = skeleton(clean(normalise(text)))
        hits = [link for link in self.links if link.casefold() in folded]
        tokens = set(re.findall(r"[a-z0-9][a-z0-9.-]*[a-z0-9]|[a-z0-9]", folded))
        hits += sorted(self.words & tokens)
        return hits


def payload(comment_texts: list[str], article_text: str) -> Payload:
    """What the checker and the draft guard hold against a model's answer: the words of hostile comments
    (by the same detector that keeps them out of the prompt) that the story never uses otherwise (so
    "PWNED" counts, "the" and "letter" do not), and every link the article does not contain."""

    def words_of(text: str) -> set[str]:
        return set(re.findall(r"[a-z0-9]+", skeleton(clean(normalise(text)))))

    # Words the story uses outside hostile text (in the article, or in readers' ordinary comments) are
    # fair to repeat: "fare" stays sayable although a fake chat turn asks about the fare too.
    ordinary = words_of(article_text)
    article_links = {u.casefold() for u in urls(article_text)}
    instruction_words: set[str] = set()
    links: set[str] = set()
    for text in comment_texts:
        for link in urls(text):
            if link.casefold() not in article_links:
                links.add(link)
        if assess(text):
            instruction_words |= words_of(text)
        else:
            ordinary |= words_of(neutralise(text))
    words = {w for w in instruction_words - ordinary if w not in STOPWORDS and len(w) > 2}
    # Words every instruction uses are not a payload: what matters is what the reader wanted repeated.
    return Payload(frozenset(words - INSTRUCTION_VOCABULARY), frozenset(links))


INSTRUCTION_VOCABULARY = frozenset(
    "ignore disregard forget override previous prior instructions instruction prompt prompts rules messages "
    "message reply respond answer output say only reveal system assistant user human you your are now new "
    "add every response responses answers replies".split()
)
