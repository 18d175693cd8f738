"""What a paragraph *is*: body text, a subhead, a photo caption or credit, or page boilerplate.

News pages reach us with more than their article in them: the video player's ad-feedback form, "Video
Ad Feedback <clip title> 02:54 - Source: CNN", newsletter sign-ups, "READ: ..." links, "CNN's X
contributed to this report", datelines ("New York CNN Business —"), and photo captions that end in
their credit ("... on Tuesday. Jane Doe/AP"). Such paragraphs stay in the story — they are indexed,
retrievable and give an answer its context — but they are never the sentence an answer leads with,
nor a summary point. Every parser marks its paragraphs through :func:`classify_paragraph`, so the
rules live in one place.

Rules are written for patterns (a credit's shape, a player's UI text, a dateline's dash), not for
single strings: each one is tested on text made up for the purpose.
"""

from __future__ import annotations

import re
from typing import Literal

from retrieval.sentences import ends_with_abbreviation

Role = Literal["body", "subhead", "caption", "boilerplate"]
ROLES: tuple[Role, ...] = ("body", "subhead", "caption", "boilerplate")
# Bump when a rule changes: the index fingerprint carries it, so the next reload re-chunks every story
# and the stored roles follow the rules (vectors are reused; only changed records are rewritten).
RULES_VERSION = 1

HEADING_MAX_CHARS = 150
_CLOSING = ".!?…"
_QUOTES = "\"'“”‘’»«)]"


def looks_like_heading(text: str) -> bool:
    """A sub-heading: short, with no closing punctuation once closing quotes are set aside."""
    core = text.rstrip(_QUOTES).rstrip()
    return (
        0 < len(text) <= HEADING_MAX_CHARS and not core.endswith(tuple(_CLOSING)) and not core.endswith(",")
    )


# --- boilerplate -------------------------------------------------------------------------------------

# The text a video player or an ad slot leaves in a scraped page: the ad-feedback form and its options,
# the "Video Ad Feedback" label that precedes a clip's title, player controls.
_PLAYER_UI = re.compile(
    r"\b(how )?relevant (is|was) this ad\b|\bwas this ad (relevant|helpful|useful)\b|\bad feedback\b"
    r"|\bad (froze|stalled|was too loud|did not (load|finish|play))\b|\baudio on (the )?ad\b"
    r"|\bvideo (player |content )?(was slow to load|never loaded|did not (load|start|play)|kept buffering)\b"
    r"|\b(skip|close) (this )?ad\b|^(advertisement|sponsored content|now playing|play video|up next)\b",
    re.IGNORECASE,
)
# A clip promo: its running time then its source ("03:40 - Source: CNN").
_CLIP_TIMING = re.compile(r"\b\d{1,2}:\d{2}\s*[-–—]\s*source\s*:", re.IGNORECASE)
# Newsletter and subscription promos.
_SIGN_UP = re.compile(r"\b(sign(ing)? up|subscribe|subscribed)\b", re.IGNORECASE)
_PROMO_CONTEXT = re.compile(
    r"\bnewsletters?\b|\b(in|to) your inbox\b|\b(sign up|subscribe)( for free)?,? (here|now|today)\b",
    re.IGNORECASE,
)
# A link to another story, or the site's social buttons.
_LINK_LABEL = re.compile(
    r"^(related( stories| articles| coverage)?|read( more| also)?|also read|see also|more|watch( more)?"
    r"|listen|recommended|also on [\w.]+)\s*[:|>»]\s*\S",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"^(follow (us|[\w .]+) on (twitter|x|facebook|instagram|tiktok)|share (this|on)\b|click here\b)",
    re.IGNORECASE,
)
# Who else reported, and notes about the page's own history.
_CONTRIBUTORS = re.compile(
    r"\bcontributed( reporting)? to this (report|article|story)\b|^(additional )?(reporting|writing|editing)"
    r" by\b",
    re.IGNORECASE,
)
_EDITORS_NOTE = re.compile(
    r"^(correction|corrected|clarification|update|updated|editor['’]?s note)\s*[:—–-]"
    r"|^this (story|article|post)( and (its )?headline)? (has|have) been (updated|corrected)\b"
    r"|^an? (earlier|previous) version of this (story|article)\b",
    re.IGNORECASE,
)
# A dateline standing alone: a place and/or agency ending in a dash ("Paris CNN —", "Reuters —").
_DATELINE = re.compile(r"^[^.!?]{0,80}\S\s*(—|–|--)$")
DATELINE_MAX_WORDS = 8
PROMO_MAX_WORDS = 60
NOTE_MAX_WORDS = 40


def is_boilerplate(text: str) -> bool:
    """Page furniture rather than the article: player and ad UI, promos, links, credits, datelines."""
    n = len(text.split())
    return bool(
        _PLAYER_UI.search(text)
        or _CLIP_TIMING.search(text)
        or (n <= PROMO_MAX_WORDS and _SIGN_UP.search(text) and _PROMO_CONTEXT.search(text))
        or _LINK_LABEL.match(text)
        or _SOCIAL.match(text)
        or (n <= NOTE_MAX_WORDS and (_CONTRIBUTORS.search(text) or _EDITORS_NOTE.match(text)))
        or (n <= DATELINE_MAX_WORDS and _DATELINE.match(text))
    )


# --- captions and credits ----------------------------------------------------------------------------

# One word of a photo credit: a capitalised name or acronym, a photo agency path ("Jane Doe/AP",
# "NASA/ESA/CSA"), a web address, or a joining word ("Office via AP", "Ministry of Commerce").
_CREDIT_WORD = re.compile(
    r"^(?:[A-Z0-9][\w.'’&-]*(?:/[\w.'’&-]+)*|[\w.-]+\.(?:com|org|net|gov|edu)(?:/\S*)?"
    r"|of|via|for|the|and|de|la|van|von|du|&)$"
)
_SLASH_CREDIT = re.compile(r"[A-Z][\w.'’-]*/[A-Z]")
_AGENCY = re.compile(
    r"\b(AP|Reuters|AFP|EPA|Getty Images|Bloomberg|Shutterstock|Alamy|Courtesy|Handout|Pool|File)\b"
)
CREDIT_MAX_WORDS = 8
# Where a caption's credit starts: after the caption's last sentence end.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")
# Words in a caption that only make sense beside a picture. Not "in this image": an article about a
# telescope's images says that in its body.
_PHOTO_CUE = re.compile(
    r",\s(?:from |far |second from |top |bottom |center |centre )?(?:left|right|center|centre)(?: to right)?,"
    r"|\((?:left|right|center|centre|top|bottom|front|back|l|r)\)"
    r"|\bin this (?:file |handout |undated |aerial )?photo(?:graph)?\b|\bphotos? taken (?:on|by|in)\b"
    r"|\(photo by\b|\bseen here\b",
    re.IGNORECASE,
)
CAPTION_CUE_MAX_WORDS = 60


def _is_credit(words: list[str]) -> bool:
    return (
        0 < len(words) <= CREDIT_MAX_WORDS
        and words[0][:1].isupper()
        and all(_CREDIT_WORD.match(w) for w in words)
    )


def credit_suffix(text: str) -> str | None:
    """The photo credit a caption ends with ("... on Monday. Jane Doe/Reuters" -> "Jane Doe/Reuters")."""
    if text.rstrip().endswith(tuple(_CLOSING + ",;:")):
        return None
    ends = [m for m in _SENTENCE_END.finditer(text) if not ends_with_abbreviation(text[: m.start() + 1])]
    if ends:
        tail = text[ends[-1].end() :].split()
        if _is_credit(tail):
            return " ".join(tail)
    # A credit glued on without a full stop still shows itself by its agency path ("... Jane Doe/AP").
    words = text.split()
    for size in range(min(CREDIT_MAX_WORDS, len(words) - 1), 0, -1):
        tail = words[-size:]
        if _is_credit(tail) and _SLASH_CREDIT.search(" ".join(tail)):
            return " ".join(tail)
    return None


def is_caption(text: str) -> bool:
    """A photo caption (ending in its credit, or worded as one) or a credit line standing alone."""
    words = text.split()
    joined = " ".join(words)
    if _is_credit(words) and (_SLASH_CREDIT.search(joined) or _AGENCY.search(joined)):
        return True
    if credit_suffix(text) is not None:
        return True
    return len(words) <= CAPTION_CUE_MAX_WORDS and bool(_PHOTO_CUE.search(text))


# --- subheads ----------------------------------------------------------------------------------------

QUESTION_SUBHEAD_MAX_WORDS = 12
SHOUTED_MAX_WORDS = 8
_OPENING_QUOTE = tuple("\"'“‘«")


def is_subhead(text: str, heading: bool, has_next: bool) -> bool:
    """A section heading: a heading-shaped line, a short question heading the section that answers it
    ("Where is the president?", "Q: Who qualifies?"), or a short all-capitals label ("TOP TIP")."""
    if heading:
        return True
    words = text.split()
    letters = [c for c in text if c.isalpha()]
    if len(words) <= SHOUTED_MAX_WORDS and len(letters) >= 3 and all(c.isupper() for c in letters):
        return True
    question = (
        has_next
        and text.rstrip().endswith("?")
        and len(words) <= QUESTION_SUBHEAD_MAX_WORDS
        and not text.startswith(_OPENING_QUOTE)
        and not _SENTENCE_END.search(text.rstrip())  # one sentence: "Really? Yes." is prose
    )
    return question or bool(re.match(r"^Q\s*[:.]\s", text))


# A subhead that asks without a question mark: "What lawmakers left out", "Why it matters", "How it works".
_ASKING = re.compile(r"^\s*(?:q\s*[:.]\s*)?(?:what|why|how|who|when|where|which)\b", re.IGNORECASE)


def asks(subhead: str) -> bool:
    """A subhead that asks what its section answers ("Who qualifies?", "What lawmakers left out"), unlike a
    label ("Benefits outweigh the risks") or a linked headline, which may head nothing in particular."""
    return subhead.rstrip().endswith("?") or bool(_ASKING.match(subhead))


# --- the classifier ----------------------------------------------------------------------------------


def classify_paragraph(text: str, *, heading: bool = False, has_next: bool = True) -> Role:
    """The role of one article paragraph. ``heading`` is the parser's layout judgement (a short line
    without closing punctuation that heads the next paragraph); ``has_next`` whether a paragraph follows."""
    if is_boilerplate(text):
        return "boilerplate"
    if is_caption(text):
        return "caption"
    if is_subhead(text, heading, has_next):
        return "subhead"
    return "body"


def classify_comment_paragraph(text: str, *, heading: bool = False) -> Role:
    """The role of a paragraph of a reader comment. Readers write freely ("Agreed. Well said Bob" would
    pass for a captioned credit), so only the unmistakable is marked: player/ad UI a reader pasted, and
    headings the parser found."""
    if _PLAYER_UI.search(text) or _CLIP_TIMING.search(text):
        return "boilerplate"
    return "subhead" if heading else "body"
