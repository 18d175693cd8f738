"""The core's one entry point: ask, summarise, ingest, status.

``build_engine(settings)`` wires the store, the embeddings and the generator from settings; tests and
benchmarks pass their own pieces to ``StoryEngine`` instead. The engine is thread-safe for questions;
reloads are serialised by a lock and never block questions (they read the served generation).
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel

from retrieval.answer import summary as summaries
from retrieval.answer.checking import CitationChecker
from retrieval.answer.extractive import Draft, ExtractiveGenerator
from retrieval.answer.llm import LLMGenerator, Usage, create_chat_model
from retrieval.answer.llm_summary import LLMSummarizer, group_passages, render_statement
from retrieval.answer.prompt import SYSTEM_PROMPT
from retrieval.answer.untrusted import sanitise
from retrieval.audit import AuditLog, ReloadRecord, database_path
from retrieval.chain import Generator, create_answer_chain
from retrieval.corpus.loader import STORY_SUFFIXES, load_corpus, parse_story_bytes
from retrieval.embeddings import create_embeddings, embedding_fingerprint
from retrieval.errors import (
    CorpusError,
    IndexUnavailableError,
    QuestionError,
    ReloadInProgressError,
    StorybotError,
    StoryFileError,
    UnknownStoryError,
)
from retrieval.index.ingest import EmbedProgress, Ingestor, IngestReport
from retrieval.index.locks import FileReloadLock, LeaseReloadLock, ReloadLock
from retrieval.index.snapshot import Passage, Snapshot, SnapshotCache
from retrieval.index.store import ChromaStore, create_client
from retrieval.models import Answer, Citation, IndexStatus, StoryInfo, Summary, SummaryPoint
from retrieval.retriever import HybridRetriever
from retrieval.settings import Settings
from retrieval.text import sentence_spans

log = logging.getLogger(__name__)

Scope = Literal["article", "comments", "all"]
SAFE_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.(txt|json)$", re.IGNORECASE)


def _changes(report: IngestReport) -> dict:
    data = report.to_dict()
    keys = (
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
    return {k: data[k] for k in keys}


@dataclass(frozen=True)
class Turn:
    """An earlier question and answer in the same conversation (a Discord thread)."""

    question: str
    answer: str = ""


class StoryEngine:
    def __init__(
        self,
        *,
        settings: Settings,
        store: ChromaStore,
        embeddings: Embeddings,
        generator: Generator,
        embedding_name: str = "",
        reload_lock: ReloadLock | None = None,
        audit: AuditLog | None = None,
        summarizer: LLMSummarizer | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.embeddings = embeddings
        self.generator = generator
        self.summarizer = summarizer
        self.embedding_name = embedding_name
        self.snapshots = SnapshotCache(store, settings.snapshot_ttl_seconds)
        self.retriever = HybridRetriever(
            store=store,
            embeddings=embeddings,
            dense_candidates=settings.dense_candidates,
            sparse_candidates=settings.sparse_candidates,
            rrf_k=settings.rrf_k,
            passages=settings.passages,
        )
        self.chain = create_answer_chain(self.retriever, generator)
        self.ingestor = Ingestor(
            store,
            embeddings,
            chunk_size=settings.chunk_size,
            chunk_overlap=settings.chunk_overlap,
        )
        self.reload_lock = reload_lock or FileReloadLock(settings.data_dir / "reload.lock")
        self.audit = audit or AuditLog(database_path(settings.data_dir))
        # This process's own guard, taken before the cross-process lock: a second reload from the same
        # process is refused at once instead of queueing behind a file lock it already holds.
        self._reload_guard = threading.Lock()
        self._gc_timer: threading.Timer | None = None

    # -- questions --------------------------------------------------------------------------------

    def check_question(self, question: str) -> str:
        text = " ".join(question.split())
        if not text:
            raise QuestionError("Please ask a question: the text is empty.")
        limit = self.settings.max_question_chars
        if len(text) > limit:
            raise QuestionError(f"Questions are limited to {limit} characters; yours has {len(text)}.")
        return text

    def ask(self, question: str, *, story: str | None = None, history: Sequence[Turn] = ()) -> Answer:
        started = time.perf_counter()
        text = self.check_question(question)
        snapshot = self.snapshots.current()
        context = _context(history)
        with _store_errors():
            result = self.chain.invoke(
                {"question": text, "snapshot": snapshot, "story": story, "context": context}
            )
        return self._answer(text, result["draft"], result["documents"], snapshot, started)

    def ask_stream(
        self, question: str, *, story: str | None = None, history: Sequence[Turn] = ()
    ) -> Iterator[str | Answer]:
        """Like ``ask``, but yields the language model's draft as it grows, then the final Answer.

        Each string is the whole draft safe to show so far (complete sentences, none carrying a reader's
        injected payload); it is unchecked. The Answer is what survived the citation check and is what
        must be shown in the end. Without a language model only the Answer is yielded.
        """
        started = time.perf_counter()
        text = self.check_question(question)
        snapshot = self.snapshots.current()
        context = _context(history)
        with _store_errors():
            documents = self.retriever.invoke(text, snapshot=snapshot, story=story, context=context)
        stream = getattr(self.generator, "stream", None)
        if stream is None:
            draft = self.generator.generate(text, documents, snapshot, context)
        else:
            draft = None
            for item in stream(text, documents, snapshot, context):
                if isinstance(item, str):
                    yield item
                else:
                    draft = item
        assert draft is not None
        yield self._answer(text, draft, documents, snapshot, started)

    def _answer(
        self, question: str, draft: Draft, documents: Sequence[Document], snapshot: Snapshot, started: float
    ) -> Answer:
        return Answer(
            question=question,
            answer=draft.text,
            abstained=draft.abstained,
            mode=draft.mode,
            citations=self._citations(draft, documents),
            corpus_version=snapshot.corpus_version,
            latency_ms=(time.perf_counter() - started) * 1000,
            unsupported=draft.unsupported,
            notes=draft.notes,
            reason=draft.reason,
        )

    @staticmethod
    def _citations(draft: Draft, documents: Sequence[Document]) -> tuple[Citation, ...]:
        out = []
        scores = draft.scores or (0.0,) * len(draft.cited)
        quotes = draft.quotes or ("",) * len(draft.cited)
        for ref, (index, score, quote) in enumerate(zip(draft.cited, scores, quotes), 1):
            meta = documents[index].metadata
            out.append(
                Citation(
                    ref=ref,
                    story=meta["story"],
                    kind=meta["kind"],
                    where=meta["where"],
                    text=documents[index].page_content,
                    score=float(score),
                    story_title=meta.get("title", ""),
                    author=meta.get("author"),
                    comment=meta.get("comment"),
                    record_id=meta.get("record_id", ""),
                    quote=safe_quote(quote, meta["kind"]),
                )
            )
        return tuple(out)

    # -- summaries --------------------------------------------------------------------------------

    def resolve_story(self, snapshot: Snapshot, story: str | None) -> str:
        if story is not None:
            snapshot.require_story(story)
            return story
        stories = snapshot.manifest.stories
        if len(stories) == 1:
            return stories[0].id
        raise UnknownStoryError("several stories are loaded; choose one: " + ", ".join(s.id for s in stories))

    def summarize(self, scope: Scope = "all", story: str | None = None) -> Summary:
        """Cited summary of a story: the article's key points and/or the positions readers take.

        With a language model the points are the model's (checked like answers); any point the model
        cannot supply or support is the offline one.
        """
        started = time.perf_counter()
        if scope not in ("article", "comments", "all"):
            raise QuestionError(f"unknown summary scope '{scope}': use article, comments or all")
        snapshot = self.snapshots.current()
        story_id = self.resolve_story(snapshot, story)
        entry = snapshot.manifest.story(story_id)
        k = self.settings.summary_points
        vectors = self.store.piece_vectors
        a_points = (
            summaries.article_points(snapshot, story_id, vectors, k) if scope in ("article", "all") else []
        )
        c_points = (
            summaries.comment_points(snapshot, story_id, vectors, k) if scope in ("comments", "all") else []
        )

        refs: dict[str, int] = {}
        cited: list[Passage] = []
        quoted: dict[str, list[str]] = {}

        def ref_of(passage: Passage) -> int:
            if passage.record_id not in refs:
                refs[passage.record_id] = len(refs) + 1
                cited.append(passage)
            return refs[passage.record_id]

        def quote(passage: Passage, text: str) -> None:
            if text not in quoted.setdefault(passage.record_id, []):
                quoted[passage.record_id].append(text)

        usage = Usage()
        notes: list[str] = []
        from_model = 0  # points written by the language model (and supported)
        story_passages = [p for p in snapshot.passages if p.story == story_id]
        article: list[SummaryPoint] = []
        if a_points and self.summarizer is not None:
            body = [p for p in story_passages if p.metadata.get("section") == "article"]
            for statement in self.summarizer.article(body, usage):
                text, point_refs = render_statement(statement, ref_of)
                article.append(SummaryPoint(text, point_refs))
                for index, sentence in statement.verdict.quotes.items():
                    quote(statement.passages[index], sentence)
            from_model += len(article)
            if not article:
                notes.append(
                    "The language model's article summary was unavailable or unsupported; "
                    "these are the article's own key sentences."
                )
        if not article:
            for p in a_points:
                article.append(
                    SummaryPoint(
                        summaries.render_article_point(p, ref_of),
                        tuple(ref_of(s.passage) for s in p.sentences),
                    )
                )
                for s in p.sentences:
                    quote(s.passage, s.text)

        comments: list[SummaryPoint] = []
        for p in c_points:
            statement = None
            if self.summarizer is not None:
                statement = self.summarizer.group(group_passages(p, story_passages), usage)
            representative = p.sentences[0]
            quote(representative.passage, representative.text)
            if statement is None:
                text = summaries.render_comment_point(p, ref_of)
                point_refs = (ref_of(representative.passage),)
            else:
                from_model += 1
                stated, point_refs = render_statement(statement, ref_of)
                example = summaries.render_quote(p, ref_of)
                text = f"{p.size} reader comment{'s' if p.size != 1 else ''}: {stated} For example, {example}"
                point_refs = (*point_refs, ref_of(representative.passage))
            comments.append(SummaryPoint(text, tuple(dict.fromkeys(point_refs)), p.size))

        citations = tuple(
            Citation(
                ref=i,
                story=p.story,
                kind=p.kind,  # type: ignore[arg-type]
                where=p.metadata["where"],
                text=p.text,
                score=1.0,
                story_title=p.metadata.get("title", ""),
                author=p.metadata.get("author"),
                comment=p.metadata.get("comment"),
                record_id=p.record_id,
                quote=safe_quote(" ".join(quoted.get(p.record_id, [])), p.kind),
            )
            for i, p in enumerate(cited, 1)
        )
        if scope in ("comments", "all") and entry is not None and entry.comments == 0:
            notes.append("This story has no reader comments.")
        if usage.failures:
            notes.append("The language model was unavailable for part of this summary.")
        elif c_points and self.summarizer is not None and from_model < len(article) + len(comments):
            notes.append(
                "Where the language model's statement was not supported, readers' own words are shown."
            )
        seconds = time.perf_counter() - started
        return Summary(
            story=story_id,
            story_title=entry.title if entry else story_id,
            scope=scope,
            mode="llm" if from_model else "extractive",
            article_points=tuple(article),
            comment_points=tuple(comments),
            citations=citations,
            corpus_version=snapshot.corpus_version,
            comment_count=entry.comments if entry else 0,
            latency_ms=seconds * 1000,
            notes=tuple(notes),
            usage={**usage.to_dict(), "seconds": round(seconds, 2)} if self.summarizer is not None else {},
        )

    # -- the corpus -------------------------------------------------------------------------------

    def ingest(
        self,
        corpus_dir: Path | None = None,
        *,
        strict: bool = False,
        progress: EmbedProgress | None = None,
        actor: str = "cli",
    ) -> IngestReport:
        """Index the corpus directory. One reload runs at a time, across processes; another is refused."""
        directory = corpus_dir or self.settings.corpus_dir
        return self._reload(actor, None, lambda: self._run_ingest(directory, strict, progress))

    def add_story(
        self, file_name: str, data: bytes, *, actor: str = "cli", progress: EmbedProgress | None = None
    ) -> IngestReport:
        """Validate an uploaded story, save it into the corpus directory and reload (strictly).

        An invalid file is rejected with the reason and nothing is saved. If the reload that follows fails,
        the corpus directory is put back as it was, so what is on disk matches what is served.
        """
        return self._reload(actor, file_name, lambda: self._save_and_ingest(file_name, data, progress))

    def record_refused_upload(self, file_name: str, reason: str, *, actor: str) -> None:
        """Audit an upload an edge refused before handing it over (e.g. too large to download)."""
        self.audit.record(
            ReloadRecord(
                actor=actor,
                started_at=time.time(),
                duration_s=0.0,
                result="failed",
                error=f"{file_name}: {reason}",
                upload=file_name,
            )
        )

    def _save_and_ingest(self, name: str, data: bytes, progress: EmbedProgress | None) -> IngestReport:
        if Path(name).suffix.lower() not in STORY_SUFFIXES:
            raise StoryFileError(
                name, f"unsupported file type '{Path(name).suffix or name}': use .txt or .json"
            )
        if not SAFE_FILE_NAME.match(name) or name != Path(name).name:
            raise StoryFileError(name, "a story file name may use only letters, digits, '.', '_' and '-'")
        parse_story_bytes(name, data, max_bytes=self.settings.max_story_bytes)
        corpus = self.settings.corpus_dir
        if not corpus.is_dir():
            raise CorpusError(f"corpus directory not found: {corpus}")
        target = corpus / name
        previous = target.read_bytes() if target.exists() else None
        staging = corpus / f".{name}.upload"
        staging.write_bytes(data)
        os.replace(staging, target)
        try:
            return self._run_ingest(corpus, True, progress)
        except BaseException:
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(previous)
            raise

    def _run_ingest(self, corpus_dir: Path, strict: bool, progress: EmbedProgress | None) -> IngestReport:
        load = load_corpus(corpus_dir, self.settings.max_story_bytes)
        return self.ingestor.run(load, strict=strict, progress=progress)

    def _reload(self, actor: str, upload: str | None, work: Callable[[], IngestReport]) -> IngestReport:
        """Run ``work`` holding the reload locks (this process's, then the cross-process one), and
        record the attempt, whatever its outcome, in the audit trail."""
        started = time.time()
        clock = time.perf_counter()

        def audit(result: str, report: IngestReport | None = None, error: str | None = None) -> None:
            served = None if report is not None else self._served_version()
            self.audit.record(
                ReloadRecord(
                    actor=actor,
                    started_at=started,
                    duration_s=time.perf_counter() - clock,
                    result=result,  # type: ignore[arg-type]
                    corpus_version=report.corpus_version if report else served,
                    previous_version=report.previous_version if report else served,
                    changes=_changes(report) if report else {},
                    error=error,
                    upload=upload,
                )
            )

        if not self._reload_guard.acquire(blocking=False):
            error = ReloadInProgressError("a reload is already running; try again when it has finished")
            audit("refused", error=str(error))
            raise error
        try:
            try:
                self.reload_lock.acquire()
            except ReloadInProgressError as exc:
                audit("refused", error=str(exc))
                raise
            try:
                report = work()
            finally:
                self.reload_lock.release()
        except StorybotError as exc:
            if not isinstance(exc, ReloadInProgressError):
                audit("failed", error=str(exc))
            raise
        except Exception as exc:
            audit("failed", error=f"{exc.__class__.__name__}: {exc}")
            raise
        finally:
            self._reload_guard.release()
        audit("ok" if report.changed else "unchanged", report)
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

    def reloads(self, limit: int = 5) -> list[ReloadRecord]:
        return self.audit.recent(limit)

    def _schedule_gc(self, generation: int) -> None:
        """Delete superseded records once questions that started before the switch have finished."""

        def collect() -> None:
            with self._reload_guard:
                try:
                    self.store.collect_garbage(generation)
                except Exception:
                    log.warning("garbage collection failed; the next reload retries it", exc_info=True)

        if self.settings.gc_grace_seconds <= 0:
            collect()
            return
        self._gc_timer = threading.Timer(self.settings.gc_grace_seconds, collect)
        self._gc_timer.daemon = True
        self._gc_timer.start()

    def close(self) -> None:
        if self._gc_timer is not None:
            self._gc_timer.cancel()

    # -- information ------------------------------------------------------------------------------

    def stories(self, snapshot: Snapshot | None = None) -> tuple[StoryInfo, ...]:
        manifest = (snapshot or self.snapshots.current()).manifest
        return tuple(
            StoryInfo(
                s.id, s.title, s.paragraphs, s.comments, s.chunks, s.source_path, s.url, s.published, s.source
            )
            for s in manifest.stories
        )

    @property
    def backend(self) -> str:
        return f"chroma server at {self.settings.chroma_url}" if self.settings.chroma_url else "local"

    def status(self) -> IndexStatus:
        snapshot = self.snapshots.current()
        article = sum(1 for p in snapshot.passages if p.kind == "article")
        return IndexStatus(
            corpus_version=snapshot.corpus_version,
            generation=snapshot.generation,
            stories=self.stories(snapshot),  # the same generation as the counts
            chunks=len(snapshot.passages),
            article_chunks=article,
            comment_chunks=len(snapshot.passages) - article,
            mode=self.generator.mode,
            backend=self.backend,
            built_at=snapshot.manifest.built_at,
            embedding=self.embedding_name,
            reloads=tuple(self.reloads(5)),
        )


def _context(history: Sequence[Turn]) -> str:
    """Earlier questions of the conversation (the caller decides how many) steer retrieval."""
    return " ".join(t.question for t in history)


def safe_quote(text: str, kind: str) -> str:
    """Quotes from reader comments lose links, images and instruction-like sentences before display."""
    if kind != "comment" or not text:
        return text
    return sanitise(text, sentence_spans(text))


@contextmanager
def _store_errors() -> Iterator[None]:
    try:
        yield
    except StorybotError:
        raise
    except Exception as exc:
        if _is_store_failure(exc):
            raise IndexUnavailableError(f"the index cannot be searched right now: {exc}") from exc
        raise


def _is_store_failure(exc: Exception) -> bool:
    module = type(exc).__module__
    return module.startswith(("chromadb", "httpx", "httpcore")) or isinstance(
        exc, (ConnectionError, TimeoutError)
    )


def passage_vectors(store: ChromaStore) -> Callable[[Sequence[Document]], list[np.ndarray]]:
    """For the citation checker: each passage's piece vectors — as retrieval left them in the documents'
    metadata, or, for documents that did not come from retrieval (summaries), fetched in one request."""

    def fetch(documents: Sequence[Document]) -> list[np.ndarray]:
        ids = [
            [f"{d.metadata['record_id']}.{i}" for i in range(len(json.loads(d.metadata["pieces"])))]
            for d in documents
            if "piece_vectors" not in d.metadata
        ]
        found = store.piece_vectors([i for group in ids for i in group]) if ids else {}
        dimension = next(iter(found.values())).shape[0] if found else 1
        fetched = iter(ids)
        out = []
        for d in documents:
            if "piece_vectors" in d.metadata:
                out.append(d.metadata["piece_vectors"])
            else:
                group = next(fetched)
                out.append(np.stack([found.get(i, np.zeros(dimension, dtype=np.float32)) for i in group]))
        return out

    return fetch


def create_checker(settings: Settings, embeddings: Embeddings, store: ChromaStore) -> CitationChecker:
    return CitationChecker(
        embeddings,
        passage_vectors(store),
        min_support=settings.llm_min_support,
        flag_unsupported=settings.llm_flag_unsupported,
        system_prompt=SYSTEM_PROMPT,
    )


def create_generator(
    settings: Settings, embeddings: Embeddings, store: ChromaStore, llm: BaseChatModel | None = None
) -> Generator:
    """The offline generator, or, with a language model, the LLM generator that falls back to it."""
    extractive = ExtractiveGenerator(
        max_sentences=settings.answer_sentences, min_support=settings.min_support
    )
    if llm is None:
        return extractive
    return LLMGenerator(llm, create_checker(settings, embeddings, store), extractive)


def build_engine(
    settings: Settings,
    *,
    embeddings: Embeddings | None = None,
    generator: Generator | None = None,
    llm: BaseChatModel | None = None,
) -> StoryEngine:
    """Wire an engine from settings. Pass ``embeddings``, ``generator`` or a chat model ``llm`` to
    substitute them (the chat model is otherwise built from settings when a key or base URL is set)."""
    embeddings = embeddings or create_embeddings(settings)
    if llm is None and settings.llm_enabled:
        llm = create_chat_model(settings)
    fingerprint = embedding_fingerprint(settings)
    client = create_client(settings)
    try:
        store = ChromaStore(
            client,
            f"{settings.index_namespace}-{fingerprint}",
            embeddings,
            write_batch_size=settings.write_batch_size,
            backend="server" if settings.chroma_url else "local",
        )
    except StorybotError:
        raise
    except Exception as exc:
        raise IndexUnavailableError(f"cannot open the index: {exc}") from exc
    lock: ReloadLock
    if settings.chroma_url:
        lock = LeaseReloadLock(store, settings.reload_lease_seconds)
    else:
        lock = FileReloadLock(settings.data_dir / "reload.lock")
    summarizer = None
    if llm is not None:
        summarizer = LLMSummarizer(
            llm, create_checker(settings, embeddings, store), settings.llm_context_chars
        )
    return StoryEngine(
        settings=settings,
        store=store,
        embeddings=embeddings,
        generator=generator or create_generator(settings, embeddings, store, llm),
        embedding_name=fingerprint,
        reload_lock=lock,
        summarizer=summarizer,
    )
