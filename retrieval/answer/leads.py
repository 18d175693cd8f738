"""Which of the sentences that answer leads (the one carrying what is asked), and what comes with it.

A named day before "today" and a bare year for "when"; a number of the things "how many" counts before any
other number; the sentence stating a verdict before those only naming it; a place, reason or name, for
"where", "why" and "who", before a close sentence without one (for "who" and "which", one that names them, not
one that calls them "he" or "the team"); for "in 2022", nothing placed in other years first; and for "now",
nothing about an earlier year ("the record had been $4.11, set in 2008") before today's figure.
"""

from __future__ import annotations

import re

from retrieval.answer.asked_types import first_within, identity_asked
from retrieval.answer.claimed_figures import claims_figure, same_unit
from retrieval.answer.counting import (
    CLOCK,
    LENGTH,
    MONEY,
    MONEY_ASKED,
    YEAR,
    counted_noun,
    counts,
    counts_anything,
    reports_none,
)
from retrieval.answer.intent_vocabulary import STORY_REFERENCE
from retrieval.answer.intents import Intent
from retrieval.answer.scoring import CALENDAR_NAME, EVIDENCE, QuestionProfile, ScoredSentence, carries
from retrieval.text import GENERIC_NAMES, STOPWORDS, terms

# A sentence that leans on the one before it for its subject.
LEANS_BACK = re.compile(
    r"^[\"“‘']?\s*(?:he|she|they|it|this|that|these|those|his|her|their|its|such|both|there)\b"
    r"|^\s*that's how\b",
    re.IGNORECASE,
)
# A quotation attributed only to "he" ("'Waterboarding is peanuts,' he said."): the quotation answers and
# leads; the sentence before, which says who and where, follows it.
SAID_BY_PRONOUN = re.compile(
    r"[,?!'’\"”]\s*(?:he|she|they) (?:said|says|added|wrote|writes|told [\w ]+?)\W*$", re.IGNORECASE
)
# The place a question sets what it asks about in: "in california", "at the border", "near Yosemite".
PLACED_IN = re.compile(
    r"\b(?:in|at|near|outside|across|around)\s+(?:the\s+)?([\w'’-]+(?:\s+[\w'’-]+)?)", re.IGNORECASE
)
NEAR_DUPLICATE = 0.7  # the share of terms two sentences share when one only repeats the other
NAME_STEM = 4  # a name this long is carried by the words that begin with it
# Answer types whose evidence pattern matches too much to say a sentence answers on its own strength.
LOOSE_TYPES = frozenset({"entity", "list"})
# A sentence that is nothing but a quotation, like "Poorly worded, implies withdrawal.": who said it
# follows.
QUOTATION = re.compile(r"""^\s*["“'‘][^"“”]*["”'’]\s*$""")
# A time that names a day: it answers "when" better than a bare year does.
SPECIFIC_TIME = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
    r"|\b\d{1,2}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am|pm)"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
# "How long was it", "how long is the bridge": a thing's length may be asked (or a span of time).
HOW_LONG_WAS = re.compile(r"\bhow long (?:is|was|are|were)\b", re.IGNORECASE)
# "What time did it erupt": a clock time ("around 8:05 p.m."), before a day ("on Sunday").
WHAT_TIME = re.compile(r"\bwhat (?:time|hour)\b", re.IGNORECASE)
# A day named only from the day it was written ("today's actions"): after a named one, before a bare year.
RELATIVE_DAY = re.compile(r"\b(?:today|tomorrow|tonight|yesterday)\b", re.IGNORECASE)
# A year an event is placed in ("in 2020 and 2021", "of 2019"), not a reference point ("since 2001")
# ("in July 2008", "of May 3, 2019").
DATED_IN = re.compile(
    r"\b(?:in|of|during)\s+(?:[a-z]+\.?\s+)?(?:\d{1,2},?\s+)?((?:1[89]|20)\d\d)"
    r"(?:\s*(?:and|or|,)\s*((?:1[89]|20)\d\d))?",
    re.IGNORECASE,
)
# The source a question cites, up to the end of its clause: "according to the White House, ...".
ACCORDING_TO = re.compile(r"\baccording to ([^,;:.?!]+)", re.IGNORECASE)
# A sentence that describes its subject before anyone names it ("A 17-year-old has become ...", "An Ohio man
# was ..."): news ledes name them in the next sentence.
DESCRIBED = re.compile(r"^\s*an?\s+(?!(?:lot|few|couple|number|total|bit|series|variety)\b)", re.IGNORECASE)
# "which team", "what company": the noun a question calls its answer by.
ASKED_NOUN = re.compile(r"\b(?:which|what)\s+([a-z]+)", re.IGNORECASE)
CAPITALISED = re.compile(r"\b[A-Z][\w'’&.-]*")
NAMES = ("person", "entity")  # what is asked for is named
PRONOUN = re.compile(r"\b(?:he|she|they|him|his|her|their|them|it|its)\b", re.IGNORECASE)


def asked_type(profile: QuestionProfile, intent: Intent) -> str | None:
    """What the question asks for: its wording's type ("which ...", "what did X say"), else its intent's
    ("how did X do"). (Only the wording's type adds to a sentence's support; see ``score_sentences``.)"""
    return profile.answer_type or intent.answer_type


def lead_first(
    answering: list[ScoredSentence], profile: QuestionProfile, intent: Intent, year: str, margin: float
) -> list[ScoredSentence]:
    """``answering`` (best supported first) reordered so the sentence carrying what is asked leads.
    ``year``: the story's year of publication ("" when undated); ``margin``: how much better supported a
    sentence without a place, reason or name may be and still not lead."""
    ordered = list(answering)
    asked = asked_type(profile, intent)
    if asked == "time":
        clock = WHAT_TIME.search(profile.text) is not None
        ordered.sort(
            key=lambda s: (
                clock and not CLOCK.search(s.text),
                not SPECIFIC_TIME.search(s.text),
                not RELATIVE_DAY.search(s.text),
                -s.support,
            )
        )
    elif asked == "number" and HOW_LONG_WAS.search(profile.text):
        # "How long was the python": a length in feet or miles within the margin, before a span of time.
        ordered = first_within(ordered, margin, lambda s: LENGTH.search(s.text) is not None)
    elif asked == "number" and (counted := counted_noun(profile.text)):
        # A count of the story's own event before one placed in an earlier year ("1,000 died in 2002").
        ordered.sort(
            key=lambda s: (
                not (counts(s.text, counted) or reports_none(s.text, profile.text)),
                not counts_anything(s.text, counted),
                dated_before(s.text, year),
                -s.support,
            )
        )
    elif asked == "verdict":
        # "What was the verdict": the sentence stating it, before closer ones that only name it ("was not
        # present for the verdict").
        ordered.sort(key=lambda s: (not carries(asked, s.text, profile), -s.support))
    elif asked == "number" and MONEY_ASKED.search(profile.text):
        # "How much did the Broncos sell for": a sum of money before a count ("all 32 teams voted").
        ordered.sort(key=lambda s: (not MONEY.search(s.text), -s.support))
    elif asked in EVIDENCE and ordered:
        close = ordered[0].support - margin
        noun = ASKED_NOUN.search(profile.text)

        def answers(s: ScoredSentence) -> bool:
            if s.support < close or not carries(asked, s.text, profile):
                return False
            # For "who" and "which": the sentence that names them, not one that says "he" or "the team".
            return asked not in NAMES or not refers_first(s.text, noun.group(1) if noun else None)

        # A figure placed in an earlier year is background ("death toll?" - "1,000 died in 2002").
        dated = asked == "number"
        ordered.sort(key=lambda s: (not answers(s), dated and dated_before(s.text, year), -s.support))
    elif claims_figure(intent):  # "did he eat 70 hot dogs": "... 63 hot dogs" answers, as "70 hot dogs" would
        ordered.sort(key=lambda s: (not same_unit(intent.question, s.text), dated_before(s.text, year)))
    if asked_years := set(YEAR.findall(profile.text)):
        # "who won in 2022": "The Lightning won in 2020 and 2021" dates what it tells to other years.
        ordered.sort(key=lambda s: dated_elsewhere(s.text, asked_years))
    if intent.wants_recent and year:
        ordered.sort(key=lambda s: dated_before(s.text, year))
    return ordered


def refers_first(sentence: str, asked_noun: str | None) -> bool:
    """``sentence`` refers to someone before it names anyone ("On Wednesday, he insisted ...", "The team's
    only loss came against Tampa Bay" for "which team"): who is asked about is named elsewhere."""
    noun = asked_noun and re.search(rf"\bthe {re.escape(asked_noun)}\b", sentence, re.IGNORECASE)
    refs = [m.start() for m in (PRONOUN.search(sentence), noun) if m]
    if not refs:
        return False
    opening = sentence[: min(refs)]
    return not any(
        w.lower() not in STOPWORDS and not CALENDAR_NAME.fullmatch(w) for w in CAPITALISED.findall(opening)
    )


def placed_in(sentence: str) -> set[str]:
    """The years ``sentence`` places what it tells in: "in 2020 and 2021", not "since 1947"."""
    return {year for match in DATED_IN.finditer(sentence) for year in match.groups() if year}


def dated_elsewhere(sentence: str, asked_years: set[str]) -> bool:
    """``sentence`` places what it tells in years the question does not ask about."""
    placed = placed_in(sentence)
    return bool(placed) and not placed & asked_years


def dated_before(sentence: str, year: str) -> bool:
    """``sentence`` places what it tells before ``year`` ("set in 2008"): it tells history, not the news
    ("75 years of independence since 1947" is today's news). Never of an undated story (``year`` "")."""
    return bool(year) and any(found < year for found in placed_in(sentence))


def with_context(
    s: ScoredSentence, by_key: dict[tuple[int, int], ScoredSentence], question: str = ""
) -> tuple[ScoredSentence, ...]:
    """``s`` with the sentence of its passage it cannot be read without, in reading order; alone when
    ``question`` asks who someone it names is ("who is yarallah": "... to Iraqi Lt. Gen. Yarallah")."""
    if identity_asked(question, s.text):
        return (s,)
    before = by_key.get((s.passage, s.index - 1))
    if before is not None and not before.heading:
        if LEANS_BACK.search(s.text):
            return (before, s)
        if SAID_BY_PRONOUN.search(s.text):
            return (s, before)
    after = by_key.get((s.passage, s.index + 1))
    if after is not None and QUOTATION.match(s.text) and not after.heading:
        return (s, after)
    return (s,)


def answered_after(
    lead: ScoredSentence,
    by_key: dict[tuple[int, int], ScoredSentence],
    profile: QuestionProfile,
    intent: Intent,
) -> ScoredSentence | None:
    """The sentence after ``lead`` in its passage that gives what is asked when the lead only leads in to it:
    "From Heritage Minister Melanie Joly, I got the sense ..." then "'Journalism plays a central role,' she
    said."; "New leaders almost always retain power." then "There has been only one exception, it being R.B.
    Bennett." It must carry the asked type the lead lacks, and lean on the lead or add to it a word of the
    question's focus; it is shown after the lead, which says whom and what it is about. After a lead that
    describes before anyone is named ("A 17-year-old has become the youngest ..."), the sentence naming
    them ("... Mack Rutherford touched down ...") is who it is."""
    after = by_key.get((lead.passage, lead.index + 1))
    if after is None or after.heading or after.role != "body":
        return None
    # "A 17-year-old has become the youngest ..." describes; "... Mack Rutherford touched down ..." names.
    described = bool(DESCRIBED.match(lead.text))
    entities = set(intent.entities)
    asked = asked_type(profile, intent)
    if described and (
        (entities & set(terms(after.text)) and not entities & set(terms(lead.text)))
        or (asked == "person" and carries(asked, after.text, profile))
    ):
        return after
    # Not for "which": any capitalised word carries an entity, so too many sentences would seem to answer.
    if asked not in EVIDENCE or asked in LOOSE_TYPES or carries(asked, lead.text, profile):
        return None
    if not carries(asked, after.text, profile):
        return None
    leans = LEANS_BACK.search(after.text) or SAID_BY_PRONOUN.search(after.text) or described
    adds = set(intent.focus) & set(terms(after.text)) - set(terms(lead.text))
    return after if leans or adds else None


def subject_terms(s: ScoredSentence, by_key: dict[tuple[int, int], ScoredSentence]) -> set[str]:
    """The terms of the sentences that may name ``s``'s subject for it: the one before (the paragraph's
    subject: "In the years I've been visiting New Hampshire, ..." then "At less than 4 per cent,
    unemployment is practically non-existent"), and for a sentence that describes before it names ("A
    17-year-old has become the youngest person to fly around the world solo ..."), the one after."""
    near = [by_key.get((s.passage, s.index - 1))]
    if DESCRIBED.match(s.text):
        near.append(by_key.get((s.passage, s.index + 1)))
    return {t for n in near if n is not None for t in terms(n.text)}


def with_leaned_on(s: ScoredSentence, by_key: dict[tuple[int, int], ScoredSentence]) -> str:
    """``s``'s text, after the sentence of its passage it leans on for its subject ("He ...")."""
    before = by_key.get((s.passage, s.index - 1))
    return f"{before.text} {s.text}" if before is not None and LEANS_BACK.search(s.text) else s.text


def terms_found(
    s: ScoredSentence,
    intent: Intent,
    by_key: dict[tuple[int, int], ScoredSentence],
    headline: frozenset[str] = frozenset(),
) -> set[str]:
    """The terms ``s`` holds, read with the sentence it leans on (and the ``headline`` it is under, if
    given); a name of the question's counts as held by the words made from it too ("India" by "Indian",
    "Texas" by "Texan", "Afghan" by "Afghanistan")."""
    found = set(terms(with_leaned_on(s, by_key))) | headline
    return found | {e for e in intent.entities if len(e) >= NAME_STEM and any(t.startswith(e) for t in found)}


def naming_first(
    ordered: list[ScoredSentence],
    intent: Intent,
    by_key: dict[tuple[int, int], ScoredSentence],
    year: str = "",
    subject_before: bool = False,
) -> list[ScoredSentence]:
    """``ordered`` with the sentences that name the place the question puts what it asks about in ("why are
    fireworks canceled in california") before those that do not ("a town near Denver cancelled its show
    because of the wildfire danger"): a sentence supported well enough passes the focus test without the
    name, but it is about somewhere else. Only a place the question is set in ("in", "at", "near"): in
    "which Ivy League school", the name describes the answer, which may name itself instead. Years are left to
    the dating rules of ``lead_first``, and names any US story may use or not ("American") count for
    nothing. A sentence placing what it tells in a year before the story's ``year`` ("In 2015, a quake
    killed more than 300 people in Afghanistan") tells of another event there, and does not count. With
    ``subject_before`` (a figure is asked or claimed), the sentence before may name it for a sentence, as its
    paragraph's subject ("In the years I've been visiting New Hampshire, ..." then "At less than 4 per cent,
    unemployment is practically non-existent")."""
    now = {s.key for s in ordered if not dated_before(s.text, year)}
    return _first_naming(ordered, set_in(intent), 1, intent, by_key, now, subject_before)


def set_in(intent: Intent) -> set[str]:
    """The names of the place the question sets what it asks about in ("in california", "near Yosemite"),
    but for years and names any US story may use or not ("American")."""
    placed = {t for m in PLACED_IN.finditer(intent.question) for t in terms(m.group(1))}
    return {e for e in intent.entities if e in placed and not YEAR.fullmatch(e) and e not in GENERIC_NAMES}


def source_first(
    ordered: list[ScoredSentence], intent: Intent, by_key: dict[tuple[int, int], ScoredSentence]
) -> list[ScoredSentence]:
    """``ordered`` with the sentences that name the source the question cites first ("According to the White
    House, how soon could vaccines be available": "The White House has said shots could begin as early as
    next week" before the advisers' vote on Wednesday). A sentence holding half the source's words names it
    ("the New York Fed" for "the New York Federal Reserve", "a poll" for "a new poll"); the story itself
    ("according to the article") is no source to prefer."""
    cited = {t for m in ACCORDING_TO.finditer(intent.question) for t in terms(STORY_REFERENCE.sub(" ", m[1]))}
    return _first_naming(ordered, cited, (len(cited) + 1) // 2, intent, by_key)


def _first_naming(
    ordered: list[ScoredSentence],
    names: set[str],
    enough: int,
    intent: Intent,
    by_key: dict[tuple[int, int], ScoredSentence],
    among: set[tuple[int, int]] | None = None,
    subject_before: bool = False,
) -> list[ScoredSentence]:
    """``ordered`` with the sentences holding ``enough`` of ``names`` first, in their order; only those
    whose keys are ``among`` count, when given (with ``subject_before``, read with the sentence before)."""

    def held(s: ScoredSentence) -> set[str]:
        found = terms_found(s, intent, by_key)
        return found | subject_terms(s, by_key) if subject_before else found

    naming = [
        bool(names) and (among is None or s.key in among) and len(names & held(s)) >= enough for s in ordered
    ]
    if not any(naming):
        return ordered
    return [s for s, named in zip(ordered, naming) if named] + [
        s for s, named in zip(ordered, naming) if not named
    ]


def near_duplicate(a: str, b: str) -> bool:
    """``a`` and ``b`` say nearly the same in nearly the same words: one of them is enough in an answer."""
    ta, tb = set(terms(a)), set(terms(b))
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= NEAR_DUPLICATE


def someone_elses(intent: Intent, found: set[str]) -> bool:
    """The question asks how someone did ("how did kasich do in new hampshire") and a sentence whose terms
    (with the one it leans on) are ``found`` never names them: it tells someone else's result ("He will win
    New Hampshire easily")."""
    return intent.answer_type == "outcome" and bool(intent.entities) and intent.entities[0] not in found
