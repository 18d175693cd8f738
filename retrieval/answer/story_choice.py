"""Which story answers when several match: one story, retrieval's first (its title and words count, not
one sentence's) unless another is as strong; for "now", the newest that covers the question as fully."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from langchain_core.documents import Document

from retrieval.answer.asked_types import names_asked
from retrieval.answer.intent_vocabulary import STORY_REFERENCE
from retrieval.answer.intents import Intent
from retrieval.answer.scoring import ScoredSentence, focus_coverage
from retrieval.index.snapshot import Snapshot
from retrieval.text import terms

# The words of a reference to a piece that say what kind of piece, not which ("in the ... column").
PIECE_WORDS = frozenset(
    terms("in from of on about by the that this piece column article story op-ed oped editorial essay thread")
)

# The writer of a column named by it: "the liberals style columnist".
COLUMNIST = re.compile(r"\bcolumnist\b", re.IGNORECASE)


@dataclass(frozen=True)
class StoryChoice:
    min_support: float
    article_margin: float  # a reader's sentence leads over the article's only when this much better
    recent_window: float = 0.05  # "now" questions: the newest story within this much of the best answers
    tie_window: float = 0.0  # near-ties go to the newest story
    named_window: float = 0.1  # a story naming one of the kind asked for answers when this close to the best

    def choose(
        self,
        candidates: list[ScoredSentence],
        typed: list[ScoredSentence],
        story_of: list[str],
        kind_of: list[str],
        snapshot: Snapshot,
        intent: Intent,
        headlines: Mapping[str, float] | None = None,
    ) -> str:
        """Retrieval's first story (its title and words count, not one sentence's), unless another is as
        strong: as good a best sentence (giving what is asked, when the first story gives it) and more of
        the passages; or, when only readers answer in it, its article answers nearly as well. For "now",
        the newest of those covering the question's focus as fully whose best ``typed`` sentence
        (sentences come best first) is close. ``headlines``: how well each story's headline fits the
        question, which counts for its strength though a headline never answers."""
        best: dict[str, float] = {}
        carried: dict[str, float] = {}
        for found, sentences in ((best, candidates), (carried, typed)):
            for s in sentences:
                found.setdefault(story_of[s.passage], s.support)
        ranked = list(dict.fromkeys(story for story in story_of if story in best))
        top = ranked[0]
        # "Which singer will launch a Las Vegas residency": the story headlined "Adele las vegas residency"
        # is about it, though an obituary's "a long-running residency at the Flamingo Las Vegas" is closer
        # than its "Adele is returning to Las Vegas."
        headed = headlines or {}
        carried_or_headline = {story: max(s, headed.get(story, 0.0)) for story, s in carried.items()}
        best_or_headline = {story: max(s, headed.get(story, 0.0)) for story, s in best.items()}
        for story in ranked[1:]:
            # Strength is in giving what is asked (the number, the time): when the first story gives it too.
            # A first story that never does may still be the one asked about, and is not left for another
            # that merely holds some number: better "the story doesn't say" than the wrong story's figure.
            strength = carried_or_headline if top in carried else best_or_headline
            if strength.get(story, 0.0) >= strength[top] and story_of.count(story) > story_of.count(top):
                top = story
        names = names_asked(intent.question)
        naming = [story_of[s.passage] for s in candidates if names is not None and names(s.text)]
        # "Near which national park": a story naming one ("near Yosemite National Park") in a sentence close
        # to the best answers over one that names none, whose sentences only share the question's words.
        if naming and top not in naming:
            close = [story for story in naming if best[story] >= best[top] - self.named_window]
            top = close[0] if close else top
        if not intent.about_readers and not STORY_REFERENCE.search(intent.question):
            # What a story reports outranks what readers claim in another: when only readers say anything in
            # the first story (a thread repeating a claim), a story whose article answers nearly as well does
            # (unless the question names its piece: "who wrote the liberals style column").
            reported: dict[str, float] = {}
            for s in candidates:
                if kind_of[s.passage] == "article":
                    reported.setdefault(story_of[s.passage], s.support)
            floor = max(self.min_support, best[top] - self.article_margin)
            rivals = [st for st in ranked if reported.get(st, 0.0) >= floor]
            if reported.get(top, 0.0) < floor and rivals:
                top = rivals[0]
        if intent.wants_recent:
            cover = focus_coverage(intent.focus, snapshot.idf, snapshot.story_terms)
            close = [
                story
                for story in ranked
                if story == top
                or (carried.get(story, 0.0) >= best[top] - self.recent_window and cover(story) >= cover(top))
            ]
        else:
            close = [story for story in ranked if abs(best[story] - best[top]) <= self.tie_window]
        return max(close, key=lambda story: (published(snapshot, story), best[story]))


def textless_asked(documents: Sequence[Document], snapshot: Snapshot) -> int | None:
    """The passage of a page with no article text (a video page) that the question is about: retrieval's
    first, or the passage closest in meaning. Such a page is found by its title alone, which BM25 barely
    weighs against a story full of the question's words ("Ford recall" for "which automaker recalled 2.9
    million vehicles", against another maker's recall story). None when neither is such a page."""
    closest = max(range(len(documents)), key=lambda i: documents[i].metadata.get("dense", 0.0))
    for page in dict.fromkeys((0, closest)):
        entry = snapshot.manifest.story(documents[page].metadata["story"])
        if entry is not None and not entry.has_article_text:
            return page
    return None


def published(snapshot: Snapshot, story: str) -> str:
    entry = snapshot.manifest.story(story)
    return (entry.published or "") if entry else ""


def story_named(question: str, titles: Mapping[str, str]) -> str | None:
    """The one story whose title holds the words of the question's reference to a piece ("in the fire
    breathers column", "the gop piece"), as many as fit one title, from those nearest "column" back;
    None when the question makes no such reference, or no one title fits it. "The liberals style
    columnist" names the column."""
    for match in STORY_REFERENCE.finditer(COLUMNIST.sub("column", question)):
        words = [w for w in terms(match.group(0)) if w not in PIECE_WORDS]
        # The words nearest the piece name it: "the top comment on the gop piece" is the gop piece.
        for start in range(len(words)):
            named = set(words[start:])
            fits = [story for story, title in titles.items() if named <= set(terms(title))]
            if len(fits) == 1:
                return fits[0]
    return None


def only_the_piece(question: str, asked: str, title: str) -> bool:
    """What ``question`` asks about (``asked``, its framing removed) is only its reference to the piece
    titled ``title``: "what do readers think of the tories gop column" asks about the whole thread, not
    about Tories."""
    return bool(STORY_REFERENCE.search(question)) and headlined(asked, title)


def headlined(asked: str, title: str) -> bool:
    """Every word of what a question asks about (``asked``) is in the headline ``title``: "public inquiry
    into the media" of "Canada's media: A crisis that cries out for a public inquiry"."""
    named = set(terms(asked))
    return bool(named) and named <= set(terms(title))


def newest_covering(stories: list[str], focus: tuple[str, ...], snapshot: Snapshot) -> str:
    """Of ``stories`` (retrieval's order, the first best), the newest that uses the question's ``focus`` as
    fully as the first: "tldr on the latest monkeypox news" is the newest story on monkeypox."""
    cover = focus_coverage(focus, snapshot.idf, snapshot.story_terms)
    full = cover(stories[0])
    return max((st for st in stories if cover(st) >= full), key=lambda st: published(snapshot, st))


def thread_on(focus: Sequence[str], snapshot: Snapshot) -> str | None:
    """The story whose readers dwell most on ``focus`` (the mean BM25 of its comments, so a long thread
    with a few mentions loses to a short one about it): "what do the commenters think of trudeau's govt"
    asks about the comments on the government, not the column on the media that names it once. None when
    fewer than two stories have comments, or no comment is on it."""
    comments = snapshot.comments
    if len(comments) < 2 or not focus:
        return None
    weight: Counter[str] = Counter()
    for i, score in snapshot.bm25(list(focus), len(snapshot.passages), kind="comment"):
        weight[snapshot.passages[i].story] += score
    dwelt = {story: weight[story] / len(own) for story, own in comments.items() if weight[story] > 0}
    return max(dwelt, key=lambda story: dwelt[story]) if dwelt else None
