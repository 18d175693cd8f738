"""The summarising service: a story's summary (``/summary``), and the answers that are summaries — "tl;dr",
"what do readers think", "do readers agree with the article", "what's the author's point".

Everything is composed from the story's digest (answer/digest.py: the article's thesis and points, the
readers' positions), built once per corpus version. With a language model, the article's points and the
readers' positions are the model's, checked like answers; any the model cannot supply or support are the
offline ones. Wording and lengths are in answer/overview.py; the answers' shapes in answer/shapes.py.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from retrieval.answer import outgoing, shapes
from retrieval.answer import overview as wording
from retrieval.answer.digest import DigestCache, StoryDigest
from retrieval.answer.llm import Usage
from retrieval.answer.llm_summary import LLMSummarizer, Statement, group_passages, render_statement
from retrieval.answer.summary import Point
from retrieval.errors import IndexEmptyError, QuestionError
from retrieval.index.manifest import StoryEntry
from retrieval.index.snapshot import Snapshot, SnapshotCache
from retrieval.index.store import ChromaStore
from retrieval.models import SCOPES, Answer, Mode, Scope, Summary, SummaryPoint, published_at

MODEL_ARTICLE_FAILED = (
    "The language model's article summary was unavailable or unsupported; these are the article's own key "
    "sentences."
)
MODEL_UNAVAILABLE = "The language model was unavailable for part of this summary."
READERS_WORDS = "Where the language model's statement was not supported, readers' own words are shown."
NO_COMMENTS = "This story has no reader comments."
SUMMARY_MAX_CHARS = 900


# What a summary keeps when it cannot keep everything: the thesis, the largest position, the article's
# next point, the next two positions (a thread's main positions are two or three), then turn about.
def _article_rank(i: int) -> int:
    return (0, 2, 5)[i] if i < 3 else 2 * i + 1


def _readers_rank(i: int) -> int:
    return (1, 3, 4)[i] if i < 3 else 2 * i + 2


_MARKER = re.compile(r"\[(\d+)\]")


class SummarisingService:
    def __init__(
        self,
        *,
        store: ChromaStore,
        snapshots: SnapshotCache,
        summarizer: LLMSummarizer | None,
        points: int,
    ) -> None:
        self.store = store
        self.snapshots = snapshots
        self.summarizer = summarizer
        self.points = points
        self.digests = DigestCache(store.piece_vectors, points)

    def prepare(self) -> int:
        """Digest every story of the served generation now (its article's points, its readers' positions),
        so the first summary or "tl;dr" after a start or a reload does not wait for it. Returns how many
        stories were digested."""
        snapshot = self.snapshots.current()
        for entry in snapshot.manifest.stories:
            self.digests.get(snapshot, entry.id)
        return len(snapshot.manifest.stories)

    # -- /summary ----------------------------------------------------------------------------------

    def summarize(self, scope: Scope = "all", story: str | None = None) -> Summary:
        started = time.perf_counter()
        if scope not in SCOPES:
            raise QuestionError(f"unknown summary scope '{scope}': use article, comments or all")
        snapshot = self.snapshots.current()
        digest = self.digests.get(snapshot, resolve_story(snapshot, story))
        usage, notes = Usage(), []
        lines: list[wording.Line] = []
        by_model = 0
        if scope in ("article", "all"):
            article, by_model = self._article_lines(digest, self.points, usage, notes)
            lines += [wording.Line(w, _article_rank(i), i, "article") for i, w in enumerate(article)]
        if scope in ("comments", "all"):
            positions = digest.readers.points[: min(self.points, shapes.READER_POSITIONS)]
            stated, model_stated = self._position_lines(digest, positions, usage)
            by_model += model_stated
            lines += [
                wording.Line(w, _readers_rank(i), 100 + i, "comments", p.size)
                for i, (p, w) in enumerate(stated)
            ]
        if scope in ("comments", "all") and digest.comment_count == 0:
            notes.append(NO_COMMENTS)
        if usage.failures:
            notes.append(MODEL_UNAVAILABLE)
        elif scope != "article" and self.summarizer is not None and by_model < len(lines):
            notes.append(READERS_WORDS)
        if story is None and len(snapshot.manifest.stories) > 1:
            notes.append(
                f"{len(snapshot.manifest.stories)} stories are loaded and none was named, so this summarises "
                f"the newest: {wording.story_label(digest.entry, digest.story)}."
            )
        refs = wording.Citations({digest.story: digest.entry.published if digest.entry else None})
        kept = wording.fit(lines, SUMMARY_MAX_CHARS, lambda texts: _summary_text(digest, scope, texts))
        points = [
            (line, SummaryPoint(text, tuple(dict.fromkeys(int(m) for m in _MARKER.findall(text))), line.size))
            for line, text in zip(kept, wording.write(kept, refs))
        ]
        seconds = time.perf_counter() - started
        summary = Summary(
            story=digest.story,
            story_title=digest.entry.title if digest.entry else digest.story,
            scope=scope,
            mode="llm" if by_model else "extractive",
            article_points=tuple(p for line, p in points if line.section == "article"),
            comment_points=tuple(p for line, p in points if line.section == "comments"),
            citations=refs.citations(),
            corpus_version=snapshot.corpus_version,
            comment_count=digest.comment_count,
            latency_ms=seconds * 1000,
            notes=tuple(notes),
            usage={**usage.to_dict(), "seconds": round(seconds, 2)} if self.summarizer is not None else {},
        )
        return outgoing.summary(summary, snapshot.withheld)

    # -- answers shaped as summaries ---------------------------------------------------------------

    def overview(self, question: str, story: str | None) -> Answer:
        """ "tl;dr", "summarize this": the story's thesis and two more points, and a line on readers."""
        started, snapshot, digest = self._start(story)
        usage: Usage = Usage()
        article, by_model = self._article_lines(digest, shapes.OVERVIEW_POINTS, usage, [])
        text, refs = shapes.overview(digest, article)
        answer = self._answer(question, text, refs, snapshot, started, usage, by_model)
        if not article:  # a page of boilerplate: nothing to summarise
            return replace(answer, abstained=True, reason="the story has no article text")
        return answer

    def readers_view(self, question: str, story: str | None, *, contrast: bool) -> Answer:
        """ "what do readers think" (the main positions, with the article's line after) or "do readers
        agree with the article" (the article's line first). A question about one thing in the story
        ("do commenters buy the insider's bailout argument?") gets the comments and the article sentence
        on that thing."""
        started, snapshot, digest = self._start(story)
        usage: Usage = Usage()
        focus = shapes.Focus.of(question, digest, self._embed)
        if focus is not None:
            text, refs = shapes.focused_readers(digest, focus, contrast=contrast)
            return self._answer(question, text, refs, snapshot, started, usage, 0)
        chosen = digest.readers.points[: shapes.READER_POSITIONS]
        stated, by_model = self._position_lines(digest, chosen, usage)
        text, refs = shapes.readers(
            digest, [w for _, w in stated], [p.size for p, _ in stated], contrast=contrast
        )
        return self._answer(question, text, refs, snapshot, started, usage, by_model)

    def thesis(self, question: str, story: str | None) -> Answer:
        """ "what's the author's point": the headline's claim and the sentence that states it; the article
        only."""
        started, snapshot, digest = self._start(story)
        text, refs = shapes.thesis(digest)
        return self._answer(question, text, refs, snapshot, started, Usage(), 0)

    # -- parts -------------------------------------------------------------------------------------

    def _start(self, story: str | None) -> tuple[float, Snapshot, StoryDigest]:
        started = time.perf_counter()
        snapshot = self.snapshots.current()
        return started, snapshot, self.digests.get(snapshot, resolve_story(snapshot, story))

    def _embed(self, text: str) -> Sequence[float]:
        embeddings = self.store.chunks.embeddings
        assert embeddings is not None, "the index's chunks are embedded with a model"
        return embeddings.embed_query(text)

    def _article_lines(
        self, digest: StoryDigest, k: int, usage: Usage, notes: list[str]
    ) -> tuple[list[wording.Write], int]:
        """Up to ``k`` points about the article, the thesis first; and how many the model wrote."""
        offline = [wording.article_line(s) for s in digest.article.points[:k]]
        if self.summarizer is None or not offline:
            return offline, 0
        body = [p for p in digest.passages if p.metadata.get("section") == "article"]
        written = [_statement_line(s) for s in self.summarizer.article(body, usage)[:k]]
        if written:
            return written, len(written)
        notes.append(MODEL_ARTICLE_FAILED)
        return offline, 0

    def _position_lines(
        self, digest: StoryDigest, positions: Sequence[Point], usage: Usage
    ) -> tuple[list[tuple[Point, wording.Write]], int]:
        """A line for each position: the model's statement of it when it has one that holds up, else the
        sentence that states it best; and how many the model stated."""
        out: list[tuple[Point, wording.Write]] = []
        by_model = 0
        for point in positions:
            statement = None
            if self.summarizer is not None:
                statement = self.summarizer.group(group_passages(point, digest.passages), usage)
            if statement is None:
                out.append((point, wording.position_line(point)))
            else:
                by_model += 1
                out.append((point, _statement_line(statement, point.size)))
        return out, by_model

    def _answer(
        self,
        question: str,
        text: str,
        refs: wording.Citations,
        snapshot: Snapshot,
        started: float,
        usage: Usage,
        by_model: int,
    ) -> Answer:
        mode: Mode = "llm" if by_model else "extractive"
        return Answer(
            question=question,
            answer=text,
            abstained=False,
            mode=mode,
            citations=refs.citations(),
            corpus_version=snapshot.corpus_version,
            latency_ms=(time.perf_counter() - started) * 1000,
            notes=(MODEL_UNAVAILABLE,) if usage.failures else (),
        )


def _statement_line(statement: Statement, size: int = 0) -> wording.Write:
    """A model's checked statement as a line; a readers' position says how many comments hold it."""

    def line(refs: wording.Citations) -> str:
        text, _ = render_statement(statement, refs.ref_of)
        for index, sentence in statement.verdict.quotes.items():
            refs.quote(statement.passages[index], sentence)
        # One comment's statement names its reader already ("A reader claims ..."); a group's says how
        # many hold it.
        return f"{text} ({wording.comments_count(size).lower()})" if size > 1 else text

    return line


def _summary_text(digest: StoryDigest, scope: Scope, texts: Sequence[tuple[str, str]]) -> str:
    """The summary's text as ``Summary.text`` lays it out, to measure it."""
    return Summary(
        story=digest.story,
        story_title="",
        scope=scope,
        mode="extractive",
        article_points=tuple(SummaryPoint(t, ()) for section, t in texts if section == "article"),
        comment_points=tuple(SummaryPoint(t, ()) for section, t in texts if section == "comments"),
        citations=(),
        corpus_version="",
    ).text


def _published(entry: StoryEntry) -> tuple[bool, datetime]:
    """When a story was published, to order stories by; one without a (readable) date is the oldest."""
    when = published_at(entry.published)
    if when is None:
        return False, datetime.min.replace(tzinfo=UTC)
    if not isinstance(when, datetime):
        when = datetime(when.year, when.month, when.day, tzinfo=UTC)
    return True, when


def resolve_story(snapshot: Snapshot, story: str | None) -> str:
    """The story named; else the only one loaded; else the newest by its ``published`` date (one with
    article text, when any has): a summary question with no story named is about the latest news."""
    if story is not None:
        snapshot.require_story(story)
        return story
    stories = snapshot.manifest.stories
    if not stories:
        raise IndexEmptyError("nothing is indexed yet: run `storybot ingest` (or /reload in Discord)")
    if len(stories) == 1:
        return stories[0].id
    candidates = [s for s in stories if s.has_article_text] or list(stories)
    return max(candidates, key=_published).id  # the first listed of equally new ones
