"""How well a sentence answers a question: meaning (embedding similarity), the question's words
(IDF-weighted overlap), and whether it holds the kind of thing asked for (a name for "who", a time
for "when", a number for "how many")."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from langchain_core.documents import Document

from retrieval.answer.intent_vocabulary import RECENT, STORY_REFERENCE, WHEN_CLAUSE
from retrieval.corpus.forum_txt import looks_like_heading
from retrieval.corpus.roles import Role
from retrieval.text import key_terms, terms, words

SIMILARITY_WEIGHT = 0.6
OVERLAP_WEIGHT = 0.4
ANSWER_TYPE_BONUS = 0.05
IDF_SMOOTHING = 0.5
# Answer types whose sentence must carry the asked-for thing to answer at all: under "How much will they
# get?", a sentence without an amount is not yet the answer.
MUST_CARRY = ("number", "time", "verdict")

_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:[A-Z]\.\s*)*[A-Z][a-z]+)+")
_PLACE = re.compile(
    r"\b(?:in|at|from|to|near|across|around|into|out of|inside|outside|over|within|throughout|towards?)\s+"
    # "in downtown Kabul", "in northern Iraq", "in rural Texas": a part of a named place.
    r"(?:the\s+)?(?:(?:downtown|central|rural|suburban|coastal|(?:north|south)(?:east|west)?(?:ern)?|"
    r"(?:east|west)(?:ern)?)\s+)?[A-Z][a-z]+"
)
_TIME = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|yesterday|today|tonight|tomorrow|night(-?time)?|morning|"
    r"afternoon|evening|week|weeks|month|months|year|years|(19|20)\d\d|\d{1,2}(:\d\d)?\s?(am|pm))\b"
    # ("8:05 p.m." ends in a stop, after which no word boundary follows.)
    r"|\b\d{1,2}(:\d\d)?\s?(a\.m\.|p\.m\.)",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|"
    r"dozen|half)\b",
    re.IGNORECASE,
)
_RECIPIENT = re.compile(r"\bto\s+(?:the\s+)?[A-Z][\w.]*")
# "what did byrne blame the loss on", "whats behind the shortage": a cause asked without "why".
CAUSE_ASKED = r"what (?:[\w.'’-]+ ){1,4}?blamed?\b|what(?:'s|’s|s| is| was) behind\b"
_TYPES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^\s*to (whom|who)\b", re.I), "recipient"),
    (
        re.compile(
            r"^\s*((to|from|by|with|for) )?(who|whom|whose)\b"
            r"|\bwhich (person|official|leader|general|man|woman)\b",
            re.I,
        ),
        "person",
    ),
    (
        re.compile(
            r"^\s*when\b|\bhow soon\b|\bwhat (time|year|day|date|month)\b|\bwhich (year|day|month)\b"
            r"|\btime of day\b",
            re.I,
        ),
        "time",
    ),
    (
        re.compile(
            r"\bhow (many|much|long|old|far)\b"
            # "what poll number", "what was the unemployment rate", "what percentage"
            r"|\bwhat (?:[\w'-]+ ){0,3}?"
            r"(percentage|percent|number|amount|rate|figure|count|total|price|cost|average|toll|tally)s?\b",
            re.I,
        ),
        "number",
    ),
    (re.compile(r"^\s*where\b|\bwhich (country|city|state|continent|place|region)\b", re.I), "place"),
    (
        re.compile(
            r"^\s*why\b|\bhow come\b|\bwhat (caused|prompted|led to|drove)\b|\b(what|which) reasons?\b"
            rf"|\b(?:{CAUSE_ASKED})",
            re.I,
        ),
        "cause",
    ),
    # "what was the verdict", "what did the judge rule": what a court or jury decided.
    (
        re.compile(
            r"\b(?:verdict|ruling|judgm?ent|judgement|sentence)\b"
            r"|\bwhat (?:did|does|has|have|will|would) (?:[\w.'’-]+ ){1,3}?(?:rule|decide|find)\b",
            re.I,
        ),
        "verdict",
    ),
    # "what did trump say about waterboarding", "what is pompeo saying": what someone said, in their words.
    (
        re.compile(
            r"^\s*what (?:did|does|do|has|have|is|was|are|were) "
            # Not the piece itself ("what did the story say"): that asks what it reports.
            r"(?!(?:the |this |that )?(?:story|article|piece|column|report|op-?ed|paper|post)\b)"
            r"(?:[\w.'’-]+ ){1,4}?"
            r"(?:say|said|saying|tell|told|telling|claim|claimed|claiming)\b",
            re.I,
        ),
        "speech",
    ),
    # "what does trump want before the troops leave": a demand, or the condition set for something.
    (
        re.compile(
            r"^\s*what (?:does|did|do|would|will) (?:[\w.'’-]+ ){1,3}?(?:want|demand|ask for|expect)\b", re.I
        ),
        "demand",
    ),
    (re.compile(r"\bwhich\b", re.I), "entity"),
]
_CALENDAR = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    "August|September|October|November|December"
)
CALENDAR_NAME = re.compile(_CALENDAR)
# A capitalised word within a sentence, not a day or a month ("On Wednesday" names no one).
_ENTITY = re.compile(rf"(?<!^)(?<![.!?]\s)\b(?!(?:{_CALENDAR})\b)[A-Z][\w’'&.-]*[a-zA-Z0-9]")
# The words after a marker ("because", "said"), up to four, within the clause: the marker is a stop word,
# and what follows it (the reason, what was said) is what must be new to the question.
_WHAT_FOLLOWS = r"(?:\s+[^\s.,;:!?]+){1,4}"
# What gives a reason: "because", "prompted by", "after", "in response to", with the reason after it
# ("because of the wildfire danger").
_CAUSE = re.compile(
    r"\b(because|due to|prompted by|in response to|as a result|led to|caused|triggered|after|following|"
    r"amid|since|so that|to help|citing|in deference to|out of respect for|on the grounds|brought on|"
    r"blamed|driven by|owing to)\b" + _WHAT_FOLLOWS,
    re.IGNORECASE,
)
# What states a court's or jury's decision: "found him liable", "was acquitted", "sentenced to".
_VERDICT = re.compile(
    r"\b(?:found (?:[\w.'’-]+ ){0,4}?(?:not )?(?:guilty|liable|innocent|responsible)|acquitted|convicted|"
    r"sentenced to|awarded|ruled (?:that|in favou?r|against)|dismissed|overturned|upheld|struck down|"
    r"cleared of|pleaded (?:not )?guilty)\b",
    re.IGNORECASE,
)
# What reports speech: a quotation, or a verb of saying with the words after it ("said it was the mood for
# change"), since the question says "say" too.
_SPEECH = re.compile(
    r"[\"“‘][^\"“”]{3,}[\"”’]|(?:^|\s)'[^']{3,}'"
    r"|\b(?:said|says|told|tells|wrote|writes|called|calls|according to|stated|declared|insisted|added|"
    r"argued|claimed)\b" + _WHAT_FOLLOWS,
    re.IGNORECASE,
)
# What says how a thing was done: "by helicopter", "using a loophole", "in a drone strike".
_MANNER = re.compile(
    # "by helicopter", not "by Mujahid": who did it is not how.
    r"\b(?:by|using|through|via|by means of) (?:an? |the )?(?-i:[a-z0-9])[\w-]*"
    r"|\bin an? (?:[\w-]+ ){0,2}(?:strike|attack|raid|operation|ambush|crash|fire|blast|explosion|shooting|"
    r"vote|ballot|referendum|deal|lottery)\b",
    re.IGNORECASE,
)
# What states a demand or a condition, with what is demanded: "will not leave until they pay".
_DEMAND = re.compile(
    r"\b(?:until|unless|demand(?:s|ed|ing)?|insist(?:s|ed)? (?:on|that)|in exchange for|on condition|"
    r"as long as|wants? (?:to|them|the|a|an)|called for|calls for)\b(?:\s+[^\s.,;]+){1,2}",
    re.IGNORECASE,
)
# What tells how something turned out: a win or a loss, a place, a rise or a fall, a share of the vote.
_ORDINAL = r"(?:first|second|third|fourth|fifth|last|\d+(?:st|nd|rd|th))"
_OUTCOME = re.compile(
    rf"\b(?:won|wins|lost|loses|beat|defeated|swept|clinched|tied|came (?:in )?{_ORDINAL}|"
    rf"(?:finish|end|place|rank)(?:ed|s)? (?:in )?(?:{_ORDINAL}|ahead|behind|near the top|near the bottom)|"
    r"rose|fell|climbed|gained|slipped|dropped|surged|plunged|soared|slumped)\b"
    # A share: "49%" has no word boundary after the sign, so it is matched on its own.
    r"|\b\d+(?:\.\d+)?\s?(?:%|per ?cent\b)",
    re.IGNORECASE,
)
# What lists things: three or more, with "and" or "or" before the last.
_LIST = re.compile(r"(?:[^,;.]+,\s*){2,}[^,;.]*?\b(?:and|or)\b")
EVIDENCE = {
    "list": _LIST,
    "outcome": _OUTCOME,
    "demand": _DEMAND,
    "manner": _MANNER,
    "speech": _SPEECH,
    "verdict": _VERDICT,
    "cause": _CAUSE,
    "recipient": _RECIPIENT,
    "person": _NAME,
    "time": _TIME,
    "number": _NUMBER,
    "place": _PLACE,
    "entity": _ENTITY,
}


def answer_type(question: str) -> str | None:
    asked = WHEN_CLAUSE.sub("", question)  # "when X, which Y" asks which
    return next((kind for pattern, kind in _TYPES if pattern.search(asked)), None)


_RECENT = re.compile(RECENT.pattern, re.IGNORECASE)
# "How many" and "how much" ask for a number: the words are the question's, not what it is about ("so many
# votes" does not answer "how many elections did he win").
_HOW_MUCH = re.compile(r"\bhow (?:many|much)\b", re.IGNORECASE)


@dataclass(frozen=True)
class QuestionProfile:
    text: str
    terms: dict[str, float]  # term -> weight (IDF, halved for terms carried over from earlier questions)
    keys: frozenset[str]  # names and numbers the question is about
    answer_type: str | None

    @classmethod
    def build(cls, question: str, idf: Callable[[str], float], context: str = "") -> QuestionProfile:
        weights: dict[str, float] = {}
        # Smoothed IDF: in a one-story corpus the story's own topic ("letter") is in every passage, yet a
        # sentence that answers a question about it still has to be about it.
        for t in terms(context):
            weights[t] = 0.5 * (idf(t) + IDF_SMOOTHING)
        # "now", "this week", "so far" frame the question in time, and "in the Liberal stumbles column" names
        # the story (retrieval has used it to find the story): the answer need not repeat either. Case is
        # kept: "US" is the country, "us" the pronoun.
        for t in terms(STORY_REFERENCE.sub(" ", _RECENT.sub(" ", _HOW_MUCH.sub(" ", question)))):
            weights[t] = idf(t) + IDF_SMOOTHING
        return cls(question, weights, frozenset(key_terms(question)), answer_type(question))

    @cached_property
    def words(self) -> frozenset[str]:
        """All of the question's own terms, framing and all: what an answer must add to."""
        return frozenset(terms(self.text))

    def overlap(self, sentence_terms: set[str]) -> float:
        total = sum(self.terms.values())
        if total <= 0:
            return 0.0
        return sum(w for t, w in self.terms.items() if t in sentence_terms) / total


@dataclass(frozen=True)
class ScoredSentence:
    passage: int  # index into the retrieved documents
    index: int  # sentence number within the passage
    text: str
    similarity: float
    overlap: float
    support: float
    # Never an answer sentence: a heading-shaped line, or any sentence of a subhead, caption or
    # boilerplate paragraph (``role`` says which).
    heading: bool
    role: Role = "body"
    opens_paragraph: bool = False  # the first sentence of its paragraph (or of its passage)

    @property
    def key(self) -> tuple[int, int]:
        return self.passage, self.index


def score_sentences(profile: QuestionProfile, documents: Sequence[Document]) -> list[ScoredSentence]:
    scored = []
    evidence = EVIDENCE.get(profile.answer_type or "")
    for p, doc in enumerate(documents):
        spans = doc.metadata["sentence_spans"]
        sims = doc.metadata["sentence_sims"]
        roles = doc.metadata.get("sentence_roles") or ["body"] * len(spans)
        for i, ((start, end), sim, role) in enumerate(zip(spans, sims, roles)):
            text = doc.page_content[start:end].strip()
            opens = i == 0 or "\n" in doc.page_content[spans[i - 1][1] : start]
            sentence_terms = set(terms(text))
            overlap = profile.overlap(sentence_terms)
            support = SIMILARITY_WEIGHT * sim + OVERLAP_WEIGHT * overlap
            if evidence is not None and _carries(evidence, text, profile.words):
                support += ANSWER_TYPE_BONUS
            heading = role != "body" or (looks_like_heading(text) and words(text) < 12)
            scored.append(
                ScoredSentence(p, i, text, float(sim), overlap, float(support), heading, role, opens)
            )
    return scored


def carries(answer_type: str | None, text: str, profile: QuestionProfile) -> bool:
    """``text`` holds the kind of thing asked for (a place for "where", a reason for "why"), one the
    question does not already give."""
    evidence = EVIDENCE.get(answer_type or "")
    return evidence is not None and _carries(evidence, text, profile.words)


def _carries(evidence: re.Pattern[str], text: str, question_words: frozenset[str]) -> bool:
    # The asked-for thing must be new: a name the question already gives does not answer "who".
    return any(not set(terms(m.group(0))) <= question_words for m in evidence.finditer(text))


def focus_coverage(
    focus: Sequence[str], idf: Callable[[str], float], story_terms: Mapping[str, set[str]]
) -> Callable[[str], float]:
    """How much of the question's focus a story uses: the share of its words, weighted by rarity (IDF)."""
    weights = {f: idf(f) for f in focus}
    total = sum(weights.values())

    def cover(story: str) -> float:
        used = story_terms.get(story, set())
        return sum(w for f, w in weights.items() if f in used) / total if total > 0 else 0.0

    return cover
