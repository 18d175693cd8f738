"""What a count is: the number "how many" asks for, the thing it counts, and a sum of money for "how much"
asked of money. A count is a whole number or a number word, not a share ("85%"), a year, a sum of money or
(unless time is counted) a span of time."""

from __future__ import annotations

import re
from collections.abc import Iterator

from retrieval.text import terms

YEAR = re.compile(r"(?:1[89]|20)\d\d")
CLOCK = re.compile(r"\b\d{1,2}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am|pm)|\b\d{1,2}:\d\d\b", re.IGNORECASE)
# "How many died / were killed / hurt": a harm asked about, which "no casualties" answers with none.
HARM_ASKED = re.compile(
    r"\bhow many\b.*\b(?:die|died|dead|deaths?|killed|injured|hurt|wounded|casualties|fatalities|victims)\b",
    re.IGNORECASE,
)
NONE_HARMED = re.compile(
    r"\bno (?:[\w-]+ ){0,6}?(?:casualties|deaths|fatalities|injuries|victims|dead)\b"
    r"|\b(?:no one|nobody|none) (?:was|were|had been|has been) (?:killed|hurt|injured|wounded)\b",
    re.IGNORECASE,
)
# For how many died or were hurt, a count stands within this many content words of a word of harm ("killed
# 12 people", "the death toll stands at more than 1,000", "12 dead"): "five of Yellowstone's entrances" and
# "a heat wave affecting 100 million people" count no one harmed.
HARM_NEAR = 4
HARMED = frozenset(
    terms("die dead death deaths toll kill killed killing injure injured injury injuries hurt wound wounded")
    + terms("casualties fatalities victims lives bodies")
)
VAGUE = frozenset("dozen dozens hundreds thousands millions billions half percent %".split())
HOW_LONG = re.compile(r"\bhow long\b", re.IGNORECASE)
# "How old is he": an age ("the 37-year-old", "aged 89", "at age 89", "Nichols, 89,", "She was 73."), not any
# number; "how old are the tracks": "113 million years ago".
HOW_OLD = re.compile(r"\bhow old\b", re.IGNORECASE)
AGE = re.compile(
    r"\b\d{1,3}[- ]years?[- ]old\b|\b(?:[Aa]ged?|at the age of) \d{1,3}\b|\b[A-Z][\w'’-]+, \d{1,3},"
    r"|\b(?:[Ss]he|[Hh]e) (?:was|is|turned|turns) \d{1,3}(?=\s*[.,;]|\s+when\b)"
    # A thing's age: "113 million years ago", "113-million year-old tracks".
    r"|\b\d[\d,.]*[- ](?:thousand|million|billion)[- ]years?[- ](?:old|ago)\b"
)
# "how many <what is counted>": the next two words; the counted thing is the first plural among them
# ("monkeypox cases"), else the first ("people died").
HOW_MANY = re.compile(r"\bhow many ([\w'-]+)(?: ([\w'-]+))?", re.IGNORECASE)
SHARES = ("%", "per cent", "percent", "percentage")  # what makes a number a share, not a count
TIME_UNITS = frozenset(terms("seconds minutes hours days weeks months years decades centuries"))
# What "how long" is not answered by: a weight, a sum, a share ("a 215-pound python" for "how long was it").
NOT_LENGTHS = frozenset(
    terms(
        "pounds lbs kilograms kg grams tons tonnes ounces gallons liters litres degrees percent dollars euros"
    )
)
# Units a number measures in: it then counts nothing else.
MEASURES = NOT_LENGTHS | frozenset(
    terms("acres hectares miles kilometers kilometres km meters metres feet foot inches yards mph")
)
_SCALE = frozenset(terms("million billion trillion thousand hundred"))
# A length in a unit of length ("the 18-foot-long python"): it answers "how long was it" however it is
# worded.
LENGTH = re.compile(
    r"\b\d[\d,.]*[- ]?"
    r"(?:foot|feet|ft|meters?|metres?|miles?|kilometers?|kilometres?|km|inch(?:es)?|yards?)\b",
    re.IGNORECASE,
)
COUNTED_WITHIN = 4  # words between a number and what it counts ("10,000 confirmed monkeypox cases")
# What a count looks like: a whole number (not its single digits) or a number word.
COUNT = re.compile(
    r"\d[\d,.]*\d|\d"
    # "Fifty-four asylum seekers": a count in words, as a sentence must open with one.
    r"|\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|"
    r"eight|nine))?\b|\b(?:thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
    r"hundreds?|thousands?|millions?|billions?|half|percent)\b|%",
    re.IGNORECASE,
)


# "How much" asked of money: a price, a cost, a sum paid, owed, raised or forgiven.
MONEY_ASKED = re.compile(
    # "How much did it go for / fetch": what a thing sold for.
    r"\bhow much\b.*\b(?:go(?:es)? for|went for|gone for|fetch(?:ed|es)?|bid|auction(?:ed)?|"
    r"sell|sold|cost|costs|pay|paid|price|worth|spend|spent|charge|buy|bought|fine|fined|"
    r"raise|raised|earn|earned|owe|debt|money|salary|forgiv\w*|aid|assistance|funding)\b",
    re.IGNORECASE,
)
# A figure a court or jury decides ("how much did the jury award", "how long was he sentenced for") is not
# the one someone asks of it ("an attorney asked the jury to award $150 million", "prosecutors sought 10
# years").
DECISION_ASKED = re.compile(
    r"\b(?:jury|juries|jurors|court|judge|sentenced?|fined?|awarded?|verdict|ruling)\b", re.IGNORECASE
)
REQUESTED = re.compile(
    r"\b(?:ask(?:s|ed|ing)? (?:the )?(?:[\w-]+ ){0,2}?to|seek(?:s|ing)?|sought|demand(?:s|ed|ing)?|"
    r"request(?:s|ed|ing)?|propos(?:e|es|ed|ing)|recommend(?:s|ed|ing)?|urg(?:e|es|ed|ing))\b",
    re.IGNORECASE,
)
_CURRENCY = (
    r"(?:dollars?|pounds?|euros?|bucks|yen|yuan|rupees?|pesos?|francs?|r[ou]{1,2}bles?|bitcoins?|BTC|"
    r"USD|EUR|GBP)"
)
_CURRENCY_SIGNS = "$£€¥₹"
MONEY = re.compile(
    rf"[{_CURRENCY_SIGNS}]\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|thousand)\b)?"
    rf"|\b\d[\d,.]*(?:\s?(?:million|billion|trillion|thousand|m|bn|k))?\s?{_CURRENCY}\b"
    rf"|\b(?:hundreds|thousands|millions|billions|trillions) of {_CURRENCY}",
    re.IGNORECASE,
)


def counted_noun(question: str) -> str | None:
    """What "how many" counts, stemmed: "how many monkeypox cases are there" -> "case"."""
    match = HOW_MANY.search(question)
    if match is None:
        return None
    words = [w for w in match.groups() if w]
    plural = [w for w in words if w.islower() and w.endswith("s") and not w.endswith("ss")]
    counted = terms((plural or words)[0])
    return counted[0] if counted else None


# "How much have gas prices increased": a change is asked, not a level ("the record had been $4.11").
CHANGE_ASKED = re.compile(
    r"\bhow much (?:[\w'’-]+ ){0,10}?(?:increas|ris[ei]|rose|gr[eo]w|jump|climb|fall|fell|drop|declin|"
    r"decreas|(?:go|gone|went|going) (?:up|down)|(?:soar|surg|plung|tumbl|sink|sank|slid|shr[iu]nk))",
    re.IGNORECASE,
)
# A figure that is a change: a share ("up nearly 60%"), or one after a word of change ("tumbled by 86
# cents", "rose $1.20", "down 5 points").
_CHANGE_BEFORE = re.compile(
    r"(?:\b(?:by|up|down|rose|risen|fell|fallen|climbed|jumped|dropped|gained|lost|increased|decreased|"
    r"grew|soared|surged|plunged|tumbled|slid|sank|shrank)\s+(?:(?:about|nearly|almost|roughly|some|over|"
    r"more than|less than|just|around|an? (?:extra|additional))\s+)?[$£€]?\s?)$",
    re.IGNORECASE,
)


def changes(sentence: str) -> list[str]:
    """The figures in ``sentence`` that are changes: shares, and figures after a word of change."""
    return [
        m.group(0)
        for m in _numbers(sentence)
        if sentence[m.end() : m.end() + 12].lower().lstrip().startswith(SHARES)
        or _CHANGE_BEFORE.search(sentence[max(0, m.start() - 40) : m.start()])
    ]


def _numbers(sentence: str) -> Iterator[re.Match[str]]:
    """The numbers ``sentence`` holds, years aside: a year dates something; it does not count it."""
    return (m for m in COUNT.finditer(sentence) if not YEAR.fullmatch(m.group(0)))


def counts(sentence: str, counted: str) -> bool:
    """``sentence`` puts a number before ``counted`` ("more than 10,000 confirmed cases")."""
    return any(counted in _following(sentence, match) for match in _numbers(sentence))


def _following(sentence: str, number: re.Match[str]) -> set[str]:
    """The terms of the ``COUNTED_WITHIN`` words after ``number``: what it may count."""
    return set(terms(" ".join(sentence[number.end() :].split()[:COUNTED_WITHIN])))


def counts_anything(sentence: str, counted: str) -> bool:
    """``sentence`` holds a count of something: a number that is not a share ("85%"), a sum of money
    ("$5"), a year, or (unless time is what is ``counted``) a span of time ("200 years before"). "How
    many people watched" is not answered by "an 85% score"."""
    for match in _numbers(sentence):
        number = match.group(0)
        if number.lower() in ("%", "percent", "half"):
            continue
        after = sentence[match.end() : match.end() + 12].lower().lstrip()
        unit = next(iter(terms(" ".join(after.split()[:1]))), "")
        spans_time = unit in TIME_UNITS and counted not in TIME_UNITS
        if (
            sentence[max(0, match.start() - 1) : match.start()] == "$"
            or after.startswith(SHARES)
            or spans_time
        ):
            continue
        return True
    return False


def figures(sentence: str, question: str) -> list[str]:
    """The counts ``sentence`` gives for a "how many" ``question``: its numbers that are neither years nor
    clock times ("erupted around 8:05 p.m." counts nothing), and, when the question asks how many died or
    were hurt, a report of none ("There were no immediate reports of damage or casualties"). Of what a
    court or jury decided, a figure someone asks it for is none."""
    if DECISION_ASKED.search(question) and REQUESTED.search(sentence):
        return []  # what someone asks a court for, not what it decided
    if HOW_LONG.search(question):
        return _lengths(sentence, question)
    if HOW_OLD.search(question):
        return [m.group(0) for m in AGE.finditer(sentence)]
    if CHANGE_ASKED.search(question):
        return changes(sentence)
    if MONEY_ASKED.search(question):
        # "How much do the nuggets cost": a sum of money, not "servings of eight, 12 or 36 pieces".
        return [m.group(0) for m in MONEY.finditer(sentence)]
    clocks = [m.span() for m in CLOCK.finditer(sentence)]
    harm = HARM_ASKED.search(question) is not None
    counted = counted_noun(question)
    found = [
        m.group(0)
        for m in _numbers(sentence)
        if not any(a <= m.start() < b for a, b in clocks)
        and (not harm or _near_harm(sentence, m))
        and not (counted and _measures(sentence, m, counted))
    ]
    return found + (["0"] if reports_none(sentence, question) else [])  # none: a count the question lacks


def _measures(
    sentence: str, number: re.Match[str], counted: str, units: frozenset[str] | None = None
) -> bool:
    """``number`` measures something in a unit ("18,000 acres", "215 pounds", "$5"), so it counts nothing
    else: "how many people had to evacuate" is not answered by "burned through more than 18,000 acres"
    (unless the unit is what is ``counted``: "how many acres burned"). ``units``: those that count (all
    ``MEASURES`` when not given)."""
    if set(terms(number.group(0))) <= _SCALE and re.search(r"\d\s*$", sentence[: number.start()]):
        return True  # the "million" of "$5 million": part of the figure before it, not a count of its own
    after = terms(" ".join(sentence[number.end() :].replace("-", " ").split()[:2]))
    unit = next((t for t in after if t not in _SCALE), "")
    money = number.start() > 0 and sentence[number.start() - 1] in _CURRENCY_SIGNS
    return counted != unit and (unit in (MEASURES if units is None else units) or money)


def _near_harm(sentence: str, number: re.Match[str]) -> bool:
    """A word of harm, or of people, stands within ``HARM_NEAR`` content words of ``number``."""
    before = terms(sentence[: number.start()])[-HARM_NEAR:]
    return bool(HARMED & {*before, *terms(sentence[number.end() :])[:HARM_NEAR]})


def _lengths(sentence: str, question: str) -> list[str]:
    """For "how long": a year it started in ("were sent to Iraq in 2014") or any number but a count of
    what the question is about ("3,000 troops" says nothing of how long troops have been there; "six games"
    may be how long a suspension lasts), nor a crowd ("dozens of organizations")."""
    asked = set(terms(question))
    return [m.group(0) for m in LENGTH.finditer(sentence)] + [
        m.group(0)
        for m in COUNT.finditer(sentence)
        if YEAR.fullmatch(m.group(0))
        or (
            m.group(0).lower() not in VAGUE
            and not asked & _following(sentence, m)
            and not _measures(sentence, m, "", NOT_LENGTHS)
        )
    ]


def reports_none(sentence: str, question: str) -> re.Match[str] | None:
    """For a question asking how many died or were hurt, ``sentence``'s report that none were ("There were no
    immediate reports of damage or casualties"): a count, of zero."""
    return NONE_HARMED.search(sentence) if HARM_ASKED.search(question) else None
