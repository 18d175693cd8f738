"""What a question asks for, recognised before retrieval: a pure, fast function of the question text.

``recognise("tldr?")`` is a SUMMARY; ``recognise("what do ppl think of the govt")`` a READERS_VIEW about
"government"; ``recognise("is it true that X")`` a CLAIM_CHECK of "X". Every rule matches a family
of phrasings (typed the way people type in Discord: lowercase, chat spelling, no question mark), never
one question. The checks run from the most specific intent to the least: a named commenter, article
against readers, a claim check, the readers' view, the author's view, a summary, yes/no, factual.

Decisions worth knowing:
- "do readers agree with the article", "do commenters buy that", "article says X but comments say Y"
  and "how do comments compare to the article" are CONTRAST; "do ppl agree with trump" (agreement with
  anyone but the article) and "did readers like it" are READERS_VIEW: a reaction, not a comparison.
- Only a comment author makes a COMMENTER question: "what did pompeo say" with no author like "pompeo"
  is FACTUAL (a person the article quotes). "the second commenter" is a COMMENTER question by position.
- "did X really ..." and "is X legit / true / fake" are claim checks; "did X actually ..." stays a plain
  yes/no question, as does any yes/no question with no claim in it.
- ``question`` is empty when the framing is all there is ("tldr?", "what do people think"): the whole
  story is meant.
The phrasings live in intent_vocabulary.py; claim checks in claims.py; commenters in commenters.py.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import partial

from retrieval.answer import intent_vocabulary as vocab
from retrieval.answer.asked_types import answer_type_of
from retrieval.answer.chat_words import normalise_chat
from retrieval.answer.claims import claim_to_check
from retrieval.answer.commenters import commenter_asked
from retrieval.answer.known_names import names_in
from retrieval.answer.said import what_said
from retrieval.text import key_terms, terms


class IntentKind(StrEnum):
    FACTUAL = "factual"
    YES_NO = "yes_no"
    CLAIM_CHECK = "claim_check"
    SUMMARY = "summary"
    READERS_VIEW = "readers_view"
    CONTRAST = "contrast"
    COMMENTER = "commenter"
    AUTHOR_VIEW = "author_view"


@dataclass(frozen=True)
class Intent:
    """A recognised question.

    ``question``: the question with its framing removed, for retrieval ("is it true that X" -> "X";
    "what did Bob say about taxes" -> "taxes"), chat spelling spelled out; empty when only framing.
    ``focus``: what an answer must be about, as ``retrieval.text.terms`` spells it (stems); ``entities``
    the part of it that names something (capitalised words, years, known names), the stricter test.
    ``answer_type``: what a FACTUAL question asks for: "person", "organization", "time", "place", "number",
    "cause", "manner" (how done), "outcome" (how it turned out) or "list" (things); None if it cannot tell.
    ``commenters``: the comment authors a COMMENTER question names (two when a first name fits two);
    ``comment_number``: the commenter by position ("the second commenter" -> 2, "the last" -> -1).
    ``wants_recent``: the question asks about now ("now", "latest", "still", "so far", "this week").
    ``asked_focus``: the focus of the question sentence alone when a statement sets it up ("NASA released
    images this week. What did the images show?"); empty when the question is all there is, or when it
    leans on the set-up ("... When will it be available?"). ``source``: "comment" or "article" when the
    question names it ("according to the comments, who ...", "... per the article"): only it answers.
    """

    kind: IntentKind
    question: str
    focus: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    answer_type: str | None = None
    commenters: tuple[str, ...] = ()
    comment_number: int | None = None
    wants_recent: bool = False
    mention: bool = False  # a YES_NO asking whether the story names ``question`` at all
    asked_focus: tuple[str, ...] = ()
    source: str | None = None

    @property
    def about_readers(self) -> bool:
        """The comments answer: a question on readers, on a commenter, or naming readers as its source."""
        return self.source == "comment" or self.kind in (IntentKind.READERS_VIEW, IntentKind.COMMENTER)

    @property
    def key_focus(self) -> tuple[str, ...]:
        """What an answering sentence must hold of the focus: the question sentence's, when a statement sets
        it up (the set-up's words are background the answer need not repeat: the sentence that says what the
        images show need not say NASA released them)."""
        return self.asked_focus or self.focus

    @property
    def key_entities(self) -> tuple[str, ...]:
        return tuple(e for e in self.entities if e in self.key_focus)

    @property
    def commenter(self) -> str | None:
        """The one comment author the question names; None when it names none, or a name fits two."""
        return self.commenters[0] if len(self.commenters) == 1 else None


def recognise(
    question: str, *, context: str = "", authors: Collection[str] = (), names: Collection[str] = ()
) -> Intent:
    """What ``question`` asks for.

    ``context``: the thread so far (earlier questions and answers), where "is that true?" finds its claim.
    ``authors``: the story's comment authors, for "what did NAME say" (most active first: a first name
    that fits several lists them in that order). ``names``: proper names the story uses ("Pompeo"), so a
    lowercase "pompeo" still counts as a name in ``entities``, and a loose author match that is really a
    name from the story ("canada" against the handle "Canada1") stays a factual question.
    """
    text = normalise_chat(question)
    if opener := vocab.OPENERS.match(text.lower()):
        text = text[opener.end() :]
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowercased; keep offsets aligned
        text = low
    sources = {"comment": vocab.READERS_SOURCE.match(low), "article": vocab.ARTICLE_SOURCE.search(low)}
    for kind, named in sources.items():
        if named:  # "according to the comments, ...", "... per the article": only that source answers
            asked = recognise(_without(text, [named.span()]), context=context, authors=authors, names=names)
            return replace(asked, source=kind)
    wants_recent = bool(vocab.RECENT.search(low))
    start, end = _question_span(low)
    sentence = vocab.OPENERS.sub("", low[start:end].strip())

    intent = partial(_intent, text=text, names=names, wants_recent=wants_recent)

    if found := commenter_asked(question, text, low, authors, names):
        asked, commenters, number = found
        return intent(IntentKind.COMMENTER, _topic(asked), commenters=commenters, comment_number=number)
    if vocab.STORY_BACKS_IT.search(low) and (claim := claim_to_check(text, low, sentence, context)):
        return intent(IntentKind.CLAIM_CHECK, claim)
    if contrast := _contrast(text, low):
        return intent(*contrast)
    if (claim := claim_to_check(text, low, sentence, context)) is not None:
        return intent(IntentKind.CLAIM_CHECK, claim)
    for kind, patterns in (
        (IntentKind.READERS_VIEW, vocab.READERS_VIEW),
        (IntentKind.AUTHOR_VIEW, vocab.AUTHOR_VIEW),
        (IntentKind.SUMMARY, vocab.SUMMARY),
    ):
        if kind == IntentKind.SUMMARY and (thing := vocab.ABOUT_A_THING.search(low)):
            return intent(IntentKind.FACTUAL, _topic(text[thing.start("topic") : thing.end("topic")]))
        if match := _first_match(patterns, low):
            if (
                "topic" in match.re.groupindex
            ):  # the topic sits inside the framing: "what is the X story about"
                return intent(kind, _topic(text[match.start("topic") : match.end("topic")]))
            return intent(kind, _topic(_without(text, [match.span()])))
    # "what do ppl in the liberals column think": the same shapes, the piece set aside (it names the story);
    # "the vibe in the gop piece comments": its preposition kept ("the vibe in comments").
    for aside in dict.fromkeys(
        (vocab.STORY_REFERENCE.sub(" ", low), vocab.STORY_REFERENCE.sub(_preposition, low))
    ):
        if aside == low:
            continue
        again = recognise(aside, context=context, authors=authors, names=names)
        if again.kind in _ABOUT_A_PIECE:
            return again
    if named := vocab.MENTION.search(sentence):
        return intent(IntentKind.YES_NO, _topic(named.group("named") or named.group("thing")), mention=True)
    asked = vocab.OR_NOT.sub("", text).strip(" \t\n,;")
    if said := what_said(sentence.rstrip("?!. ")):
        return intent(IntentKind.FACTUAL, said, answer_type="speech")
    if _is_yes_no(sentence, low):
        return intent(IntentKind.YES_NO, asked)
    # The question sentence stands on its own after a set-up unless it points back into it ("it", "they").
    alone = bool(low[:start].strip()) and not vocab.POINTS_BACK.search(sentence)
    answer_type = answer_type_of(sentence)
    return intent(
        IntentKind.FACTUAL, asked, answer_type=answer_type, asked_sentence=sentence if alone else ""
    )


def _preposition(reference: re.Match[str]) -> str:
    """A reference to the piece ("in the gop piece") reduced to its preposition, if it has one."""
    first = reference.group(0).split()[0]
    return f" {first} " if first in ("in", "on", "of", "from", "about", "by") else " "


# "who wrote this", "who is the author of the liberals column", "whos the columnist": the piece's author, not
# the author of something it reports ("who wrote the letter").
_PIECE = rf"(?:this|the (?:[\w'’-]+ ){{0,4}}?{vocab.PIECE_NOUN})\b"
_BYLINE = re.compile(
    rf"\bwho(?: (?:wrote|writes|authored)| ?(?:'s|’s|s| is) the (?:author|writer) of) {_PIECE}"
    r"|\bwho ?(?:'s|’s|s| is) the (?:author|writer|columnist|reporter|journalist)\W*$",
    re.IGNORECASE,
)


def asks_who_wrote(question: str) -> bool:
    """``question`` asks who wrote the piece itself ("who wrote this column", "whos the columnist")."""
    return bool(_BYLINE.search(question))


def story_asked(question: str) -> str | None:
    """What "what happened with X", "what's the deal with X" asks about (X), a story if one is headlined
    with it; None for other questions."""
    text = vocab.OPENERS.sub("", normalise_chat(question).lower().strip())
    match = vocab.STORY_ASKED.match(text)
    return match["topic"].strip() if match else None


# Intents a piece named inside the question leaves standing: about that piece as a whole.
_ABOUT_A_PIECE = (IntentKind.READERS_VIEW, IntentKind.AUTHOR_VIEW, IntentKind.SUMMARY, IntentKind.CONTRAST)


def _question_span(low: str) -> tuple[int, int]:
    """The question sentence: the first one that ends in "?" (a news quiz puts context before it), reaching
    back over an abbreviation's stop ("Roe v. Wade?") to its question word; the whole text when no
    sentence ends in "?". A statement tagged "right?" before another question is context for it: "trump
    said something about iraq paying first right? what was it" asks what."""
    starts = [0]
    for end_mark in vocab.CLAUSE_END.finditer(low):
        tagged = vocab.TAG_QUESTION.search(low[starts[-1] : end_mark.end()])
        if tagged and vocab.ASKS.search(low[end_mark.end() :]):
            starts.append(end_mark.end())
            continue
        if "?" in end_mark.group(0):
            first = len(starts) - 1
            while (
                first > 0
                and len(starts) - first < 3
                and not vocab.ASKS.search(low[starts[first] : end_mark.end()])
            ):
                first -= 1
            return starts[first], end_mark.end()
        starts.append(end_mark.end())
    return 0, len(low)


def _first_match(patterns: tuple[re.Pattern[str], ...], low: str) -> re.Match[str] | None:
    return next((m for p in patterns if (m := p.search(low))), None)


# -- article against readers ---------------------------------------------------------------------------


def _contrast(text: str, low: str) -> tuple[IntentKind, str] | None:
    """CONTRAST when readers are set against the article; READERS_VIEW when readers agree with someone
    else ("do people agree with trump"); None when neither."""
    if agree := vocab.READERS_AGREE.search(low):
        target = agree.span("target")
        if not vocab.AGREE_TARGET_IS_STORY.search(agree.group("target")):
            return IntentKind.READERS_VIEW, _topic(text[slice(*target)])
        # "the insider says X. do commenters buy that?": X is what readers and article differ on.
        story_words = [m.span() for m in vocab.STORY_ANY.finditer(low)]
        return IntentKind.CONTRAST, _topic(_without(text, [(agree.start(), target[0]), *story_words]))
    both = vocab.READERS_ANY.search(low) and vocab.STORY_ANY.search(low)
    if (both and (vocab.COMPARE.search(low) or vocab.WHICH_IS_RIGHT.search(low))) or (
        vocab.STORY_SPEAKS.search(low) and vocab.READERS_SPEAK.search(low)
    ):
        # What is left once both sides and the comparison are gone is what they differ about.
        framing = (
            vocab.READERS_SPEAK,
            vocab.STORY_SPEAKS,
            vocab.READERS_ANY,
            vocab.STORY_ANY,
            vocab.COMPARE,
            vocab.WHICH_IS_RIGHT,
        )
        return IntentKind.CONTRAST, _topic(
            _without(text, [m.span() for f in framing for m in f.finditer(low)])
        )
    return None


# -- yes/no and factual --------------------------------------------------------------------------------


def _is_yes_no(sentence: str, low: str) -> bool:
    if vocab.EMBEDDED_WH.match(sentence):
        return False
    if vocab.YES_NO_START.match(sentence) or vocab.OR_NOT.search(low) or vocab.TAG_QUESTION.search(sentence):
        return True
    if vocab.WH.search(sentence):
        return False
    # "hold on, did they leave?", and a statement asked back ("so the troops are staying?").
    return bool(
        vocab.LATER_YES_NO.search(sentence)
        or (sentence.endswith("?") and vocab.DECLARATIVE_VERB.search(sentence))
    )


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans blanked out."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _topic(text: str) -> str:
    """What is left of ``text`` once its framing is gone, without the edge words that only point at the
    story: " of the republican fire-breathers column" -> "republican fire-breathers"."""
    words = vocab.OR_NOT.sub("", text).replace("?", " ").split()
    # A quoted title is kept whole: "'can the liberals hide the stumbles'" keeps its "can".
    while words and words[0][0] not in vocab.QUOTES and _is_junk(words[0], vocab.LEAD_JUNK):
        words.pop(0)
    while words and words[-1][-1] not in vocab.QUOTES and _is_junk(words[-1], vocab.TRAIL_JUNK):
        words.pop()
    return " ".join(words).strip(vocab.EDGE_PUNCT)


def _is_junk(word: str, junk: frozenset[str]) -> bool:
    bare = word.lower().strip(vocab.EDGE_PUNCT)
    return not bare or bare in junk


def _intent(
    kind: IntentKind,
    asked: str,
    *,
    text: str,
    names: Collection[str],
    wants_recent: bool,
    answer_type: str | None = None,
    commenters: tuple[str, ...] = (),
    comment_number: int | None = None,
    mention: bool = False,
    asked_sentence: str = "",
) -> Intent:
    """The intent with its focus: the content terms of what is ``asked`` without framing or time words,
    with names (capitalised in the question ``text``, years, or known ``names``) first, as entities."""
    known = names_in(text, names)
    # The piece the question names ("in the liberals column") is found by those words; an answer need not
    # repeat them.
    about = vocab.STORY_REFERENCE.sub(" ", vocab.RECENT.sub(" ", asked))
    content = [t for t in dict.fromkeys(terms(about)) if t not in vocab.FRAMING_WORDS]
    named = key_terms(text) | known
    entities = tuple(t for t in content if t in named)
    focus = entities + tuple(t for t in content if t not in entities)
    own = set(terms(asked_sentence))
    asked_focus = tuple(t for t in focus if t in own)
    return Intent(
        kind,
        asked,
        focus,
        entities,
        answer_type,
        commenters,
        comment_number,
        wants_recent,
        mention,
        asked_focus if len(asked_focus) >= 2 else (),
    )
