"""The core's facade: one object for the edges, each verb handed to the service that owns it.

``retrieval.build_engine(settings)`` (wiring.py) builds it. Questions are thread-safe; reloads are
serialised and never block questions, which read the generation served when they started.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from retrieval.answering import AnsweringService
from retrieval.audit import ReloadRecord
from retrieval.index.report import EmbedProgress, IngestReport
from retrieval.index.snapshot import Snapshot, SnapshotCache
from retrieval.models import (
    Answer,
    AnswerStream,
    Backend,
    IndexStatus,
    Mode,
    Scope,
    StoryInfo,
    Summary,
    Turn,
)
from retrieval.reloading import ReloadingService
from retrieval.settings import Settings
from retrieval.summarising import SummarisingService


class StoryEngine:
    def __init__(
        self,
        *,
        answering: AnsweringService,
        summarising: SummarisingService,
        reloading: ReloadingService,
        snapshots: SnapshotCache,
        mode: Mode,
        backend: Backend,
        embedding_name: str,
        settings: Settings,
    ) -> None:
        self.answering = answering
        self.summarising = summarising
        self.reloading = reloading
        self.snapshots = snapshots
        self.mode = mode
        self.backend = backend
        self.embedding_name = embedding_name
        self.settings = settings

    def check_question(self, question: str) -> str:
        """The question as it will be asked, or QuestionError saying why it cannot be."""
        return self.answering.check_question(question)

    def ask(self, question: str, *, story: str | None = None, history: Sequence[Turn] = ()) -> Answer:
        return self.answering.stream(question, story=story, history=history).answer()

    def ask_stream(
        self, question: str, *, story: str | None = None, history: Sequence[Turn] = ()
    ) -> AnswerStream:
        return self.answering.stream(question, story=story, history=history)

    def summarize(self, scope: Scope = "all", story: str | None = None) -> Summary:
        return self.summarising.summarize(scope, story)

    def prepare(self) -> int:
        """Build what the first questions would otherwise wait for (every story's summary digest); the bot
        calls it in the background after it starts and after each reload."""
        return self.summarising.prepare()

    def ingest(
        self,
        corpus_dir: Path | None = None,
        *,
        strict: bool = False,
        progress: EmbedProgress | None = None,
        actor: str = "cli",
    ) -> IngestReport:
        """Index the corpus directory. One reload runs at a time, across processes; another is refused."""
        return self.reloading.reload(corpus_dir, strict=strict, progress=progress, actor=actor)

    def add_story(
        self, file_name: str, data: bytes, *, actor: str = "cli", progress: EmbedProgress | None = None
    ) -> IngestReport:
        """Validate an uploaded story, save it into the corpus directory and reload (strictly)."""
        return self.reloading.reload(upload=(file_name, data), actor=actor, progress=progress)

    def record_refused_upload(self, file_name: str, reason: str, *, actor: str) -> None:
        self.reloading.record_refused_upload(file_name, reason, actor=actor)

    def record_refused_reload(self, reason: str, *, actor: str, upload: str | None = None) -> None:
        self.reloading.record_refused_reload(reason, actor=actor, upload=upload)

    def reloads(self, limit: int = 5) -> list[ReloadRecord]:
        return self.reloading.recent(limit)

    def stories(self, snapshot: Snapshot | None = None) -> tuple[StoryInfo, ...]:
        manifest = (snapshot or self.snapshots.current()).manifest
        return tuple(
            StoryInfo(
                s.id, s.title, s.paragraphs, s.comments, s.chunks, s.source_path, s.url, s.published, s.source
            )
            for s in manifest.stories
        )

    def status(self) -> IndexStatus:
        snapshot = self.snapshots.current()  # one generation for the stories and the counts
        article = sum(1 for p in snapshot.passages if p.kind == "article")
        return IndexStatus(
            corpus_version=snapshot.corpus_version,
            generation=snapshot.generation,
            stories=self.stories(snapshot),
            chunks=len(snapshot.passages),
            article_chunks=article,
            comment_chunks=len(snapshot.passages) - article,
            mode=self.mode,
            backend=self.backend,
            built_at=snapshot.manifest.built_at,
            embedding=self.embedding_name,
            reloads=tuple(self.reloads(5)),
            problems=tuple(p for p in [self.reloading.audit_problem()] if p),
        )

    def close(self) -> None:
        self.reloading.close()
