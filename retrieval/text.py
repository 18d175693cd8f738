"""Text primitives shared by chunking, BM25 and answer scoring: sentences, terms, names and numbers."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

import snowballstemmer

# Sentence splitting lives in retrieval.sentences; its callers have always imported it from here.
from retrieval.sentences import sentence_spans as sentence_spans
from retrieval.word_forms import BASE_FORM, IDIOMS, PHRASAL_FORM

# Function words and question words: they carry no topic, so neither BM25 nor the support score counts them.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "else",
        "ever",
        "every",  # a quantifier, as "all" and "each" are: "every other budget" is "all the other budgets"
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "let",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "per",  # "per the article", "per jimmy carter": who says so, never what is asked
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "s",
        "t",
        "d",
        "ll",
        "m",
        "re",
        "ve",
        "don",
        "didn",
        "doesn",
        "isn",
        "wasn",
        "weren",
        "wouldn",
        "shouldn",
        "couldn",
        "hasn",
        "haven",
        "hadn",
        "one",
        "ones",
        "say",
        "says",
        "said",
        "tell",
        "told",
        "according",
        "story",
        "article",
        "reader",
        "readers",
        "comment",
        "comments",
    ]
)
_QUESTION_WORDS = frozenset(
    [
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
    ]
)

_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)+|[a-z0-9]+")
_WONT = re.compile(r"\bwon't\b", re.IGNORECASE)
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d{3}\b)")
_US = re.compile(r"\bU\.?S\.?(?=\W|$)(?!\w)|\bUnited States\b")
_CAPITALISED = re.compile(r"\b(?:[A-Z][a-z]+(?:['’][a-z]+)?|[A-Z]{2,}|[A-Z]\.(?:[A-Z]\.)+)")
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_IDIOM = re.compile(r"\b(?:" + "|".join(k.replace(" ", r"\s+") for k in IDIOMS) + r")\b")


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def normalise(text: str) -> str:
    """Fold typographic quotes and compatibility characters so 'Baghdad’s' and "Baghdad's" match."""
    text = unicodedata.normalize("NFKC", text)
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _raw_tokens(text: str) -> list[str]:
    text = _US.sub(" USA ", normalise(text))
    # "won't" would split into "won" and "t", making the verb "won" (who won?) a stop word.
    text = _WONT.sub("will not", text)
    text = _DIGIT_COMMA.sub("", text).lower()
    text = _IDIOM.sub(lambda m: IDIOMS[" ".join(m.group(0).split())], text)
    return _TOKEN.findall(text)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def terms(text: str) -> list[str]:
    """Content terms of ``text``: lowercased, stop words dropped, stemmed (Snowball). The BM25 vocabulary."""
    return list(_terms(text))


# Answering reads the same passages' sentences question after question: their terms are remembered.
@lru_cache(maxsize=32768)
def _terms(text: str) -> tuple[str, ...]:
    tokens = _raw_tokens(text)
    return tuple(
        _stem(PHRASAL_FORM.get((w, after), BASE_FORM.get(w, w)))
        for w, after in zip(tokens, [*tokens[1:], ""])
        if w not in STOPWORDS
    )


# Too common to tell a story apart: every US story can say "US", "American" or "United States" or not.
GENERIC_NAMES = frozenset({"usa", "american", "america"})


def key_terms(question: str) -> set[str]:
    """Names and numbers the question is about: a supporting passage must mention them.

    Capitalised words count unless they open the question or are question words; so do acronyms and years.
    """
    text = _US.sub("USA", normalise(question)).strip()
    found: set[str] = set()
    for match in _CAPITALISED.finditer(text):
        word = match.group(0)
        if match.start() == 0 or word.lower() in _QUESTION_WORDS:
            continue
        found.update(terms(word))
    # Years pin a question to a time; other numbers are often phrased differently ("six decades").
    found.update(match.group(0) for match in _YEAR.finditer(text))
    return found - GENERIC_NAMES


def words(text: str) -> int:
    return len(text.split())


_PLAIN_WORD = re.compile(r"[\w'’-]+")


def plain_words(text: str) -> list[str]:
    """``text``'s words as written, lowercased, without quotation marks around them: what is compared when
    a reader's sentence may repeat the article's words."""
    return [w for w in (m.strip("'’") for m in _PLAIN_WORD.findall(text.lower())) if w]


# Where a long sentence may be cut for embedding: after a clause-ending comma, semicolon or colon (with
# any closing quote), before a dash, and before a run-on "However".
_CLAUSE_CUT = re.compile(r"[,;:][\"”’']?(?=\s)|(?=\s[–—-]\s)|(?=\sHowever\b)")
PIECE_MAX_WORDS = 25
PIECE_MIN_WORDS = 8


def embedding_pieces(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Split a long sentence into clause-sized pieces for embedding; short sentences stay whole.

    A small embedding model averages over every token, so one clause that answers a question is drowned
    by the rest of a 60-word sentence. Clauses packed into pieces of at most 25 words keep each one's
    meaning visible while the text is still embedded exactly once (no overlap, no extra cost).
    """
    start, end = span
    sentence = text[start:end]
    if words(sentence) <= PIECE_MAX_WORDS:
        return [span]
    cuts = [0, *(m.end() for m in _CLAUSE_CUT.finditer(sentence)), len(sentence)]
    fragments = []
    for a, b in pairwise(cuts):
        piece = sentence[a:b]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            fragments.append((a + lead, a + len(piece.rstrip())))
    pieces: list[tuple[int, int]] = []
    for a, b in fragments:
        if pieces and words(sentence[pieces[-1][0] : b]) <= PIECE_MAX_WORDS:
            pieces[-1] = (pieces[-1][0], b)
        else:
            pieces.append((a, b))
    if len(pieces) > 1 and words(sentence[pieces[-1][0] : pieces[-1][1]]) < PIECE_MIN_WORDS:
        last = pieces.pop()
        pieces[-1] = (pieces[-1][0], last[1])
    return [(start + a, start + b) for a, b in pieces]


def shingles(text: str, size: int) -> set[tuple[str, ...]]:
    """Every run of ``size`` consecutive words: what "repeats the prompt" means, for the streaming guard
    and the final checker alike."""
    tokens = re.findall(r"[a-z0-9']+", normalise(text).casefold())
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def digest(data: str | bytes) -> str:
    """SHA-256 in hex: the one content hash behind file, chunk, text and corpus versions."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 comment", "3 comments"; ``many`` for an irregular plural ("2 stories")."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
