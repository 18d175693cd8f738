"""What a factual question asks for, from its first question word: a person for "who", a time for "when",
a number for "how many", a place for "which city", several things for "which changes"; and for "what kind
of N", the sentences naming a kind of N first."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise, takewhile

from retrieval.answer.intent_vocabulary import AUX, WH, WHEN_CLAUSE
from retrieval.answer.scoring import CAUSE_ASKED, ScoredSentence
from retrieval.text import terms

HOW_TYPES = (
    (
        re.compile(r"how (?:many|much|old|far|big|large|long|tall|fast|high|often|deep|heavy|wide)\b"),
        "number",
    ),
    (re.compile(r"how soon\b"), "time"),
    (re.compile(r"how come\b"), "cause"),
    # "how did kasich end up doing", "how is the team faring": a result, not a method ("how did you do it"
    # is the method, hence the lookahead).
    (
        re.compile(
            rf"how (?:{AUX}) (?:[\w.'’-]+ ){{1,4}}?"
            r"(?:(?:end(?:ed)? up )?(?:do|doing|done)(?! (?:it|that|this|so)\b)|far(?:e|ed|es|ing)|"
            r"perform(?:ed|s|ing)?|finish(?:ed|es|ing)?|turn(?:ed|s)? out|go|going|went|gone)\b"
        ),
        "outcome",
    ),
    # "how did they take out X", "how do i apply": the way something is done.
    (
        re.compile(
            rf"how (?:exactly )?(?:did|do|does|can|could|will|would|should|to|{AUX} \w+ (?:\w+ed|\w+en)\b)"
        ),
        "manner",
    ),
)
WHO = re.compile(r"(?:who|whom|whose)\b")
WHEN = re.compile(r"(?:when|since when|by when|until when)\b")
WHERE = re.compile(r"where\b")
WHY = re.compile(r"why\b")
# After "what/which": a copula and article to skip ("what was the magnitude"), then the head noun.
WHAT_HEAD = re.compile(
    r"(?:what|which)(?: (?:is|are|was|were))?(?: (?:the|a|an|his|her|their|its))?"
    r"(?: of the following)?(?P<head>(?: [\w%'-]+){1,4})"
)
WHAT_CAUSE = re.compile(
    r"what (?:caused|causes|cause|prompted|led to|triggered|motivated|made|is the reason|"
    rf"was the reason|were the reasons|reason)\b|{CAUSE_ASKED}"
)
_HEAD_TYPES = {
    "person": "person man woman official president leader player star celebrity actor actress singer "
    "politician senator general minister member name names commenter reporter candidate rapper athlete "
    "quarterback coach ceo founder judge king queen prince princess people personality host head",
    "organization": "company companies team teams airline airlines automaker automakers group groups "
    "organization organisation party agency network retailer chain brand bank school university club "
    "firm maker manufacturer department court union carrier startup business",
    "place": "country countries state states city cities place town region continent area location county "
    "province island nation nations part address park venue site street neighborhood neighbourhood",
    "time": "time year years date day days month months week weeks hour season decade century",
    "number": "percentage percent % number amount price cost rate magnitude age total sum share score "
    "figure count temperature distance margin size population salary fine speed average toll tally",
}
HEAD_TYPE = {word: kind for kind, heads in _HEAD_TYPES.items() for word in heads.split()}
# A verb or preposition ends the head noun phrase of "which wildly popular show was ...".
HEAD_STOP = frozenset(
    "is are was were did does do has have had will can could would of in to for on at by".split()
)


# A verb, which a question typed as a bare noun phrase lacks ("death toll from the quake?").
_VERB = re.compile(rf"\b(?:{AUX})\b")


def answer_type_of(sentence: str) -> str | None:
    """What a factual question asks for, from its first question word. A question typed as a bare noun
    phrase asks what that thing is: "us monkeypox case count?" is "what is the us monkeypox case count"."""
    sentence = WHEN_CLAUSE.sub("", sentence)  # "when gas hit $5 which state ..." asks which
    if not WH.search(sentence) and not _VERB.search(sentence):
        sentence = f"what is {sentence}"
    wh = WH.search(sentence)
    if not wh:
        return None
    at = wh.start()
    for pattern, kind in HOW_TYPES:
        if pattern.match(sentence, at):
            return kind
    for pattern, kind in (
        (WHO, "person"),
        (WHEN, "time"),
        (WHERE, "place"),
        (WHY, "cause"),
        (WHAT_CAUSE, "cause"),
    ):
        if pattern.match(sentence, at):
            return kind
    if head := WHAT_HEAD.match(sentence, at):
        noun = ""
        for word in head.group("head").split():
            word = word.removesuffix("'s")
            if word in HEAD_STOP:
                break
            if kind := HEAD_TYPE.get(word):
                return kind
            noun = word
        # "what files are they confused on", "which changes did they make": several things, a list.
        if noun.endswith("s") and not noun.endswith(("ss", "us", "is")) and len(noun) > 3:
            return "list"
    return None


# "who is yarallah", "whos milley": who someone is.
WHO_IS = re.compile(r"^\s*who(?: is|'s| was|s)? (?P<name>[\w.'’ -]+?)\W*$", re.IGNORECASE)


def identity_asked(question: str, sentence: str) -> bool:
    """``question`` asks who someone is, and ``sentence`` names them: it says who they are ("... to Iraqi
    Lt. Gen. Abdul Amir Yarallah")."""
    match = WHO_IS.match(question)
    named = set(terms(match["name"])) if match else set()
    return bool(named) and named <= set(terms(sentence))


# "What kind of python was it": a kind of the noun asked about.
KIND_ASKED = re.compile(
    r"\bwhat (?:kinds?|types?|sorts?|breed|species|brand|make|model) of (?P<noun>[a-z]+)", re.IGNORECASE
)
# A word as the "name before a noun" tests read it: "record-breaking", "Okoro's".
WORD = re.compile(r"[\w'’-]+")
# "near which national park", "which county": the noun of a kind whose members are named with it.
WHICH_HEAD = re.compile(r"\bwhich(?P<head>(?: [\w'-]+){1,4})", re.IGNORECASE)
# A run of capitalised words, "of (the)" allowed inside: "Yosemite National Park", "University of Leeds".
NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*)+")


def names_asked(question: str) -> Callable[[str], bool] | None:
    """A test of whether a sentence names one of what the question asks for by its kind, or None when it
    asks no kind. "What kind of python was it": a name the question lacks just before the noun ("a
    record-breaking Burmese python"), not "The python is the heaviest ever captured", nor "the annual Python
    Challenge". "Which national park": a name ending in the noun, capitalised ("near Yosemite National
    Park"), or opening "<Noun> of" ("University of Leeds" for "which university"), not "the park"."""
    words = set(terms(question))
    if asked := KIND_ASKED.search(question):
        noun = terms(asked["noun"])

        def names_kind(text: str) -> bool:
            pairs = pairwise(WORD.findall(text)[1:])  # (a sentence's first word is capitalised)
            return any(
                w.islower() and terms(w) == noun and before[:1].isupper() and words.isdisjoint(terms(before))
                for before, w in pairs
            )

        return names_kind
    if (which := WHICH_HEAD.search(question)) is None:
        return None
    head = list(takewhile(lambda w: w.lower() not in HEAD_STOP, which["head"].split()))
    if not head:
        return None
    member = terms(head[-1])

    def names_member(text: str) -> bool:
        for run in NAME_RUN.finditer(text):
            names = run.group().split()
            for at, name in enumerate(names):
                if terms(name) != member:
                    continue
                # "Yosemite National Park": the name before the noun; "University of Leeds": after "of".
                named = names[:at] if at else names[1:] if names[1:2] == ["of"] else []
                if not words.issuperset(terms(" ".join(named))):
                    return True
        return False

    return names_member


def kind_first(ordered: list[ScoredSentence], question: str, margin: float) -> list[ScoredSentence]:
    """``ordered`` (best first) with the sentences naming one of the kind asked about (``names_asked``)
    first, within ``margin`` of the best."""
    names = names_asked(question)
    if names is None:
        return ordered
    return first_within(ordered, margin, lambda s: names(s.text))


def first_within(
    ordered: list[ScoredSentence], margin: float, passes: Callable[[ScoredSentence], bool]
) -> list[ScoredSentence]:
    """``ordered`` (best first) with the sentences within ``margin`` of the best that ``passes`` first, each
    group in its order."""
    if not ordered:
        return ordered
    close = ordered[0].support - margin
    return sorted(ordered, key=lambda s: not (s.support >= close and passes(s)))


# "who scored the winning goal": the question's own verb, after "who".
WHO_DID = re.compile(r"^\W*who (?P<verb>[a-z]+)\b", re.IGNORECASE)
# Words that can open a sentence capitalised without naming anyone.
_NOT_DOERS = frozenset(
    "he she they it we i you this that these those there the a an nobody someone somebody everyone anyone "
    "none no one each both all many some most few".split()
)


def doer_first(
    ordered: list[ScoredSentence], question: str, margin: float, history: Callable[[str], bool]
) -> list[ScoredSentence]:
    """``ordered`` (best first) with the sentences where a name does what "who <verb>" asks first, within
    ``margin`` of the best: "Ian Bartoszek ... caught and euthanized the huge female python" for "who caught
    the python", before "The python is the heaviest ever captured". Not one telling ``history`` ("The
    Lightning won the last two Stanley Cups in 2020 and 2021" for "who won the stanley cup")."""
    asked = WHO_DID.match(question)
    if asked is None or re.fullmatch(AUX, asked["verb"].lower()):
        return ordered
    verb = terms(asked["verb"])
    if not verb:  # "who said": a word too common to tell sentences apart
        return ordered

    def names_doer(s: ScoredSentence) -> bool:
        tokens = WORD.findall(s.text)
        return any(
            terms(word) == verb and before[:1].isupper() and before.lower() not in _NOT_DOERS
            for before, word in pairwise(tokens)
        )

    return first_within(ordered, margin, lambda s: names_doer(s) and not history(s.text))


# "What did the images show?", "what will the IRS announce on friday": the question's subject and verb,
# the question ending with the verb or a time or topic after it.
WHAT_DID = re.compile(
    rf"(?:^|[.?!]\s+)\W*what (?:{AUX}) (?P<subject>(?:[\w'’-]+ ){{1,5}}?)(?P<verb>[a-z]+)"
    r"(?=\W*$| (?:about|on|in|at|during|after|before|this|last|yesterday|today|tomorrow)\b)",
    re.IGNORECASE,
)
# Verbs that say nothing of a sentence's content ("what did they do") or are asked about elsewhere.
_EMPTY_VERBS = frozenset(terms("do does did doing happen happened mean think say said tell told"))


def deed_first(ordered: list[ScoredSentence], question: str, margin: float) -> list[ScoredSentence]:
    """``ordered`` (best first) with the sentences where the question's subject does its verb first, within
    ``margin`` of the best: "The first image ... shows SMACS 0723, where a massive group of galaxy clusters
    ..." for "what did the images show", before "Biden released one of Webb's first images"."""
    asked = WHAT_DID.search(question)
    if asked is None or re.fullmatch(AUX, asked["verb"].lower()):
        return ordered
    verb, subject = terms(asked["verb"]), set(terms(asked["subject"]))
    if not verb or set(verb) <= _EMPTY_VERBS:
        return ordered

    def does_it(s: ScoredSentence) -> bool:
        # The verb, after the subject when the question names one ("shows" in "The first image ... shows",
        # not the noun in "a show of images"); not in a sentence echoing the question ("What the union
        # wants was discussed again").
        words = WORD.findall(s.text)
        tokens = [terms(word) for word in words]
        at = next((i for i, found in enumerate(tokens) if found == verb), None)
        if at is None or "what" in (w.lower() for w in words[:at]):
            return False
        return not subject or any(t in subject for found in tokens[:at] for t in found)

    return first_within(ordered, margin, does_it)


# A superlative asked is what the answer must say: "which state had the cheapest gas" is not answered by
# the sentence on the $5 record that shares its other words. ("most" and "least" by the word they grade.)
SUPERLATIVE = re.compile(
    r"\b(?:cheapest|priciest|costliest|highest|lowest|largest|biggest|smallest|longest|shortest|oldest|"
    r"youngest|fastest|slowest|deadliest|worst|best|richest|poorest|tallest|hottest|coldest|wettest|driest|"
    r"busiest|strongest|weakest|closest|nearest|farthest|furthest|earliest|greatest|heaviest|fewest)\b"
    r"|\b(?:most|least)\s+(?!of\b)([a-z]+)",
    re.IGNORECASE,
)


def superlative_first(answering: list[ScoredSentence], question: str) -> list[ScoredSentence]:
    """``answering`` (best first) with those holding the superlative ``question`` asks with first."""
    asked = {t for m in SUPERLATIVE.finditer(question) for t in terms(m.group(1) or m.group(0))}
    return sorted(answering, key=lambda s: not asked <= set(terms(s.text))) if asked else answering
