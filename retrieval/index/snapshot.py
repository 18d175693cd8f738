"""One process's view of the served generation: its passages, a BM25 index over them, and the manifest.

Every question pins one snapshot, so all of its retrieval reads the same generation. The pointer is
re-read from the store at most every ``ttl`` seconds; when another process (a shard) has reloaded, the
next question after that sees the new generation.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from retrieval.answer.bylines import ReadersByline, readers_byline
from retrieval.answer.hostility import Withheld, withhold
from retrieval.errors import IndexEmptyError, IndexSchemaError, IndexUnavailableError, UnknownStoryError
from retrieval.index.lexical import LexicalIndex, best
from retrieval.index.manifest import Manifest
from retrieval.index.passage import Passage
from retrieval.index.store import ChromaStore
from retrieval.text import STOPWORDS, plain_words, terms

log = logging.getLogger(__name__)

# A capitalised word that does not open a sentence: most likely a name.
_NAME_WORD = re.compile(r"\b[A-Z][a-z]{2,}\b")
# A run of capitalised words: a name of two ("New Hampshire", not "But Iowa") is what a question may
# abbreviate ("NH").
_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
# A headline made from a web address: a capital on its first word only.
_SLUG = re.compile(r"^\S+(?:\s+[^A-Z\s]\S*)*$")


@dataclass
class Snapshot:
    manifest: Manifest
    passages: list[Passage]
    by_id: dict[str, int] = field(init=False)
    withheld: Withheld = field(init=False)
    story_terms: dict[str, set[str]] = field(init=False)
    _bm25: LexicalIndex | None = field(init=False)
    # Each passage's story and kind as small integer codes: filtering BM25 to one story or kind is then an
    # integer comparison over the corpus, not a Python string comparison per passage.
    _story_of: np.ndarray = field(init=False)
    _kind_of: np.ndarray = field(init=False)
    _codes: dict[str, dict[str, int]] = field(init=False)

    def __post_init__(self) -> None:
        # Text that addresses the bot is judged once per served generation and kept out of everything
        # that reads the snapshot: retrieval, answers, summaries, authors (see answer/hostility.py).
        self.passages, self.withheld = withhold(self.passages)
        self.passages.sort(key=lambda p: (p.story, int(p.metadata["ordinal"])))
        self.by_id = {p.record_id: i for i, p in enumerate(self.passages)}
        # A story's title is stored once, in the manifest, not in each of its chunks: readers (BM25 below,
        # citations, prompts) find it in the passage's metadata as before.
        titles = {s.id: s.title for s in self.manifest.stories}
        for p in self.passages:
            p.metadata["title"] = titles.get(p.story, p.metadata.get("title", ""))
        # The title tells stories apart; a comment's author makes "what did NAME say" findable.
        tokenised = [
            terms(f"{p.metadata.get('title', '')}\n{p.metadata.get('author', '')}\n{p.text}")
            for p in self.passages
        ]
        self._bm25 = LexicalIndex(tokenised) if any(tokenised) else None
        self.story_terms = {}
        for p, toks in zip(self.passages, tokenised):
            self.story_terms.setdefault(p.story, set()).update(toks)
        stories: dict[str, int] = {}
        kinds: dict[str, int] = {}
        self._story_of = np.array([stories.setdefault(p.story, len(stories)) for p in self.passages], "i4")
        self._kind_of = np.array([kinds.setdefault(p.kind, len(kinds)) for p in self.passages], "i4")
        self._codes = {"story": stories, "kind": kinds}

    @property
    def generation(self) -> int:
        return self.manifest.generation

    @property
    def corpus_version(self) -> str:
        return self.manifest.corpus_version

    def idf(self, term: str) -> float:
        if self._bm25 is None:
            return 0.0
        # Terms the corpus never uses weigh as much as its rarest: a question about them is off-topic.
        return float(self._bm25.idf.get(term, self._bm25.max_idf))

    def knows(self, term: str) -> bool:
        """Some story uses ``term`` (a stemmed word, as ``retrieval.text.terms`` makes them)."""
        return self._bm25 is not None and term in self._bm25.idf

    def uses_word(self, word: str) -> bool:
        """Some story uses ``word``, lowercased, as written (not stemmed: "hocly" is not "hoc")."""
        return word in self._words

    def spelled_out(self, abbreviation: str) -> str | None:
        """The one two-word name of the stories' whose initials ``abbreviation`` is ("NH" -> "New
        Hampshire"); longer abbreviations ("DNA") are not guessed."""
        return self._names_by_initials.get(abbreviation.lower())

    @cached_property
    def _names_by_initials(self) -> dict[str, str]:
        # Only a question with an abbreviation the stories never use asks for these: gathered then, once.
        found: dict[str, set[str]] = {}
        for p in self.passages:
            for name in _NAME_RUN.findall(p.text):
                first, *rest = name.split()
                if len(rest) == 1 and first.lower() not in STOPWORDS:
                    found.setdefault(f"{first[0]}{rest[0][0]}".lower(), set()).add(name)
        return {initials: names.pop() for initials, names in found.items() if len(names) == 1}

    @cached_property
    def _words(self) -> frozenset[str]:
        # Only a question with a word the stories never use asks for these: gathered then, once.
        return frozenset(w for p in self.passages for w in _LOWER_WORD.findall(p.text.lower()))

    def bm25(
        self, query_terms: list[str], n: int, story: str | None = None, kind: str | None = None
    ) -> list[tuple[int, float]]:
        if self._bm25 is None or not query_terms:
            return []
        scores = self._bm25.scores(query_terms)
        for name, codes, value in (("story", self._story_of, story), ("kind", self._kind_of, kind)):
            if value is not None:
                scores = np.where(codes == self._codes[name].get(value, -1), scores, 0.0)
        return [(int(i), float(scores[i])) for i in best(scores, n)]

    def authors(self, story: str | None = None) -> list[str]:
        """The comment authors, in order of first comment (of one story, or of all)."""
        return self._authors.get(story, [])

    @cached_property
    def _authors(self) -> dict[str | None, list[str]]:
        """Every question asks for them: gathered once per served generation, per story and in all."""
        by_story: dict[str | None, dict[str, None]] = {None: {}}
        for p in self.passages:
            author = p.metadata.get("author")
            if p.metadata.get("section") == "comment" and author:
                by_story.setdefault(p.story, {})[author] = None
                by_story[None][author] = None
        return {story: list(found) for story, found in by_story.items()}

    @cached_property
    def article_words(self) -> dict[str, str]:
        """Each story's article as its words alone, lowercased, one space apart: what a reader's sentence is
        checked against for quoting it (see ``answer/leads.py``)."""
        found: dict[str, list[str]] = {}
        for p in self.passages:
            if p.metadata.get("section") == "article":
                found.setdefault(p.story, []).append(" ".join(plain_words(p.text)))
        return {story: " ".join(texts) for story, texts in found.items()}

    @cached_property
    def names(self) -> frozenset[str]:
        """The proper names the stories use, so a question typed in lowercase ("what did pompeo say") still
        names them: capitalised words whose lowercase form the stories never use ("Iraq", not the
        headline's "Letter"). A line typed all in lowercase (a reader who never uses capitals), or a
        headline with no capital past its first word (one made from a web address: "Mack rutherford
        youngest fly around world"), says nothing about which words are names."""
        capitalised: set[str] = set()
        lowercase: set[str] = set()
        for p in self.passages:
            capitalised.update(m.group(0) for m in _NAME_WORD.finditer(p.text))
            for line in p.text.splitlines():
                if line != line.lower() and not (line == p.metadata.get("title") and _SLUG.match(line)):
                    lowercase.update(_LOWER_WORD.findall(line))
        return frozenset(w for w in capitalised if w.lower() not in lowercase)

    @cached_property
    def comments(self) -> dict[str, list[Passage]]:
        """Each story's comment passages, in order (a story without comments has no entry)."""
        found: dict[str, list[Passage]] = {}
        for p in self.passages:
            if p.kind == "comment":
                found.setdefault(p.story, []).append(p)
        return found

    @cached_property
    def bylines(self) -> dict[str, ReadersByline]:
        """The writer each story's readers name, of the stories whose readers name one (see
        ``answer/bylines.py``)."""
        articles: dict[str, list[str]] = {}
        for p in self.passages:
            if p.kind == "article":
                articles.setdefault(p.story, []).append(p.text)
        found: dict[str, ReadersByline] = {}
        for entry in self.manifest.stories:
            comments = self.comments.get(entry.id)
            article = " ".join([entry.title, *articles.get(entry.id, [])])
            if comments and (byline := readers_byline(comments, article)):
                found[entry.id] = byline
        return found

    @cached_property
    def writers(self) -> list[ReadersByline]:
        """Each writer the readers name, once, with the other people of that surname named in any of their
        pieces' threads ("paul martin" is someone else wherever the readers of one piece say so)."""
        found: dict[str, ReadersByline] = {}
        for byline in self.bylines.values():
            if (known := found.get(byline.name)) is not None:
                byline = replace(byline, others=byline.others | known.others)
            found[byline.name] = byline
        return list(found.values())

    def by_comment_number(self, number: int, story: str | None = None) -> list[Passage]:
        """The passages of comment ``number`` (-1: the last comment; 0: the one with the most votes) of a
        story (the first, if none given)."""
        story = story or (self.passages[0].story if self.passages else None)
        comments = [p for p in self.passages if p.story == story and p.metadata.get("comment") is not None]
        if not comments:
            return []
        if number == 0:
            voted = [p for p in comments if p.metadata.get("votes") is not None]
            if not voted:
                return []
            number = int(max(voted, key=lambda p: p.metadata["votes"]).metadata["comment"])
        if number < 0:
            number = max(int(p.metadata["comment"]) for p in comments) + 1 + number
        return [p for p in comments if int(p.metadata["comment"]) == number]

    def by_author(self, author: str, story: str | None = None) -> list[Passage]:
        return [
            p
            for p in self.passages
            if p.metadata.get("section") == "comment"
            and p.metadata.get("author") == author
            and (story is None or p.story == story)
        ]

    def require_story(self, story: str) -> None:
        if self.manifest.story(story) is None:
            known = ", ".join(s.id for s in self.manifest.stories)
            raise UnknownStoryError(f"no story '{story}' in the index (stories: {known})")


class SnapshotCache:
    """Hands out the current snapshot; rebuilds it only when the served generation changes."""

    def __init__(
        self, store: ChromaStore, ttl_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.store = store
        self.ttl = ttl_seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._checked_at = float("-inf")

    def current(self) -> Snapshot:
        now = self.clock()
        snapshot = self._snapshot
        if snapshot is not None and now - self._checked_at < self.ttl:
            return snapshot
        with self._lock:
            if self._snapshot is not None and self.clock() - self._checked_at < self.ttl:
                return self._snapshot
            try:
                manifest = self.store.active()
            except IndexSchemaError:
                raise  # not an outage: serving the old snapshot would hide that the index moved on
            except Exception as exc:
                if self._snapshot is not None:
                    # The store is unreachable: keep answering from what we have rather than fail.
                    log.warning(
                        "cannot read the index pointer (%s); serving generation %d",
                        exc,
                        self._snapshot.generation,
                    )
                    return self._snapshot
                raise IndexUnavailableError(f"the index cannot be read: {exc}") from exc
            if manifest is None:
                raise IndexEmptyError("nothing is indexed yet: run `storybot ingest` (or /reload in Discord)")
            if self._snapshot is None or self._snapshot.generation != manifest.generation:
                self._snapshot = self._load(manifest)
            self._checked_at = self.clock()
            return self._snapshot

    def invalidate(self) -> None:
        self._checked_at = float("-inf")

    def _load(self, manifest: Manifest) -> Snapshot:
        started = time.perf_counter()
        passages = self.store.live_passages(manifest.generation)
        snapshot = Snapshot(manifest, passages)
        log.info(
            "serving generation %d (corpus %s, %d passages, loaded in %.0f ms)",
            manifest.generation,
            manifest.corpus_version,
            len(passages),
            (time.perf_counter() - started) * 1000,
        )
        return snapshot
