"""What the core hands to its callers (the CLI, the Discord bot, the benchmarks): plain data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from retrieval.audit import ReloadRecord

Mode = Literal["extractive", "llm"]


@dataclass(frozen=True)
class Citation:
    """A passage an answer rests on. ``ref`` is the number of its ``[n]`` marker in the answer."""

    ref: int
    story: str
    kind: Literal["article", "comment"]
    where: str
    text: str
    score: float
    story_title: str = ""
    author: str | None = None
    comment: int | None = None
    record_id: str = ""
    quote: str = ""  # the sentences the answer took from this passage

    @property
    def is_comment(self) -> bool:
        return self.kind == "comment"

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
    scope: Literal["article", "comments", "all"]
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
    backend: str  # "local" or "chroma server at URL"
    built_at: float | None
    embedding: str
    reloads: tuple[ReloadRecord, ...] = ()  # most recent first

    @property
    def last_reload(self) -> ReloadRecord | None:
        return self.reloads[0] if self.reloads else None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["stories"] = [asdict(s) for s in self.stories]
        data["reloads"] = [r.to_dict() for r in self.reloads]
        return data
