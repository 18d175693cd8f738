"""Claim checks: whether a question asks if something is true ("is it true that X", "source?", "someone
says X, is that true", "did X really ...", "i heard X") and which claim it checks: one the question states
or reports, or, when it only doubts, the last claim in the thread.
"""

from __future__ import annotations

import re

from retrieval.answer.chat_words import normalise_chat
from retrieval.answer.intent_vocabulary import AUX, EDGE_PUNCT, OPENERS, OR_NOT, WH, YES_NO_START
from retrieval.text import terms

# -- phrasings -----------------------------------------------------------------------------------------

# Phrases before the single words they start with ("fake news" before "fake").
_VERDICT = (
    r"(?:fake news|for real|a fact|a lie|made up|the case|a rumou?r|a hoax|true|legit|legitimate|real|"
    r"accurate|correct|right|confirmed|verified|factual|fake|false|bs|bullshit|cap|misinformation|disinformation|"
    r"authentic|genuine)"
)
# "is it true (that) X", "is that true", "is this claim legit", "was that fake".
_IS_IT_TRUE = re.compile(
    rf"\b(?:is|was|are|were) (?:it|this|that|these|those|the claim|that claim|this claim|this story|"
    rf"that story)(?: \w+)? (?:really |actually |even )?{_VERDICT}\b(?: or (?:not|{_VERDICT})\b)?,?"
    r"(?: that)?\s*(?P<claim>[^?]*)"
)
# A bare doubt: "really?", "source?", "fact check", "proof?", "is that so", "no way".
_DOUBT = re.compile(
    r"^\W*(?:really|for real|seriously|is that so|no way|source|sources|citation(?: needed)?|proof|"
    r"evidence|receipts|fact check|true|legit)\W*$"
    r"|\b(?:any|got a|what is the|where is the|need a|need) (?:source|sources|proof|evidence|citation)\b"
    r"|\b(?:source|sources|proof|evidence|citation) (?:for|on) (?:that|this|it)\b"
    r"|\bwhere (?:does it|did you|did they) (?:say|get) (?:that|this)\b"
)
_FACT_CHECK = re.compile(r"\bfact[- ]?check(?:ing)?\b\W*(?:on |of |this |that |:)*\s*(?P<claim>[^?]*)")
# "did X really Y", "is X really Y": doubt about something the asker has heard.
_REALLY = re.compile(rf"^(?P<aux>{AUX}) (?P<subject>.+?) (?:really|truly) (?P<rest>.+)")
# "is/was X legit / accurate / fake" with the verdict ending the clause.
_X_IS_VERDICT = re.compile(
    rf"^(?P<aux>is|was|are|were) (?P<claim>.+?) (?:really |actually |even )?(?P<verdict>{_VERDICT})"
    r"\s*(?:[?!.,]|$)"
)
# Something reported, then checked: "someone says X, is that true", "my uncle says X. did he mess up?",
# "i heard X". The speaker is anyone ("a commenter", "trump", "people"); the check is a yes/no question.
_REPORTED = re.compile(
    rf"(?:^|[.,;!?]\s*|\b(?:and|but|so) )(?!(?:{AUX}|what|who|whom|when|where|why|how|which)\b)"
    r"(?:(?:i|we) (?:heard|read|saw)|(?:[\w'@.-]+ ){0,5}?"
    r"(?:says?|said|claims?|claimed|posted|wrote|mentioned|reckons?|are saying|is saying|keep saying|"
    r"keeps saying|told me|tells me))(?: that)? (?P<claim>[^?.;!]{8,}?)(?=\s*(?:[?.;!]|, (?:is|was|are|did|"
    r"does|do|can|has|true|really|legit|right)\b|$))"
)
# Second-hand word: "i heard", "someone said", "my uncle says", "people are saying", "apparently".
_HEARSAY = re.compile(
    r"\b(?:i|we) (?:heard|read|saw)\b|\bsaw (?:that|this|it) (?:in|on)\b|\bapparently\b|\brumou?rs?\b|"
    r"\b(?:someone|somebody|people|everyone|a (?:reader|commenter|friend|guy)|my \w+|they)"
    r"(?: in the comments)?(?: are| is| keeps?)? "
    r"(?:says?|said|saying|claims?|claimed|claiming|told me|tells me)\b"
)
# A trailing check on the claim before it: ", is that true", "did he mess up?".
_TRAILING_CHECK = re.compile(r"[,.;]?\s*(?:is|was) (?:that|it|this) \w*\s*$")
# Discourse words at a claim's edges: "so", "that" before it, "though", "right", "or what" after it.
_CLAIM_EDGES = re.compile(
    r"^(?:(?:so|and|but|that|like|or)\b\W*)+|(?:\W*\b(?:though|then|really|anyway|anyways|"
    r"honestly|right|or what|or)\b)+\W*$",
    re.IGNORECASE,
)
_CITATION = re.compile(r"\[\d+\]")
_ATTRIBUTION = re.compile(r"^.{0,80}?\b(?:claims?|reports?|says?|writes?|wrote|said):\s*", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“]([^\"“”]{12,})[\"”]")


# "do the commenters think the us is really leaving" asks what readers think, not whether it is so.
_READERS_THINK = re.compile(
    r"^(?:the |some |most |any )?(?:commenters?|readers?|people|ppl|posters?|comments?|folks)\b",
    re.IGNORECASE,
)


def claim_to_check(text: str, low: str, sentence: str, context: str) -> str | None:
    """The claim to check when the question is a claim check ("" when it names none), else None."""
    if match := _IS_IT_TRUE.search(low):
        inline = _clean_claim(text[match.start("claim") : match.end("claim")])
        # "X, is that true": the claim is what comes before the check.
        before = _clean_claim(re.sub(rf"^\W*{AUX}\b", "", text[: match.start()], flags=re.IGNORECASE))
        return inline or _reported_or_context(
            text, low, context, _proposition(text, low, match.start()), before
        )
    if match := _FACT_CHECK.search(low):
        return _clean_claim(text[match.start("claim") : match.end("claim")]) or _claim_in_context(context)
    if _DOUBT.search(low):
        return _reported_or_context(text, low, context, "")
    if (match := _REALLY.match(sentence)) and not _READERS_THINK.match(match.group("subject")):
        return _clean_claim(f"{match.group('subject')} {match.group('rest')}")
    if match := _X_IS_VERDICT.match(sentence):
        # Said as the claim it is: "is the letter legit" checks "the letter is legit".
        stated = f"{match.group('claim')} {match.group('aux')} {match.group('verdict')}"
        return _reported_or_context(text, low, context, _clean_claim(stated))
    reported = _REPORTED.search(low)
    if reported and (check := _yes_no_clause_start(low, reported)) >= 0:
        return _best_claim(
            _clean_claim(text[reported.start("claim") : reported.end("claim")]),
            _proposition(text, low, check),
        )
    if _HEARSAY.search(low) and YES_NO_START.match(sentence):
        return _clean_claim(sentence)
    # Hearsay told without asking ("someone said the letter was a draft") asks whether it holds.
    if reported and _HEARSAY.search(low) and not WH.search(sentence):
        return _clean_claim(text[reported.start("claim") : reported.end("claim")])
    return None


def _yes_no_clause_start(low: str, reported: re.Match[str]) -> int:
    """Where a yes/no clause outside the reported claim starts ("..., is that true", ". did he mess up?"),
    or -1; a wh-question after a report ("The White House said X. When will it ...?") is no check."""
    for clause in re.finditer(r"[^,.;!?]+", low):
        if reported.start("claim") <= clause.start() < reported.end("claim"):
            continue
        whole = clause.group(0).rstrip()
        body = OPENERS.sub("", whole.lstrip())
        if YES_NO_START.match(body) or re.match(r"(?:true|really|legit|right|correct)\b", body):
            return clause.start() + len(whole) - len(body)
    return -1


def _proposition(text: str, low: str, start: int) -> str:
    """The content of the yes/no clause at ``start``, without its auxiliary: "did he mess up" -> "he mess
    up"; nothing left for "is that true"."""
    if start < 0:
        return ""
    clause = re.match(r"[^,.;!?]+", low[start:])
    body = text[start : start + clause.end()] if clause else ""
    body = re.sub(rf"^\W*{AUX}\b", "", body, flags=re.IGNORECASE).strip()
    return "" if _IS_IT_TRUE.search(f"is {body.lower()}") else _clean_claim(body)


def _reported_or_context(text: str, low: str, context: str, proposition: str, before: str = "") -> str:
    """The claim a check is about: something reported in the question or the check's own ``proposition``,
    whichever says more; else what the question says ``before`` the check; else the thread's last claim."""
    if reported := _REPORTED.search(low):
        return _best_claim(_clean_claim(text[reported.start("claim") : reported.end("claim")]), proposition)
    return proposition or before or _claim_in_context(context)


def _best_claim(reported: str, proposition: str) -> str:
    """The one that says more: "the 82nd airborne got sent to iraq" over "he mess up", "the letter fake"
    over "it was fake"."""
    return max((reported, proposition), key=lambda claim: len(terms(claim)))


def _claim_in_context(context: str) -> str:
    """The last claim in the thread: a quoted passage if there is one, else the last sentence with
    content, without citation markers and attribution prefixes ("A reader comment (…) claims:")."""
    context = _CITATION.sub("", normalise_chat(context, drop_filler=True)).strip()
    if not context:
        return ""
    if quotes := _QUOTED.findall(context):
        return _clean_claim(quotes[-1])
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", context) if len(terms(s)) >= 2]
    if not sentences:
        return ""
    last = _ATTRIBUTION.sub("", sentences[-1])
    if reported := _REPORTED.search(last.lower()):
        return _clean_claim(last[reported.start("claim") : reported.end("claim")])
    return _clean_claim(last)


def _clean_claim(claim: str) -> str:
    claim = _TRAILING_CHECK.sub("", claim.strip())
    claim = OR_NOT.sub("", claim).strip(EDGE_PUNCT)
    return _CLAIM_EDGES.sub("", claim).strip(EDGE_PUNCT)
