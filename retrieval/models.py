"""What the core hands to its callers (the CLI, the Discord bot, the benchmarks): plain data."""

from __future__ import annotations

from collections.abc import Generator, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal, get_args

from retrieval.audit import ReloadRecord

Mode = Literal["extractive", "llm"]
Section = Literal["article", "note", "comment"]
Scope = Literal["article", "comments", "all"]  # what a summary covers
SCOPES: tuple[str, ...] = get_args(Scope)


@dataclass(frozen=True)
class Locator:
    """Where a passage sits in its story, as data: the edge decides how to show it."""

    section: Section
    paragraphs: tuple[int, int] | None = None  # first and last article paragraph (1-based)
    lead: tuple[str, ...] = ()  # "headline" and/or "standfirst" when the passage holds them
    comment: int | None = None  # the comment's number in the thread
    author: str | None = None
    reply_to: int | None = None
    part: int | None = None  # part k of n of a paragraph or comment split over several passages
    parts: int | None = None

    @classmethod
    def from_metadata(cls, meta: Mapping[str, Any]) -> Locator:
        first, last = meta.get("para_first"), meta.get("para_last")
        lead = meta.get("lead", "")
        return cls(
            section=meta.get("section", "comment" if meta.get("kind") == "comment" else "article"),
            paragraphs=(int(first), int(last)) if first is not None and last is not None else None,
            lead=tuple(lead.split(",")) if lead else (),
            comment=meta.get("comment"),
            author=meta.get("author"),
            reply_to=meta.get("reply_to"),
            part=meta.get("part"),
            parts=meta.get("parts"),
        )


@dataclass(frozen=True)
class Backend:
    """Where the index lives: this process's local store, or a Chroma server at ``url``."""

    kind: Literal["local", "server"]
    url: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Turn:
    """An earlier question and answer in the same conversation (a Discord thread)."""

    question: str
    answer: str = ""


@dataclass(frozen=True)
class Citation:
    """A passage an answer rests on. ``ref`` is the number of its ``[n]`` marker in the answer."""

    ref: int
    story: str
    kind: Literal["article", "comment"]
    where: str  # the passage's locator in words, as the JSON contract and the prompt give it
    text: str
    score: float
    locator: Locator
    story_title: str = ""
    record_id: str = ""
    quote: str = ""  # the sentences the answer took from this passage
    story_published: str | None = None  # the story's date (ISO), when it has one

    @property
    def is_comment(self) -> bool:
        return self.kind == "comment"

    @property
    def published_at(self) -> date | datetime | None:
        return published_at(self.story_published)

    @classmethod
    def of(cls, ref: int, metadata: Mapping[str, Any], text: str, score: float, quote: str = "") -> Citation:
        """The citation of a stored passage, from its metadata."""
        return cls(
            ref=ref,
            story=metadata["story"],
            kind=metadata["kind"],
            where=metadata["where"],
            text=text,
            score=float(score),
            locator=Locator.from_metadata(metadata),
            story_title=metadata.get("title", ""),
            record_id=metadata.get("record_id", ""),
            quote=quote,
        )

    @property
    def author(self) -> str | None:
        return self.locator.author

    @property
    def comment(self) -> int | None:
        return self.locator.comment

    def to_dict(self) -> dict:
        return {
            "ref": self.ref,
            "story": self.story,
            "kind": self.kind,
            "where": self.where,
            "text": self.text,
            "score": round(self.score, 4),
            **({"quote": self.quote} if self.quote else {}),
        }


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    abstained: bool
    mode: Mode
    citations: tuple[Citation, ...]
    corpus_version: str
    latency_ms: float
    unsupported: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    reason: str = ""  # why the answer abstained, for logs and debugging
    corpus_stories: int = 1  # how many stories the answer was chosen from: above one, say which story

    def to_dict(self) -> dict:
        data = {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "mode": self.mode,
            "citations": [c.to_dict() for c in self.citations],
            "corpus_version": self.corpus_version,
            "latency_ms": round(self.latency_ms, 2),
        }
        if self.mode == "llm" or self.unsupported:
            data["unsupported"] = list(self.unsupported)
        if self.notes:
            data["notes"] = list(self.notes)
        if self.reason:
            data["reason"] = self.reason
        return data


class AnswerStream:
    """An answer as it is made: iterate for the language model's draft, then ask for the checked Answer.

    Each string iteration gives is the whole draft safe to show so far (complete sentences, none carrying
    a reader's injected payload); it is unchecked. ``answer()`` finishes the stream if need be and returns
    what survived the citation check: that is what must be shown in the end. Without a language model
    there is no draft and iteration yields nothing.
    """

    def __init__(self, events: Generator[str, None, Answer]) -> None:
        self._events = events
        self._answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        if self._answer is not None:
            return
        try:
            while True:
                yield next(self._events)
        except StopIteration as done:
            self._answer = done.value

    def close(self) -> None:
        """Stop early: the model's stream is closed at its next piece of text."""
        self._events.close()

    def answer(self) -> Answer:
        for _ in self:
            pass
        assert self._answer is not None, "the answer stream ended without an answer"
        return self._answer


@dataclass(frozen=True)
class SummaryPoint:
    """One point of a summary; ``text`` holds its ``[n]`` markers; ``size`` counts the comments it covers."""

    text: str
    refs: tuple[int, ...]
    size: int = 1


@dataclass(frozen=True)
class Summary:
    story: str
    story_title: str
    scope: Scope
    mode: Mode
    article_points: tuple[SummaryPoint, ...]
    comment_points: tuple[SummaryPoint, ...]
    citations: tuple[Citation, ...]
    corpus_version: str
    comment_count: int = 0
    latency_ms: float = 0.0
    notes: tuple[str, ...] = ()
    usage: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        parts = []
        if self.article_points:
            parts.append("The article:\n" + "\n".join(f"- {p.text}" for p in self.article_points))
        if self.comment_points:
            parts.append("What readers say:\n" + "\n".join(f"- {p.text}" for p in self.comment_points))
        if not parts:
            parts.append("There is nothing to summarise here.")
        return "\n\n".join(parts)

    def to_dict(self) -> dict:
        return {
            "story": self.story,
            "story_title": self.story_title,
            "scope": self.scope,
            "mode": self.mode,
            "summary": self.text,
            "article_points": [asdict(p) for p in self.article_points],
            "comment_points": [asdict(p) for p in self.comment_points],
            "citations": [c.to_dict() for c in self.citations],
            "comment_count": self.comment_count,
            "corpus_version": self.corpus_version,
            "latency_ms": round(self.latency_ms, 2),
            **({"notes": list(self.notes)} if self.notes else {}),
            **({"usage": self.usage} if self.usage else {}),
        }


def published_at(published: str | None) -> date | datetime | None:
    """A story's ``published`` as data for the edges to format: a ``datetime`` (UTC unless it says its zone)
    when it gives a time, a ``date`` when it gives a day only, None when it is not ISO 8601."""
    text = (published or "").strip().replace("Z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    if len(text) <= 10:
        return when.date()
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@dataclass(frozen=True)
class StoryInfo:
    id: str
    title: str
    paragraphs: int
    comments: int
    chunks: int
    source_path: str
    url: str | None = None
    published: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class IndexStatus:
    corpus_version: str | None
    generation: int
    stories: tuple[StoryInfo, ...]
    chunks: int
    article_chunks: int
    comment_chunks: int
    mode: Mode
    backend: Backend
    built_at: float | None
    embedding: str
    reloads: tuple[ReloadRecord, ...] = ()  # most recent first
    # What is wrong beside the index (the audit database), each with its fix; answers are not affected.
    problems: tuple[str, ...] = ()

    @property
    def last_reload(self) -> ReloadRecord | None:
        return self.reloads[0] if self.reloads else None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["stories"] = [asdict(s) for s in self.stories]
        data["reloads"] = [r.to_dict() for r in self.reloads]
        return data
