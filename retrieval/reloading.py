"""The reloading service: one reload at a time across processes, every attempt audited, uploads validated
and rolled back on failure, superseded records collected once questions no longer read them.

A reload that could not be recorded is refused before it changes anything. If recording fails after the
generation switched (the database broke in between), the reload is still reported as applied, with
``audit_problem`` saying it is missing from the trail: the switch cannot be undone by a failed write."""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from retrieval.audit import AuditLog, AuditUnavailableError, ReloadRecord, Result
from retrieval.corpus.limits import StoryLimits
from retrieval.corpus.loader import is_story_file, load_corpus, parse_story_bytes, unsupported_type
from retrieval.errors import CorpusError, ReloadInProgressError, StorybotError, StoryFileError
from retrieval.index.ingest import Ingestor
from retrieval.index.locks import ReloadLock
from retrieval.index.report import EmbedProgress, IngestReport
from retrieval.index.snapshot import SnapshotCache
from retrieval.index.store import ChromaStore

log = logging.getLogger(__name__)

SAFE_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.(txt|json)$", re.IGNORECASE)
CHANGE_KEYS = (
    "stories",
    "chunks",
    "embedded",
    "reused",
    "removed",
    "stories_added",
    "stories_removed",
    "stories_changed",
    "paragraphs_changed",
    "comments_added",
    "comments_removed",
    "problems",
)


class ReloadingService:
    def __init__(
        self,
        *,
        store: ChromaStore,
        ingestor: Ingestor,
        snapshots: SnapshotCache,
        lock: ReloadLock,
        audit: AuditLog,
        corpus_dir: Path,
        max_story_bytes: int,
        gc_grace_seconds: float,
        limits: StoryLimits | None = None,
        follow_symlinks: bool = False,
    ) -> None:
        self.store = store
        self.ingestor = ingestor
        self.snapshots = snapshots
        self.lock = lock
        self.audit = audit
        self.corpus_dir = corpus_dir
        self.max_story_bytes = max_story_bytes
        self.limits = replace(limits or StoryLimits(), max_story_bytes=max_story_bytes)
        self.follow_symlinks = follow_symlinks
        self.gc_grace_seconds = gc_grace_seconds
        # This process's own guard, taken before the cross-process lock: a second reload from the same
        # process is refused at once instead of queueing behind a file lock it already holds.
        self._guard = threading.Lock()
        self._gc_timer: threading.Timer | None = None

    def reload(
        self,
        corpus_dir: Path | None = None,
        *,
        strict: bool = False,
        progress: EmbedProgress | None = None,
        actor: str = "cli",
        upload: tuple[str, bytes] | None = None,
    ) -> IngestReport:
        """Index the corpus directory, after saving ``upload`` (file name, bytes) into it if given."""
        if upload is not None:
            name, data = upload
            return self._locked(actor, name, lambda: self._save_and_ingest(name, data, progress))
        directory = corpus_dir or self.corpus_dir
        return self._locked(actor, None, lambda: self._ingest(directory, strict, progress))

    def _record(self, entry: ReloadRecord) -> str | None:
        """Write ``entry`` to the audit trail; what went wrong (the audit log says it once) or None."""
        try:
            self.audit.record(entry)
        except AuditUnavailableError as exc:
            log.warning("reload attempt by %s (%s) not in the audit trail", entry.actor, entry.result)
            return str(exc)
        return None

    def audit_problem(self) -> str | None:
        """None if reloads can be recorded now, else what is wrong with the audit database and the fix."""
        return self.audit.health()

    def record_refused_upload(self, file_name: str, reason: str, *, actor: str) -> None:
        """Audit an upload an edge refused before handing it over (e.g. too large to download)."""
        self._record_unstarted("failed", f"{file_name}: {reason}", actor, file_name)

    def record_refused_reload(self, reason: str, *, actor: str, upload: str | None = None) -> None:
        """Audit a reload an edge refused before starting it (e.g. the member may not reload)."""
        self._record_unstarted("refused", reason, actor, upload)

    def _record_unstarted(self, result: Result, error: str, actor: str, upload: str | None) -> None:
        record = ReloadRecord(actor, time.time(), 0.0, result, error=error, upload=upload)
        self._record(record)

    def _save_and_ingest(self, name: str, data: bytes, progress: EmbedProgress | None) -> IngestReport:
        """Validate first and save nothing invalid; if the reload fails, put the corpus back as it was, so
        what is on disk matches what is served."""
        if not is_story_file(name):
            raise StoryFileError(name, unsupported_type(name))
        if not SAFE_FILE_NAME.match(name) or name != Path(name).name:
            raise StoryFileError(name, "a story file name may use only letters, digits, '.', '_' and '-'")
        parse_story_bytes(name, data, limits=self.limits)
        corpus = self.corpus_dir
        if not corpus.is_dir():
            raise CorpusError(f"corpus directory not found: {corpus}")
        target = corpus / name
        if target.is_symlink():
            # The operator linked that file in; an upload neither replaces the link nor writes through it.
            raise StoryFileError(
                name, "a story of that name is a link the operator made; upload another name"
            )
        previous = target.read_bytes() if target.exists() else None
        staging = corpus / f".{name}.upload"
        staging.unlink(missing_ok=True)  # whatever is there (a link, say) is removed, never written through
        with staging.open("xb") as out:  # O_EXCL: created here, not opened through anything in its place
            out.write(data)
        os.replace(staging, target)
        try:
            return self._ingest(corpus, True, progress)
        except BaseException:
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(previous)
            raise

    def _ingest(self, corpus_dir: Path, strict: bool, progress: EmbedProgress | None) -> IngestReport:
        load = load_corpus(
            corpus_dir,
            limits=self.limits,
            follow_symlinks=self.follow_symlinks,
            incumbents=self.ingestor.served_files(),
        )
        return self.ingestor.run(load, strict=strict, progress=progress)

    def _locked(self, actor: str, upload: str | None, work: Callable[[], IngestReport]) -> IngestReport:
        """Run ``work`` holding this process's guard, then the cross-process lock, and audit the attempt
        whatever its outcome."""
        started = time.time()
        clock = time.perf_counter()

        def audit(result: str, report: IngestReport | None = None, error: str | None = None) -> str | None:
            served = None if report is not None else self._served_version()
            return self._record(
                ReloadRecord(
                    actor=actor,
                    started_at=started,
                    duration_s=time.perf_counter() - clock,
                    result=result,  # type: ignore[arg-type]
                    corpus_version=report.corpus_version if report else served,
                    previous_version=report.previous_version if report else served,
                    changes={k: report.to_dict()[k] for k in CHANGE_KEYS} if report else {},
                    error=error,
                    upload=upload,
                )
            )

        # A reload that cannot be recorded is refused while nothing has changed (a read-only data dir
        # could not take the index's writes either).
        try:
            self.audit.check()
        except AuditUnavailableError as exc:
            raise AuditUnavailableError(f"{exc}; nothing was reloaded") from exc
        if not self._guard.acquire(blocking=False):
            error = ReloadInProgressError("a reload is already running; try again when it has finished")
            audit("refused", error=str(error))
            raise error
        try:
            try:
                self.lock.acquire()
            except ReloadInProgressError as exc:
                audit("refused", error=str(exc))
                raise
            try:
                report = work()
            finally:
                self.lock.release()
        except StorybotError as exc:
            if not isinstance(exc, ReloadInProgressError):
                audit("failed", error=str(exc))
            raise
        except Exception as exc:
            audit("failed", error=f"{exc.__class__.__name__}: {exc}")
            raise
        finally:
            self._guard.release()
        # The generation has switched: a failed write now cannot undo it, so the reload is reported as
        # applied, with the reason it is missing from the trail.
        problem = audit("ok" if report.changed else "unchanged", report)
        if problem is not None:
            report = replace(report, audit_problem=problem)
        self.snapshots.invalidate()
        if report.superseded:
            self._schedule_gc(report.generation)
        return report

    def _served_version(self) -> str | None:
        try:
            manifest = self.store.active()
        except Exception:
            return None
        return manifest.corpus_version if manifest else None

    def recent(self, limit: int = 5) -> list[ReloadRecord]:
        return self.audit.recent(limit)

    def _schedule_gc(self, generation: int) -> None:
        """Delete superseded records once questions that started before the switch have finished."""

        def collect() -> None:
            with self._guard:
                try:
                    self.store.collect_garbage(generation)
                except Exception:
                    log.warning("garbage collection failed; the next reload retries it", exc_info=True)

        if self.gc_grace_seconds <= 0:
            collect()
            return
        self._gc_timer = threading.Timer(self.gc_grace_seconds, collect)
        self._gc_timer.daemon = True
        self._gc_timer.start()

    def close(self) -> None:
        if self._gc_timer is not None:
            self._gc_timer.cancel()
