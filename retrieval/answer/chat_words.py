"""Chat spelling: the way people type in a Discord channel, spelled out for retrieval and intents.

"wat r ppl saying abt the govt rn lol" becomes "what are people saying about the government right now":
abbreviations and apostrophe-less contractions are spelled out, filler ("lol", "pls") is dropped, and
every other word keeps its case, so capitalised names still read as names. "us" typed for the country
becomes "US"; emphasis ("even", "actually", "in the first place") goes with the filler.
"""

from __future__ import annotations

import re

from retrieval.text import normalise

# Chat spellings and abbreviations, one word each, with what they stand for. Only forms that are not
# also ordinary English words ("its", "were", "ill", "lets" stay as typed).
CHAT_WORDS: dict[str, str] = {
    "ppl": "people",
    "ppls": "people",
    "peeps": "people",
    "u": "you",
    "ur": "your",
    "r": "are",
    "y": "why",
    "n": "and",
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "wot": "what",
    "wen": "when",
    "whn": "when",
    "wher": "where",
    "whats": "what is",
    "wats": "what is",
    "whos": "who is",
    "hows": "how is",
    "wheres": "where is",
    "whens": "when is",
    "whys": "why is",
    "whatre": "what are",
    "theres": "there is",
    "thats": "that is",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "cant": "can not",
    "wont": "will not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "shouldnt": "should not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "aint": "is not",
    "im": "i am",
    "ive": "i have",
    "youre": "you are",
    "theyre": "they are",
    "shes": "she is",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "kinda": "kind of",
    "sorta": "sort of",
    "dunno": "do not know",
    "bc": "because",
    "b/c": "because",
    "cuz": "because",
    "coz": "because",
    "cos": "because",
    "bcuz": "because",
    "tho": "though",
    "thru": "through",
    "abt": "about",
    "bout": "about",
    "w/": "with",
    "w": "with",  # "agree w the column" (a capital W is an initial: "George W. Bush")
    "w/o": "without",
    "rn": "right now",
    "atm": "at the moment",
    "b4": "before",
    "2day": "today",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "fr": "for real",
    "srsly": "seriously",
    "govt": "government",
    "nyc": "New York City",
    "gov't": "government",
    "gvt": "government",
    "govts": "governments",
    "admin": "administration",
    "prez": "president",
    "pres": "president",
    "dept": "department",
    "intl": "international",
    "natl": "national",
    "avg": "average",
    "helo": "helicopter",
    "helos": "helicopters",
    "approx": "approximately",
    "info": "information",
    "yr": "year",
    "yrs": "years",
    "mil": "million",
    "bil": "billion",
    "libs": "liberals",
    "dems": "democrats",
    "repubs": "republicans",
    "diff": "difference",
    "prob": "probably",
    "probs": "probably",
    "smth": "something",
    "sth": "something",
    "eli5": "explain like i am five",
    "imo": "in my opinion",
    "imho": "in my opinion",
    "tbh": "to be honest",
    "idk": "i do not know",
    "ngl": "not going to lie",
    "nah": "no",
    "yea": "yes",
    "yeah": "yes",
    "yep": "yes",
    "yup": "yes",
    "wtf": "what",
    # Countries typed in lower case: never an ordinary word ("us" is, so it has its own rule below).
    "usa": "USA",
    "uk": "UK",
    "eu": "EU",
}

# Words that carry nothing but tone; dropped so they reach neither retrieval nor the question's focus.
FILLER = frozenset(
    "lol lols lmao lmfao rofl haha hahaha hehe xd pls plz plss pleas please thx thanks ty bruh bro dude "
    "omg smh um uh umm hmm hm yo hey hi ok okay k".split()
)

# A word as typed, with the "/" and "'" of "b/c", "w/o" and "gov't", and the stops after it (they go
# with filler: "lol."). A chat word stands alone, not inside "U.S.", "R&B", "e-mail" or "a.m." (letters
# joined by those marks). Words are looked up one by one: an alternation of every chat word is slower.
_TYPED_WORD = re.compile(r"(?<![\w.&'-])([\w/']+)(?![\w&'-]|\.\w)([.!]*)")
# "what's", "who's", "it's": only these words take an "'s" that means "is" rather than a possessive.
_IS_CONTRACTION = re.compile(r"\b(what|who|where|when|why|how|that|there|here|it|he|she)'s\b", re.IGNORECASE)
# Negations and the other unambiguous contractions, spelled out: "didn't" -> "did not".
_NOT_CONTRACTION = re.compile(r"\b(ca|wo|\w+)n't\b", re.IGNORECASE)
_OTHER_CONTRACTION = re.compile(r"\b(\w+)'(re|ve|m|ll|d)\b", re.IGNORECASE)
_CONTRACTED = {"re": "are", "ve": "have", "m": "am", "ll": "will", "d": "would"}
# "us" typed for the country: "in the us", "us troops". The pronoun never follows "the" and never comes
# before a noun of state.
_COUNTRY_US = re.compile(
    r"(?<=\bthe )us\b(?!-)|\bus(?= (?:troops?|forces|military|army|navy|government|officials?|president|"
    r"soldiers|embassy|economy|citizens|dollars?|senate|congress|election|border|states|intelligence|"
    r"strikes?|airstrikes?|drones?|coalition|authorities|sanctions|ambassador|diplomats?|allies)\b)"
    r"|\bus(?=-(?:led|based|backed)\b)",
    re.IGNORECASE,
)
# "pm" typed for a prime minister ("iraq's pm", "the uk pm"), not a time of day ("5 pm", "at 10 pm ET").
_PRIME_MINISTER = re.compile(
    r"(?<![\d:])(?<!\d )\bpm\b(?!\s*(?:et|pt|ct|est|pst|edt|pdt|gmt|utc)\b)", re.IGNORECASE
)
# Emphasis that asks nothing: "why were they even there in the first place", "are they actually leaving".
_EMPHASIS = re.compile(
    r",?\s*\b(?:in the first place|anyways?|at all|(?:even|actually|exactly)(?= \w))\b", re.IGNORECASE
)
# "end up" before what happened asks what happened: "how did kasich end up doing" is "how did kasich do".
_END_UP = re.compile(r"\bend(?:s|ed)? up (?=\w+ing\b)", re.IGNORECASE)
# "like" before a number is a hedge ("like 100 million"), not the verb.
_HEDGE_LIKE = re.compile(r"\blike\s+(?=\d)", re.IGNORECASE)
# A request that wraps a question ("can someone explain what this story is about", "anyone know if the
# letter is real"): the question it wraps is what is asked.
_REQUEST = re.compile(
    r"^(?:(?:can|could|would|will) (?:someone|somebody|anyone|anybody|you|one of you) "
    r"(?:explain|tell (?:me|us)|say|let (?:me|us) know)(?: to me)?|"
    r"(?:does |do )?(?:anyone|anybody|someone|somebody) know|"
    r"i (?:wonder|want to know|would like to know|am wondering|am curious)|explain(?: like i am (?:five|5))?|"
    r"tell (?:me|us)|"
    r"let (?:me|us) know),?\s+(?=(?:how|what|where|when|why|who|which|if|whether)\b)",
    re.IGNORECASE,
)
# The wrapped question in the order of a statement, turned back into a question's: "what this story is
# about" -> "what is this story about", "if the letter is real" -> "is the letter real".
_STATED_ORDER = re.compile(
    r"^(?P<wh>(?:how|what|where|when|why|who) )?(?:if |whether )?(?P<subject>(?:the|this|that|these|those|"
    r"he|she|they|it|his|her|their|its|we|you)\b(?: [\w'-]+){0,5}?) "
    r"(?P<verb>is|are|was|were|will|has|have|can)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
# ... or with no auxiliary to move: "what the commenters think" -> "what do the commenters think".
_STATED_DOING = re.compile(
    r"^(?P<wh>how|what|why) (?P<subject>(?:the|these|those|they|people|readers|commenters|everyone|folks)\b"
    r"(?: [\w'-]+){0,3}? (?:think|feel|say|want|like|believe|make of)\b.*)$",
    re.IGNORECASE,
)
# ... and in the past: "how the us got zawahiri" -> "how did the us got zawahiri" (its words are what count).
_STATED_DONE = re.compile(
    r"^(?P<wh>how|what|why|where|when) (?P<subject>(?:the|they|he|she|it|we|people)\b(?: [\w'-]+){0,3}? "
    r"(?:[a-z]+ed|got|won|lost|made|took|gave|went|found|caught|left|sent|told|wrote|knew|began|ran)\b.*)$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t]+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")


def _expand_not(match: re.Match[str]) -> str:
    stem = match.group(1)
    full = {"ca": "can", "wo": "will"}.get(stem.lower(), stem)
    return f"{full} not"


def _spell_out(match: re.Match[str], drop_filler: bool) -> str:
    word = match.group(1)
    lower = word.lower()
    if drop_filler and lower in FILLER:
        return ""
    spelled = CHAT_WORDS.get(lower)
    # A capital single letter is an initial or a name ("Generation Y", "R. Kelly"), not chat.
    if spelled is None or (len(word) == 1 and word.isupper()):
        return match.group(0)
    return spelled + match.group(2)


def normalise_chat(text: str, *, drop_filler: bool = True) -> str:
    """``text`` with chat spelling spelled out ("ppl" -> "people", "rn" -> "right now", "didn't" -> "did
    not") and, unless ``drop_filler`` is false, filler words ("lol", "pls") dropped. Other words keep their
    case; typographic quotes are folded as ``retrieval.text.normalise`` does."""
    text = normalise(text)
    if "'" in text:
        text = _IS_CONTRACTION.sub(r"\1 is", text)
        text = _NOT_CONTRACTION.sub(_expand_not, text)
        text = _OTHER_CONTRACTION.sub(lambda m: f"{m.group(1)} {_CONTRACTED[m.group(2).lower()]}", text)
    text = _TYPED_WORD.sub(lambda match: _spell_out(match, drop_filler), text)
    text = _HEDGE_LIKE.sub("", text)
    text = _COUNTRY_US.sub("US", text)
    text = _PRIME_MINISTER.sub("prime minister", text)
    if drop_filler:
        text = _EMPHASIS.sub("", text)
        text = _END_UP.sub("", text)
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _SPACES.sub(" ", text).strip()
    if drop_filler and (request := _REQUEST.match(text)):
        text = _as_question(text[request.end() :])
    return text


def _as_question(asked: str) -> str:
    """The question a request wraps, in a question's order: "what this story is about" -> "what is this
    story about", "what the commenters think" -> "what do the commenters think"."""
    if (stated := _STATED_ORDER.match(asked)) and (
        stated["wh"] or asked.lower().startswith(("if", "whether"))
    ):
        return f"{stated['wh'] or ''}{stated['verb']} {stated['subject']}{stated['rest']}"
    if doing := _STATED_DOING.match(asked):
        return f"{doing['wh']} do {doing['subject']}"
    if done := _STATED_DONE.match(asked):
        return f"{done['wh']} did {done['subject']}"
    return asked
