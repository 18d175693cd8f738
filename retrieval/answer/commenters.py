"""Which comment author a question asks about: by name ("what did mark shor say", "jimbo's take",
"comments by DangerN", "@r_w"), matched loosely against the story's comment authors (case, accents, a
handle's trailing digits and typos aside), or by position ("the second commenter", "comment #3").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from retrieval.answer.chat_words import normalise_chat
from retrieval.answer.intent_vocabulary import STORY_REFERENCE
from retrieval.text import STOPWORDS, normalise

# -- phrasings ----------------------------------------------------------------------------------------

MOST_VOTED = 0  # comment "number" 0: the story's comment with the most votes
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "seventh": 7,
    "7th": 7,
    "eighth": 8,
    "8th": 8,
    "ninth": 9,
    "9th": 9,
    "tenth": 10,
    "10th": 10,
    "last": -1,
    "latest": -1,
}
# Not a position (comments count from 1): the comment with the most votes, when the story counts them.
_TOP = ("top", "top rated", "highest rated", "most upvoted", "most voted", "most liked", "most popular")
# A commenter by position: "the second commenter", "the last comment", "comment #3", "commenter 2"; or
# the top comment (one: "the top comments" are the readers' main positions).
_NTH_COMMENT = re.compile(
    r"\b(?P<ord>" + "|".join(_ORDINALS) + r") (?:comment(?:er)?|reply|poster|person to comment)s?\b"
    r"|\b(?P<top>" + "|".join(sorted(_TOP, key=len, reverse=True)) + r") (?:comment(?:er)?|reply|poster)\b"
    r"|\bcomment(?:er)? (?:#|no\.? ?|number )?(?P<num>\d{1,3})\b"
)
_SPEECH = (
    r"(?:say|said|saying|says|write|wrote|writing|post|posted|posting|comment|commented|commenting|"
    r"think|thinks|mean|meant|argue|argued|arguing|reply|replied|respond|responded|complain|complained|"
    r"complaining|claim|claimed|claiming|talk|talking|rant|ranting|have to say|got to say|"
    # What a reader thought of something is in what they wrote: "why didn't NAME like the column".
    r"like|dislike|hate|love|agree|disagree|feel|believe|support|oppose|object)"
)
# Where a question puts a speaker's name: "what did NAME say", "did NAME comment on", "NAME's take",
# "comments by NAME", "@NAME". The name is then matched against the story's comment authors.
_NAMED_SPEAKER = (
    re.compile(
        rf"\b(?:what|how|why) (?:did|does|do|has|have|is|was|were|are)(?: not)? (?P<name>[^,;?!]{{2,60}}?) "
        rf"{_SPEECH}\b(?P<rest>.*)"
    ),
    re.compile(rf"^(?:did|does|has|have) (?P<name>[^,;?!]{{2,60}}?) {_SPEECH}\b(?P<rest>.*)"),
    # "NAME's take": the name is the words before the noun (found from the noun: a name-first pattern
    # would backtrack over every word of a long question).
    # The word before the noun may say what about: "mark shore waterboarding comment?".
    re.compile(
        r"(?:'s|s')? (?P<about>\w+ )?(?:comments?|posts?|take|point|argument|opinion|views?|problem|issue|"
        r"beef|complaint|replies|reply|response|gist|position|thoughts|stance)\b(?P<rest>.*)"
    ),
    re.compile(r"\b(?:comments?|posts?|replies|reply) (?:by|from) (?P<name>(?:[@\w.-]+ ?){1,4})(?P<rest>.*)"),
    re.compile(r"@(?P<name>[\w.-]+)(?P<rest>.*)"),
)
# Words before "comment" that say which comment, not what about ("his main point", "her last post").
_NOT_TOPICS = frozenset(
    "main last first latest top whole original long big real actual other overall general basic".split()
)
_DETERMINERS = frozenset("the a an this that these those his her their its my our your".split())
# Who a speaker can be without being a comment author: pronouns and the roles other intents cover.
_NOT_NAMES = frozenset(
    "people readers reader commenters commenter commentators everyone everybody folks others they he she "
    "it you we i him her them someone somebody anyone author writer columnist journalist reporter op "
    "article story piece column comments comment thread main whole".split()
)


def commenter_asked(
    raw: str, text: str, low: str, authors: Collection[str], names: Collection[str]
) -> tuple[str, tuple[str, ...], int | None] | None:
    """(what is asked about them, matching authors, position) when the question asks what a comment author
    said; what is asked is the rest of the question ``text``, its framing still on it ("" when none)."""
    if nth := _NTH_COMMENT.search(low):
        if nth.group("ord"):
            number = _ORDINALS[nth.group("ord")]
        else:
            number = MOST_VOTED if nth.group("top") else int(nth.group("num"))
        # "the top comment on the media piece": the piece is the story, not what the comment is about.
        rest = STORY_REFERENCE.sub(" ", text[nth.end() :])
        about = re.match(r"\W*(?:'s|s')?\s*(?:\w+ )?(?:about|on|regarding)\b", rest)
        return (rest if about else ""), (), number
    if not authors:
        return None
    known = _folded(frozenset(names))
    # Names as typed first: chat spelling can eat part of a handle ("r w" is not "are w").
    for source in dict.fromkeys((normalise(raw).lower().strip(), low)):
        for pattern in _NAMED_SPEAKER:
            for match in pattern.finditer(source):
                span = match.group("name") if "name" in pattern.groupindex else source[: match.start()]
                if found := _match_authors(span, tuple(authors), known):
                    about = match.groupdict().get("about") or ""
                    about = "" if about.strip() in _NOT_TOPICS else about
                    return normalise_chat(about + match.group("rest")), found, None
    return None


def _fold(name: str) -> str:
    """A name as compared: no accents, case, possessive, punctuation, underscores or leading "the"."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    name = re.sub(r"['’]s\b", "", name)
    name = " ".join(re.findall(r"[a-z0-9]+", name))
    return name.removeprefix("the ")


@lru_cache(maxsize=8)
def _folded(names: frozenset[str]) -> frozenset[str]:
    """A story's names folded once per served generation, not once per question."""
    return frozenset(_fold(n) for n in names)


@dataclass(frozen=True)
class _Author:
    name: str
    tokens: tuple[str, ...]
    squashed: str  # "dangern", "jasonargo"
    bare: str  # without trailing digits: "Jimbo5" is "jimbo" to a person typing it


@lru_cache(maxsize=64)
def _authors_by_letter(authors: tuple[str, ...]) -> dict[str, tuple[_Author, ...]]:
    """The authors under each letter a typed name of theirs can start with: the first letter of the
    name and of its surname (every match below keeps the first letter, typos included)."""
    index: dict[str, list[_Author]] = {}
    for name in authors:
        folded = _fold(name)
        if folded and folded not in ("removed", "deleted"):
            squashed = folded.replace(" ", "")
            author = _Author(name, tuple(folded.split()), squashed, squashed.rstrip("0123456789"))
            for letter in dict.fromkeys((squashed[0], author.tokens[-1][0])):
                index.setdefault(letter, []).append(author)
    return {letter: tuple(group) for letter, group in index.items()}


def _name_candidates(span: str) -> Iterator[list[tuple[str, bool]]]:
    """Word runs of a name span by length, longest first ("the guy mark shore" yields "mark shore" among
    its pairs), each with whether a determiner opens it or comes before it ("the government", "iran's
    government": no first name)."""
    words = span.strip().split()[-6:]
    for size in range(min(len(words), 4), 0, -1):
        yield [
            (" ".join(words[i : i + size]), (i > 0 and _determiner(words[i - 1])) or words[i] in _DETERMINERS)
            for i in range(len(words) - size + 1)
        ]


def _determiner(word: str) -> bool:
    """ "the", "his", or a possessive ("iran's government")."""
    return word in _DETERMINERS or word.endswith(("'s", "s'"))


def _match_authors(span: str, authors: tuple[str, ...], known_names: frozenset[str]) -> tuple[str, ...]:
    """The comment authors a name span refers to: the best loose match of its longest matching word run
    ("mark shor" before "mark"), with all authors tied for it."""
    index = _authors_by_letter(authors)
    for candidates in _name_candidates(span):
        best, found, as_typed = 0.0, [], set()
        for candidate, determined in candidates:
            folded = _fold(candidate)
            if not folded or folded in _NOT_NAMES or folded in STOPWORDS:
                continue
            for author in index.get(folded[0], ()):
                score = _name_score(folded, author)
                # Only a whole name can follow "the": "the government" is not "Government Surveillance".
                if determined and score < 1.0:
                    continue
                # A loose match on a name the story itself uses ("canada" vs "Canada1") is that name.
                if score < 1.0 and folded in known_names:
                    continue
                if score > best:
                    best, found = score, [author.name]
                elif score == best and score > 0 and author.name not in found:
                    found.append(author.name)
                if author.name.casefold() == candidate.casefold():
                    as_typed.add(author.name)
        # "r-w" beside "R_W": the handle spelled as typed is the one meant.
        typed = [name for name in found if name in as_typed]
        if found:
            return tuple(typed) if len(typed) == 1 else tuple(found)
    return ()


def _name_score(folded: str, author: _Author) -> float:
    """How well a typed name fits an author: 1 exact (case, spaces and underscores aside), 0.98 without
    the handle's trailing digits, 0.95 a first name, 0.9 a surname, below that a near spelling (typos) of
    at least five letters."""
    squashed = folded.replace(" ", "")
    if squashed == author.squashed and len(squashed) >= 2:
        return 1.0
    if squashed == author.bare and len(squashed) >= 3:
        return 0.98
    single = " " not in folded
    if single and len(author.tokens) > 1 and len(squashed) >= 3:
        if squashed == author.tokens[0]:
            return 0.95
        if squashed == author.tokens[-1] and len(squashed) >= 4:
            return 0.9
    if len(squashed) < 5:
        return 0.0
    targets = [author.squashed, author.bare]
    if single and len(author.tokens) > 1 and len(author.tokens[0]) >= 5:
        targets.append(author.tokens[0])
    ratio = max(_similarity(squashed, target) for target in targets)
    return 0.85 * ratio if ratio >= 0.85 else 0.0


def _similarity(a: str, b: str) -> float:
    # Typos spare a name's first letter, and lengths bound the ratio: both rule out most authors before
    # difflib's comparison, which costs far more than the rest of recognising a question.
    if not b or a[0] != b[0] or 2 * min(len(a), len(b)) < 0.85 * (len(a) + len(b)):
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio() if matcher.quick_ratio() >= 0.85 else 0.0
