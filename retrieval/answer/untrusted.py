"""Reader comments are untrusted text: they may carry instructions aimed at a language model, links,
images that phone home, or fake chat turns. This module finds those parts and neutralises them.

Comments are still quoted and attributed; what is removed is only what could make the bot act on a
reader's text or pass a reader's link or payload on as its own: instruction-like sentences, URLs,
markdown images and chat-role markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.text import STOPWORDS, normalise, sentence_spans

INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|prompts?|rules|messages?|above|previous)\b"
    r"|\b(reply|respond|answer|output|say)\b.{0,20}\bonly\b"
    r"|\b(reply|respond|answer)\b\s+with\b"
    r"|\breveal\b.{0,40}\b(instructions?|prompt|system|rules)\b"
    r"|\bsystem\s+prompt\b|\byou are now\b|\bnew instructions\b|\bas an ai\b"
    r"|\badd\b.{0,80}\bto (your|the|every)\b.{0,20}\b(answer|reply|response|output)s?\b"
    r"|(^|\n|\s)(system|assistant|user|human|ai)\s*:"
    r"|<\|?im_(start|end)\|?>|<\|(system|assistant|user)\|>|\[/?INST\]",
    re.IGNORECASE,
)
URL = re.compile(
    r"\bhttps?://[^\s)\]>\"']+"
    r"|\bwww\.[^\s)\]>\"']+"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|net|org|example|io|info|biz|xyz|ru|cn|co|ly|me|app|shop|site|online)\b(?:/[^\s)\]>\"']*)?",
    re.IGNORECASE,
)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)]*)\)")
ROLE_TOKEN = re.compile(r"<\|?[a-z_]+\|?>", re.IGNORECASE)

LINK_REMOVED = "[link removed]"
IMAGE_REMOVED = "[image removed]"
INSTRUCTION_REMOVED = "[instruction-like text removed]"


def is_instruction_like(sentence: str) -> bool:
    return bool(INSTRUCTION.search(normalise(sentence)))


def urls(text: str) -> list[str]:
    return [m.group(0).rstrip(".,;:!?") for m in URL.finditer(text)]


def neutralise(text: str) -> str:
    """Text safe to show or to put in a prompt: images, links and role markers replaced by placeholders.

    Instruction-like sentences are handled by the caller, sentence by sentence (see ``sanitise``).
    """
    text = MARKDOWN_IMAGE.sub(IMAGE_REMOVED, text)
    text = MARKDOWN_LINK.sub(lambda m: m.group(1), text)
    text = URL.sub(LINK_REMOVED, text)
    return ROLE_TOKEN.sub("", text)


def sanitise(text: str, spans: list[tuple[int, int]]) -> str:
    """A comment with instruction-like sentences replaced and links, images and role markers removed.

    ``spans`` are the comment's sentence offsets (as the chunk records them).
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
    """Quotes from reader comments lose links, images and instruction-like sentences before display."""
    if kind != "comment" or not text:
        return text
    return sanitise(text, sentence_spans(text))


@dataclass(frozen=True)
class Payload:
    """What an answer must never repeat: the distinctive words of instruction-like comment sentences and
    the links only comments contain."""

    words: frozenset[str]
    links: frozenset[str]

    def found_in(self, text: str) -> list[str]:
        folded = normalise(text).casefold()
        hits = [link for link in self.links if link.casefold() in folded]
        tokens = set(re.findall(r"[a-z0-9][a-z0-9.-]*[a-z0-9]|[a-z0-9]", folded))
        hits += sorted(self.words & tokens)
        return hits


def payload(comment_texts: list[str], article_text: str) -> Payload:
    """Collect the payload of instruction-like comment sentences: their words that the article never uses
    (so "PWNED" counts, "the" and "letter" do not) and every link the article does not contain."""
    from retrieval.text import sentence_spans

    def words_of(text: str) -> set[str]:
        return set(re.findall(r"[a-z0-9]+", normalise(text).casefold()))

    # Words the story uses outside instructions (in the article, or in readers' ordinary sentences) are
    # fair to repeat: "fare" stays sayable although a fake chat turn asks about the fare too.
    ordinary = words_of(article_text)
    article_links = {u.casefold() for u in urls(article_text)}
    instruction_words: set[str] = set()
    links: set[str] = set()
    for text in comment_texts:
        for link in urls(text):
            if link.casefold() not in article_links:
                links.add(link)
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if is_instruction_like(sentence):
                instruction_words |= words_of(sentence)
            else:
                ordinary |= words_of(neutralise(sentence))
    words = {w for w in instruction_words - ordinary if w not in STOPWORDS and len(w) > 2}
    # Words every instruction uses are not a payload: what matters is what the reader wanted repeated.
    return Payload(frozenset(words - INSTRUCTION_VOCABULARY), frozenset(links))


INSTRUCTION_VOCABULARY = frozenset(
    "ignore disregard forget override previous prior instructions instruction prompt prompts rules messages "
    "message reply respond answer output say only reveal system assistant user human you your are now new "
    "add every response responses answers replies".split()
)
