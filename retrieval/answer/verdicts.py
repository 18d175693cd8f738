"""The verdict a yes/no question or a claim check leads with, from the sentence that best bears on it.

Offline, agreement is judged from words, not meaning: the lead must cover most of the question's focus to
count as saying so, and a negation on one side only ("not", "never", "denied") turns it into saying
otherwise. Anything less sure says what the article says without a verdict, so a reader never takes a
guess for a confirmation. A claim only readers make is said to be only theirs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from retrieval.answer import framing
from retrieval.answer.claimed_figures import claims_figure, other_figure, same_figure, stated_figures
from retrieval.answer.intents import Intent, IntentKind
from retrieval.answer.scoring import ScoredSentence
from retrieval.text import terms
from retrieval.word_forms import DEMONYMS

# ("non" is the first part of "non-binding": the tokens split at the hyphen; "declines", "declined" refuse,
# but "a decline" is a fall.)
NEGATION = re.compile(
    r"^(?:not|no|non|never|none|nobody|nothing|neither|nor|without|zero|den(?:y|ies|ied|ying)|"
    r"refus(?:e|es|ed|ing)|reject(?:s|ed|ing)?|declin(?:es|ed|ing)|fail(?:s|ed|ing)?|unable|"
    r"fake|false|untrue|.*n't)$",
    re.IGNORECASE,
)
# What undoes a plan stated after it: "Spirit pulled the plug on a deal to merge with Frontier" says it is
# not merging. It reaches further than a plain "not", over the deal it undoes.
ABANDONED = re.compile(
    r"\b(?:pull(?:s|ed|ing)? the plug on|scrap(?:s|ped|ping)?|call(?:s|ed|ing)? off|abandon(?:s|ed|ing)?|"
    r"terminat(?:e|es|ed|ing)|cancel(?:s|ed|led|ing|ling)?|walk(?:s|ed|ing)? away from|"
    r"back(?:s|ed|ing)? out of|ditch(?:es|ed|ing)?|shelv(?:e|es|ed|ing))\b",
    re.IGNORECASE,
)
# How many words before a word of the focus such a phrase may stand, within one clause (a comma or a
# conjunction ends one: "After the deal was called off, Spirit agreed to merge").
ABANDONED_REACH = 8
CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|but|then|so|after|before|while|until)\b", re.IGNORECASE)
# A negation counts when it stands this close before a word of the question's focus ("did not threaten",
# "never left"), not anywhere in a long sentence ("... will not leave until ...").
NEGATION_REACH = 3
# The share of the question's focus a sentence must hold to count as saying the same thing: all of it
# ("did artemis launch" is not answered yes by "artemis is targeting a launch window").
COVERS = 1.0
# The share of a figure claim's other words a sentence giving another figure must hold to say otherwise.
FIGURE_COVERS = 2 / 3
# Support a sentence needs for its verdict to be stated.
SURE = 0.5
# A sentence that only weighs the thing ("plans to reassess whether the outbreak is an emergency", "could
# be delayed") does not say it is so: unless the question weighs it too, it gets no verdict.
# ("may" in lowercase only: "in May" is a month.)
HEDGE = re.compile(
    r"\b(?:[Ww]hether|[Ii]f|may|[Mm]ight|[Cc]ould|[Pp]lans? to|[Cc]onsidering|[Ww]eighing|[Mm]ulling)\b"
)
# How many words before a word of the focus a hedge weighs it.
HEDGE_REACH = 6
# A lead that holds every word of a focus this long ("did harper win three elections": harper, win, 3,
# elect) says the same thing however little else of the question it shares.
WHOLE_FOCUS = 3
# How far before a word of the focus a reader's negation may stand to dispute the article: a little
# further ("there's been no decision whatsoever to leave Iraq"), since only a quoted claim is at stake.
DISPUTE_REACH = 5
# A people's term, read as their country's ("iraqi" as "iraq").
COUNTRY_OF = {terms(people)[0]: terms(country)[0] for people, country in DEMONYMS.items()}
# Words whose opposite answers a yes/no about them the other way ("did she win" - "she lost"; "does trump
# agree with the letter" - "the letter contradicts Trump"; "during the day" - "during the night-time"). Not
# "accept" - "reject": a refusal is a negation already (NEGATION), and would turn the answer round twice.
_OPPOSITE_PAIRS = (
    ("win", "lose"),
    ("pass", "fail"),
    ("rise", "fall"),
    ("increase", "decrease"),
    ("open", "close"),
    ("agree", "disagree"),
    ("agree", "contradict"),
    ("support", "oppose"),
    ("allow", "ban"),
    ("legal", "illegal"),
    ("stay", "leave"),
    ("day", "night"),
    ("alive", "dead"),
)
OPPOSITES: dict[str, frozenset[str]] = {}
for _one, _other in _OPPOSITE_PAIRS:
    for _a, _b in ((terms(_one)[0], terms(_other)[0]), (terms(_other)[0], terms(_one)[0])):
        OPPOSITES[_a] = OPPOSITES.get(_a, frozenset()) | {_b}

# "Was he the only one killed": only a sentence saying so says yes; one naming others with him says no.
# ("the only": "is it true only 3 died" claims a figure.)
ONLY_ASKED = re.compile(r"\b(?:the only|sole|solely|alone)\b", re.IGNORECASE)
SAYS_ONLY = re.compile(r"\b(?:only|sole|solely|alone)\b", re.IGNORECASE)
OTHERS = re.compile(
    r"\b(?:and (?:a number of|several|other|others|many|some|\d+|two|three|four|five)|along with|as well as|"
    r"together with)\b",
    re.IGNORECASE,
)
# "Is he still prime minister", "is isis still in iraq": a sentence saying it ended ("came to an end", "has
# since been liberated") answers No, whatever else it shares.
STILL = re.compile(r"\b(?:still|anymore|any more)\b", re.IGNORECASE)
ENDED = re.compile(
    r"\b(?:came to an end|(?:has |have )?ended|no longer|step(?:ped|s)? down|resign(?:ed|s)|quit|ousted|"
    r"former|left office|retired|liberated|freed|released|reopened|recaptured|retaken|lifted)\b",
    re.IGNORECASE,
)
# "Is the shortage over", "are the tours back": the state asked about, in words too common to be part of
# the focus; a sentence that never says it ("the shortage is a crisis") gives no verdict on it.
STATE_ASKED = re.compile(
    r"\b(over|back|done|finished|off|down|up)\s*(?:yet|now|already|for good|again)?\s*[?!.]*\s*$"
)
STATES = {
    # Not "over 1,100 people" or "over the weekend".
    "over": r"over(?!\s+(?:\d|\$|the|a|an|its|their|his|her)\b)|end|ends|ended|finished|eased",
    "back": r"back|return|returns|returned|returning|resume|resumes|resumed|reopen|reopens|reopened",
    "done": r"done|finished|complete|completed",
    "finished": r"done|finished|complete|completed|over|ended",
    "off": r"off|cancel|cancels|cancelled|canceled|called off|scrapped",
    # "are gas prices still going down": falling, or a decline.
    "down": r"down|fell|falls|fall|falling|declin\w*|dropp?\w*|lower|decreas\w*|cheaper|eas(?:e|ed|ing)",
    "up": r"up|rose|rises|rise|rising|climb\w*|increas\w*|higher|soar\w*|jump\w*|surg\w*",
}


# A comparison and what it compares with: "scarier than Mr. Trump" -> ("scarier", "Trump").
COMPARED = re.compile(r"([\w'’-]+)\s+than\s+(?:(?:mr|ms|mrs|dr)\.?\s+|the\s+)?([\w'’-]+)", re.IGNORECASE)


def _compared_the_other_way(question: str, sentence: str) -> bool:
    """``sentence`` makes the question's comparison the other way round: "is trump scarier than cruz" of
    "Ted Cruz, as Jimmy Carter maintains, is even scarier than Mr. Trump" (what it compares with is what
    the question compares)."""
    asked, said = COMPARED.search(question), COMPARED.search(sentence)
    if asked is None or said is None or terms(asked.group(1)) != terms(said.group(1)):
        return False
    other = terms(said.group(2))
    return bool(other) and other != terms(asked.group(2)) and other[0] in terms(question[: asked.start()])


def _negated(text: str, focus: set[str], reach: int = NEGATION_REACH) -> bool:
    """A negation within ``reach`` words, or a plan undone in the same clause, before a word of the focus."""
    window = max(reach, ABANDONED_REACH)
    return _before_focus(
        text, focus, window, lambda before: _negation_before(before, len(before), reach) or _abandoned(before)
    )


def _hedged(text: str, focus: set[str]) -> bool:
    """A hedge stands within ``HEDGE_REACH`` words before a word of the focus ("plans to decide whether the
    outbreak is", "could be delayed"), not in a clause about something else ("The FBI executed a search
    warrant at Mar-a-Lago ... documents that may have been brought there")."""
    return _before_focus(text, focus, HEDGE_REACH, lambda before: HEDGE.search(before) is not None)


def _before_focus(text: str, focus: set[str], reach: int, test: Callable[[str], bool]) -> bool:
    """``test`` holds of the ``reach`` words of ``text`` before some word of the ``focus``."""
    found = list(re.finditer(r"[\w']+", text))
    return any(
        (own := terms(m.group(0)))
        and own[0] in focus
        and test(text[found[max(0, i - reach)].start() : m.start()])
        for i, m in enumerate(found)
    )


def _abandoned(before: str) -> bool:
    """``before`` (the words just before a word of the focus) undoes it, in the same clause: "pulled the plug
    on a deal to" (merge), not "After the deal was called off, Spirit agreed to" (merge)."""
    clause = CLAUSE_BREAK.split(before)[-1]
    return ABANDONED.search(clause) is not None


def _negation_before(text: str, at: int, reach: int = NEGATION_REACH) -> bool:
    """A negation stands within ``reach`` words before offset ``at`` of ``text`` ("is not over"). "non" is
    a prefix: it negates the word it is joined to ("non-binding"), not the next ("non-binding resolution"
    is still a resolution)."""
    before = re.findall(r"[\w']+", text[:at])[-reach:]
    return any(
        NEGATION.match(t) and (t.lower() != "non" or i == len(before) - 1) for i, t in enumerate(before)
    )


def _covers(intent: Intent, sentence: str) -> float:
    focus = set(intent.focus)
    return len(focus & set(terms(sentence))) / len(focus) if focus else 0.0


# Where or of what the question sets its claim: "for the luzon earthquake", "in california".
_SETTING = re.compile(
    r"\b(?:in|at|on|for|of|during|after|near|from|over)\s+((?:(?:the|a|an)\s+)?(?:[\w'’-]+\s*){1,3})",
    re.IGNORECASE,
)


def _claim_setting(question: str) -> set[str]:
    """The words of the question's prepositional phrases: where or of what it sets its claim. Wider than
    ``leads.set_in`` (places named after "in", "at", "near"), since a verdict reads every word of the
    focus: "earthquake" in "for the luzon earthquake" is not a name, but the headline covers it."""
    return {t for m in _SETTING.finditer(question) for t in terms(m.group(1))}


def _reading(intent: Intent, sentence: str, headline: str = "") -> tuple[float, bool]:
    """How much of the question's focus ``sentence`` covers, and whether it does so with an opposite: a verb
    is covered by its opposite ("did cheney win" by "Cheney ... lost"), which turns the answer round. A
    people covers their country ("the Iraqis" for "iraq"). An article's sentence is set where its
    ``headline`` says: "it had not issued a tsunami warning" under "Philippines Luzon earthquake" speaks of
    the Luzon earthquake the question sets its claim in; but not of whoever else the headline names ("Jones
    baselessly said it was staged" under "Alex Jones trial" does not say Alex Jones still thinks so)."""
    found = set(terms(sentence)) | (set(terms(headline)) & _claim_setting(intent.question))
    found |= {COUNTRY_OF[t] for t in found if t in COUNTRY_OF}
    covered = {f for f in intent.focus if f in found}
    opposed = {f for f in set(intent.focus) - covered if OPPOSITES.get(f, frozenset()) & found}
    share = len(covered | opposed) / len(intent.focus) if intent.focus else 0.0
    return share, bool(opposed)


def verdict(
    intent: Intent,
    lead: ScoredSentence,
    kind: str,
    leaned_on: Sequence[ScoredSentence] = (),
    subject: str = "",
    headline: str = "",
) -> str:
    """The opening of the answer's first line; ``kind`` is the lead's ("article" or "comment"). The lead is
    read with the sentences it leans on (``leaned_on``): "He won three of five elections" after the one
    naming Mr. Harper says Harper won three. A figure claimed is read with ``subject`` too, the sentence
    before the lead, which may set its paragraph's subject ("In the years I've been visiting New Hampshire,
    ..." then "At less than 4 per cent, unemployment is practically non-existent")."""
    if kind == "comment":
        return framing.ONLY_A_READER if intent.kind == IntentKind.CLAIM_CHECK else framing.READER_ONLY_FACT
    read = " ".join([*(s.text for s in leaned_on), lead.text])
    state = STATE_ASKED.search(intent.question.lower())
    if state:  # the state is judged on its own words below ("returned" says "back")
        intent = replace(intent, focus=tuple(f for f in intent.focus if f not in terms(state.group(1))))
    share, opposed = _reading(intent, read, headline)
    paragraph = f"{subject} {read}"
    if claims_figure(intent):
        rest = replace(intent, focus=tuple(f for f in intent.focus if not f[:1].isdigit()))
        if same_figure(intent.question, read):
            # "is it true 10 million people watched house of the dragon" of "... brought in roughly 10
            # million viewers": the claim's figure, in a sentence holding most of the rest of it (its unit
            # aside: "10 million people died" is not "10 million people watched"), says so.
            units = {u for _, u in stated_figures(intent.question)}
            rest = replace(rest, focus=tuple(f for f in rest.focus if f not in units))
            if _reading(rest, paragraph)[0] >= FIGURE_COVERS:
                share = 1.0
        elif other_figure(intent.question, read) and _reading(rest, paragraph)[0] >= FIGURE_COVERS:
            # "did he eat 70 hot dogs" of "... devouring 63 hot dogs": another figure in the claim's unit,
            # in a sentence holding most of the rest of it, says otherwise.
            return framing.SAYS_OTHERWISE if intent.kind == IntentKind.CLAIM_CHECK else framing.NO
    covered = share >= COVERS
    # Whether the article names a thing is sure from the words alone, however loosely the sentence fits.
    sure = covered and (intent.mention or lead.support >= SURE or len(intent.focus) >= WHOLE_FOCUS)
    if not intent.mention and _hedged(lead.text, set(intent.focus)) and not HEDGE.search(intent.question):
        sure = False
    focus = set(intent.focus)
    same = (_negated(intent.question, focus) == _negated(lead.text, focus)) != opposed
    if state:
        said = re.compile(rf"\b(?:{STATES[state.group(1)]})\b", re.IGNORECASE)
        found = list(said.finditer(read))
        # Said of the state or of its denial ("is not over yet"): the verdict turns on the state's words.
        sure = sure and bool(found)
        same = same and not any(_negation_before(read, m.start()) for m in found)
    if _compared_the_other_way(intent.question, lead.text):
        same = not same
    if STILL.search(intent.question) and ENDED.search(read):
        same = False  # "is boris still pm": "his tenure as Prime Minister came to an end" says No
    if ONLY_ASKED.search(intent.question) and not SAYS_ONLY.search(read):
        # "was soleimani the only one killed": "killed Soleimani and a number of officials" says No; a
        # sentence naming him alone does not say he was the only one.
        if OTHERS.search(read):
            same = False
        else:
            sure = False
    if intent.kind == IntentKind.CLAIM_CHECK:
        if not sure:
            return framing.NOT_CONFIRMED
        return framing.SAYS_SO if same else framing.SAYS_OTHERWISE
    if not sure:
        return framing.UNSURE
    return framing.YES if same else framing.NO


def disputed_by(intent: Intent, lead: ScoredSentence, readers: list[ScoredSentence]) -> ScoredSentence | None:
    """The best supported of ``readers`` (sentences of the story's comments, best first) that says the
    opposite of the article's ``lead`` about all of the question's focus, sure enough to show beside the
    verdict: "so r they actually leaving?" — Yes, the article says ...; but a reader claims "there's been no
    decision whatsoever to leave"."""
    focus = set(intent.focus)
    said = _negated(lead.text, focus, DISPUTE_REACH)
    return next(
        (
            s
            for s in readers
            if s.support >= SURE
            and _covers(intent, s.text) >= COVERS
            and _negated(s.text, focus, DISPUTE_REACH) != said
        ),
        None,
    )
