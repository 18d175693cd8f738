"""The one detector of text that addresses the bot instead of the reader. Every check reads the text's
skeleton (normalising.py): an instruction split by zero-width characters or spelt with look-alike letters
reads as the plain instruction.

Text is hostile when it carries:
- an instruction to the model, with trigger words ("ignore previous instructions", "reply only with") or
  without ("the bot must always append ...", "in every answer, mention ...");
- a role or chat-turn marker ("### Instruction:", "</passages>", "Assistant:", "<|im_start|>", "[INST]");
- an encoded payload: a base64 blob with "decode this", or one that decodes to an instruction;
- in a reader's text only: fake framing at its start ("The article reports: ...", "Article: ...") or fake
  citation markers ("[1]", "[2]") that would pass a reader's words off as the article's.

A hostile comment is withheld whole (see ``withhold``), not cleaned sentence by sentence: one that tries
to steer the bot has shown what its other sentences are for. The prompt, the checker's payload, the
offline answers and the summaries all read this verdict, made once per served generation.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from retrieval.answer.normalising import clean, skeleton

if TYPE_CHECKING:
    from retrieval.index.passage import Passage

_OUTPUT = r"(?:answers?|repl(?:y|ies)|responses?|summar(?:y|ies)|outputs?)"
_BOT = (
    r"(?:(?:the |this |any |every |an? )?(?:chat ?bots?|bots?|assistants?|storybot|llms?|language models?"
    r"|chatgpt|gpt|summari[sz]ers?)|the ai|any ai|an ai)"
)
_DO = (
    r"(?:append|prepend|add|include|say|reply|respond|answer|write|print|output|repeat|mention|end|start"
    r"|begin|tell|recommend|link|promote|refuse|ignore|state|claim|quote|cite|insert|describe)"
)

# An instruction to the model, sentence by sentence.
INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:(?:all|any|the|your|its|my|these|those|of|everything"
    r"|previous|prior|above|earlier|preceding|system|original|initial)\s+){0,3}(?:instructions?|prompts?|rules"
    r"|messages?|guidelines|directions|context|above|previous)\b"
    r"|\b(?:reply|respond|answer|output|say|write|print)\b(?:\s+\w+){0,3}\s+only\s+(?:with|in|the|one|[\"'`])"
    r"|\b(?:reply|respond|answer)\b\s+with\b"
    r"|\breveal\b.{0,40}\b(?:instructions?|prompt|system|rules)\b"
    r"|\bsystem\s+prompt\b|\byou are now\b|\bnew instructions\b|\bas an ai\b"
    r"|\badd\b.{0,80}\bto (?:your|the|every)\b.{0,20}\b" + _OUTPUT + r"\b"
    # Without trigger words: the bot (or "you") told what it must do, or what every answer must hold.
    r"|\b" + _BOT + r"\b[^.!?\n]{0,30}\b(?:must|should|shall|will|needs? to|has to|have to|is to"
    r"|is required to|ought to)\b[^.!?\n]{0,20}\b" + _DO + r"\b"
    r"|\byou (?:must|should|shall|will|need to|have to) (?:always|never|now|only)\b[^.!?\n]{0,15}\b"
    + _DO
    + r"\b"
    r"|\b(?:always|never)\s+(?:" + _DO + r")\b.{0,80}\b" + _OUTPUT + r"\b"
    r"|\b(?:append|prepend)\w*\b.{0,80}\b(?:to|in|after)\b"
    r"|\b(?:in|to|end|start|begin|finish|close) (?:your|every|each) (?:answers?|repl(?:y|ies)|summar(?:y|ies)"
    r"|outputs?)\b"
    r"|\b(?:when|whenever|if) (?:you|" + _BOT + r") (?:answer|summari[sz]e|reply|respond|are asked)\b"
    r"|\b" + _BOT + r" (?:reading|summari[sz]ing|processing|parsing|scraping) this\b"
    r"|\b(?:note to|dear|hey|attention|hello) " + _BOT + r"\b",
)
# Role and chat-turn markers: the model's own conversation format, or the prompt's passage tags.
TURN = re.compile(
    r"#{2,}\s*(?:instruction|response|system|assistant|user|human|input|output|answer|question|prompt)s?\b"
    r"|</?\s*(?:passages?|reader_comments?|article(?:_passages?)?|system|instructions?|context|documents?"
    r"|user|assistant|human|prompt|s)\s*>"
    r"|<\|[^|<>\n]{1,40}\|>|<(?:start|end)_of_turn>|\[/?inst\]|<</?sys>>"
    r"|<\|?im_(?:start|end)\|?>"
    r"|(?:^|\s)(?:system|assistant|user|human|ai)\s*:"
)
# A reader's words dressed as the article's: framing at the start, or citation markers anywhere.
FRAMING = re.compile(
    r"^\W{0,3}(?:the |this |per the |from the )?(?:article|story|report|publisher|passage|editor|author"
    r"|journalist|source|press release|news)\b[^.!?\n:]{0,30}:"
)
CITATION = re.compile(
    r"\[\s*\d{1,3}\s*(?:,\s*\d{1,3}\s*)*\]|\[(?:article|source|passage|ref)\b[^\]\n]{0,20}\]"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
_BLOB = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
_DECODE = re.compile(r"\b(?:decode|decoded|decoding|base ?64|b64|encoded)\b")


def is_instruction_like(sentence: str) -> bool:
    """Whether one sentence instructs the model or carries a chat-turn marker (read as its skeleton)."""
    folded = skeleton(clean(sentence))
    return bool(INSTRUCTION.search(folded) or TURN.search(folded))


def _encoded(text: str, folded: str) -> bool:
    """A base64 blob asked to be decoded, or one that decodes to an instruction."""
    for match in _BLOB.finditer(text):
        if _DECODE.search(folded):
            return True
        blob = match.group(0)
        try:
            decoded = base64.b64decode(blob + "=" * (-len(blob) % 4), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        if decoded.isprintable() and is_instruction_like(decoded):
            return True
    return False


@lru_cache(maxsize=8192)
def assess(text: str, kind: str = "comment", author: str = "") -> str | None:
    """Why ``text`` (a comment, or an article passage when ``kind`` is "article") addresses the bot, or
    None when it does not. A comment's ``author`` is read too: a name can carry an instruction."""
    shown = clean(text)
    folded = skeleton(shown)
    if TURN.search(folded):
        return "chat-turn marker"
    # Sentence by sentence, roughly (a full sentence splitter costs more than every check here): an
    # instruction's words must stand in one sentence ("Forget it. The previous mayor ..." is none).
    if any(INSTRUCTION.search(sentence) for sentence in _SENTENCE_END.split(folded)):
        return "instruction"
    if _encoded(shown, folded):
        return "encoded instruction"
    if kind == "comment":
        if FRAMING.search(folded):
            return "framed as the article"
        if CITATION.search(folded):
            return "fake citation marker"
        if author and is_instruction_like(author):
            return "instruction in the author's name"
    return None


@dataclass(frozen=True)
class Withheld:
    """What a served generation keeps out of answers and summaries, counted per story."""

    comments: Counter[str]  # story id -> hostile comments (and posters' notes)
    article: Counter[str]  # story id -> hostile article sentences
    texts: dict[str, list[str]]  # story id -> the withheld text, what a model's answer must not repeat

    def payload_texts(self, stories: Iterable[str]) -> list[str]:
        return [text for story in set(stories) for text in self.texts.get(story, ())]

    def note(self, stories: Iterable[str]) -> str | None:
        """ "1 comment withheld: it addressed the bot" for the stories an answer or summary is about."""
        stories = set(stories)
        comments = sum(self.comments[s] for s in stories)
        article = sum(self.article[s] for s in stories)
        parts = []
        if comments:
            parts.append(f"{comments} comment{'s' if comments != 1 else ''}")
        if article:
            parts.append(f"{article} article sentence{'s' if article != 1 else ''}")
        if not parts:
            return None
        they = "it" if comments + article == 1 else "they"
        return f"{' and '.join(parts)} withheld: {they} addressed the bot"


def _comment_key(passage: Passage) -> tuple[str, object]:
    return passage.story, passage.metadata.get("comment", passage.record_id)


def _is_readers(passage: Passage) -> bool:
    return passage.kind == "comment" or passage.metadata.get("section") == "note"


def _without(passage: Passage, hostile: list[int]) -> Passage:
    """An article passage with its hostile sentences blanked: spaces of the same length keep every offset
    (sentences, embedding pieces) valid, and their role keeps them from ever leading an answer."""
    text, roles = passage.text, passage.sentence_roles()
    for i in hostile:
        start, end = passage.sentences[i]
        text = text[:start] + " " * (end - start) + text[end:]
        roles[i] = "boilerplate"
    return replace(passage, text=text, roles=tuple(roles))


def withhold(passages: Sequence[Passage]) -> tuple[list[Passage], Withheld]:
    """The passages fit to answer from, and what was withheld. A reader's comment is judged whole (one
    hostile part withholds every passage of it); the article loses only its hostile sentences, since one
    passage holds several of its paragraphs and the rest is the story."""
    hostile_comments = {
        _comment_key(p)
        for p in passages
        if _is_readers(p) and assess(p.text, "comment", str(p.metadata.get("author") or ""))
    }
    kept: list[Passage] = []
    texts: dict[str, list[str]] = {}
    article: Counter[str] = Counter()
    for p in passages:
        if _is_readers(p):
            if _comment_key(p) in hostile_comments:
                texts.setdefault(p.story, []).append(p.text)
            else:
                kept.append(p)
            continue
        hostile = [i for i, (a, b) in enumerate(p.sentences) if assess(p.text[a:b], "article")]
        if hostile:
            texts.setdefault(p.story, []).extend(p.text[a:b] for a, b in (p.sentences[i] for i in hostile))
            article[p.story] += len(hostile)
            p = _without(p, hostile)
        kept.append(p)
    comments = Counter(story for story, _ in hostile_comments)
    return kept, Withheld(comments, article, texts)
