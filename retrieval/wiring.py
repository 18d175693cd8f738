"""The one place the core is wired: each external dependency built from settings, then the services."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import chromadb
import numpy as np
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel

from retrieval.answer.checking import CitationChecker
from retrieval.answer.extractive import ExtractiveGenerator
from retrieval.answer.generation import Generator
from retrieval.answer.llm import LLMGenerator, create_chat_model
from retrieval.answer.llm_summary import LLMSummarizer
from retrieval.answer.prompt import SYSTEM_PROMPT
from retrieval.answering import AnsweringService
from retrieval.audit import AuditLog, database_path
from retrieval.corpus.limits import StoryLimits
from retrieval.datadir import is_read_only_error, read_only_message
from retrieval.embeddings import create_embeddings, embedding_fingerprint
from retrieval.engine import StoryEngine
from retrieval.errors import IndexUnavailableError, StorybotError
from retrieval.index.client import copy_of_local_index, create_client
from retrieval.index.ingest import Ingestor
from retrieval.index.locks import FileReloadLock, LeaseReloadLock, ReadOnlyReloadLock, ReloadLock
from retrieval.index.passage import piece_ids
from retrieval.index.snapshot import SnapshotCache
from retrieval.index.store import ChromaStore
from retrieval.models import Backend
from retrieval.reloading import ReloadingService
from retrieval.retriever import HybridRetriever
from retrieval.servers import ServerCorpora
from retrieval.settings import Settings
from retrieval.summarising import SummarisingService

log = logging.getLogger(__name__)


def passage_vectors(store: ChromaStore) -> Callable[[Sequence[Document]], list[np.ndarray]]:
    """For the citation checker: each passage's piece vectors, one row per piece. Retrieval has already
    read most of them (the store remembers them); the rest come in one request."""

    def fetch(documents: Sequence[Document]) -> list[np.ndarray]:
        ids = [piece_ids(d.metadata["record_id"], len(d.metadata["piece_spans"])) for d in documents]
        found = store.piece_vectors([i for group in ids for i in group])
        missing = np.zeros(next(iter(found.values())).shape[0] if found else 1, dtype=np.float32)
        return [np.stack([found.get(i, missing) for i in group]) for group in ids]

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


def create_store(settings: Settings, embeddings: Embeddings, fingerprint: str) -> ChromaStore:
    def store_on(client: chromadb.ClientAPI, read_only_copy: bool = False) -> ChromaStore:
        return ChromaStore(
            client,
            f"{settings.index_namespace}-{fingerprint}",
            embeddings,
            write_batch_size=settings.write_batch_size,
            backend="server" if settings.chroma_url else "local",
            read_only_copy=read_only_copy,
        )

    try:
        return store_on(create_client(settings))
    except StorybotError:
        raise
    except Exception as exc:
        if not settings.chroma_url and is_read_only_error(exc):
            # Chroma's local store (chromadb 1.5) writes to chroma.sqlite3 as it opens, even only to read:
            # answer from a copy of it, and refuse reloads (create_reload_lock).
            try:
                store = store_on(copy_of_local_index(settings), read_only_copy=True)
            except Exception as copy_failed:
                raise IndexUnavailableError(
                    f"cannot open the index: {read_only_message(settings.data_dir)} "
                    f"(and a copy of it could not be opened either: {copy_failed})"
                ) from exc
            log.warning(
                "%s; answering from a copy of its index, reloads refused",
                read_only_message(settings.data_dir),
            )
            return store
        raise IndexUnavailableError(f"cannot open the index: {exc}") from exc


def create_reload_lock(settings: Settings, store: ChromaStore) -> ReloadLock:
    """A file lock for the local store; a lease in the store itself for a Chroma server that processes on
    several hosts may share."""
    if settings.chroma_url:
        return LeaseReloadLock(store, settings.reload_lease_seconds)
    if store.read_only_copy:
        return ReadOnlyReloadLock(
            f"cannot reload: {read_only_message(settings.data_dir)}; questions are answered from a copy of "
            "the last index meanwhile"
        )
    return FileReloadLock(settings.data_dir / "reload.lock")


def build_engine(
    settings: Settings,
    *,
    embeddings: Embeddings | None = None,
    generator: Generator | None = None,
    llm: BaseChatModel | None = None,
    vectors_elsewhere: Callable[[set[str]], dict[str, np.ndarray]] | None = None,
) -> StoryEngine:
    """Wire an engine from settings. Pass ``embeddings``, ``generator`` or a chat model ``llm`` to
    substitute them (the chat model is otherwise built from settings when a key or base URL is set);
    ``vectors_elsewhere`` (text hashes -> vectors of the same model) is read before embedding anything."""
    embeddings = embeddings or create_embeddings(settings)
    if llm is None and settings.llm_enabled:
        llm = create_chat_model(settings)
    fingerprint = embedding_fingerprint(settings)
    store = create_store(settings, embeddings, fingerprint)
    generator = generator or create_generator(settings, embeddings, store, llm)
    snapshots = SnapshotCache(store, settings.snapshot_ttl_seconds)
    retriever = HybridRetriever(
        store=store,
        embeddings=embeddings,
        dense_candidates=settings.dense_candidates,
        sparse_candidates=settings.sparse_candidates,
        rrf_k=settings.rrf_k,
        passages=settings.passages,
    )
    summarizer = None
    if llm is not None:
        summarizer = LLMSummarizer(
            llm, create_checker(settings, embeddings, store), settings.llm_context_chars
        )
    summarising = SummarisingService(
        store=store, snapshots=snapshots, summarizer=summarizer, points=settings.summary_points
    )
    return StoryEngine(
        answering=AnsweringService(
            retriever=retriever,
            generator=generator,
            snapshots=snapshots,
            max_question_chars=settings.max_question_chars,
            overviews=summarising,
        ),
        summarising=summarising,
        reloading=ReloadingService(
            store=store,
            ingestor=Ingestor(
                store,
                embeddings,
                chunk_size=settings.chunk_size,
                chunk_overlap=settings.chunk_overlap,
                near_repeats=settings.near_repeats,
                vectors_elsewhere=vectors_elsewhere,
            ),
            snapshots=snapshots,
            lock=create_reload_lock(settings, store),
            audit=AuditLog(database_path(settings.data_dir)),
            corpus_dir=settings.corpus_dir,
            max_story_bytes=settings.max_story_bytes,
            gc_grace_seconds=settings.gc_grace_seconds,
            limits=StoryLimits.of(settings),
            follow_symlinks=settings.follow_symlinks,
        ),
        snapshots=snapshots,
        mode=generator.mode,
        backend=Backend("server", settings.chroma_url) if settings.chroma_url else Backend("local"),
        embedding_name=fingerprint,
        settings=settings,
    )


def build_server_corpora(
    settings: Settings,
    *,
    embeddings: Embeddings | None = None,
    generator: Generator | None = None,
    llm: BaseChatModel | None = None,
) -> ServerCorpora:
    """The shared engine, and a builder of per-server engines that share its embedding and chat models."""
    embeddings = embeddings or create_embeddings(settings)
    if llm is None and generator is None and settings.llm_enabled:
        llm = create_chat_model(settings)
    shared = build_engine(settings, embeddings=embeddings, generator=generator, llm=llm)

    return ServerCorpora.around(shared, llm=llm)
