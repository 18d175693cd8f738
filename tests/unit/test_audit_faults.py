"""The audit database (``<data_dir>/storybot.sqlite3``) broken, locked or read-only: questions are answered
as ever, status says what is wrong and the fix, a reload is refused before it changes anything, and one
applied before the audit write failed is reported as applied (fake vectors: the index is not the point)."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import retrieval.audit
from retrieval import AuditUnavailableError, IndexUnavailableError, StoryEngine, database_path

CORRUPT = "is not a SQLite database (corrupted?): move it aside and restart"
READ_ONLY = "is read-only: make it writable by uid 10001 (Docker) or run with STORYBOT_DATA_DIR="


def _corrupt(path: Path) -> None:
    path.write_bytes(b"this is not a database, just garbage bytes " * 200)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Another process's exclusive transaction on the file, held for the block."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.fixture
def indexed(engine_factory, counting_embeddings, corpus_copy) -> StoryEngine:
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy)
    engine.ingest()
    return engine


def _reopen(engine_factory, counting_embeddings, engine: StoryEngine) -> StoryEngine:
    """A new process on the same data dir (the CLI's next command, the bot's restart)."""
    return engine_factory(counting_embeddings, corpus_dir=engine.settings.corpus_dir)


def test_a_corrupted_database_stops_neither_questions_nor_status(
    indexed, engine_factory, counting_embeddings, caplog
):
    path = database_path(indexed.settings.data_dir)
    _corrupt(path)
    engine = _reopen(engine_factory, counting_embeddings, indexed)

    answer = engine.ask("Who wrote the letter?")
    with caplog.at_level(logging.WARNING, logger="retrieval.audit"):
        statuses = [engine.status() for _ in range(3)]

    assert answer.citations and not answer.abstained
    status = statuses[-1]
    assert status.generation == 1 and status.reloads == ()
    [problem] = status.problems
    assert problem.startswith(f"{path} {CORRUPT}")
    # Logged once, with its traceback, not on every status.
    warnings = [r for r in caplog.records if r.name == "retrieval.audit"]
    assert len(warnings) == 1 and warnings[0].exc_info is not None


def test_a_corrupted_database_refuses_a_reload_before_it_changes_anything(
    indexed, engine_factory, counting_embeddings, corpus_copy
):
    path = database_path(indexed.settings.data_dir)
    _corrupt(path)
    engine = _reopen(engine_factory, counting_embeddings, indexed)
    (corpus_copy / "iraq-coalition-letter.txt").unlink()  # a reload would change the corpus

    with pytest.raises(AuditUnavailableError) as refused:
        engine.ingest()

    fresh = "reload history and votes start afresh"
    assert str(refused.value) == f"{path} {CORRUPT}; {fresh}; nothing was reloaded"
    assert engine.status().stories[0].id == "iraq-coalition-letter"


def test_a_locked_database_makes_status_say_so_without_waiting(indexed):
    path = database_path(indexed.settings.data_dir)

    with _locked(path):
        started = time.perf_counter()
        status = indexed.status()
        waited = time.perf_counter() - started
        answer = indexed.ask("Who wrote the letter?")

    assert waited < 2.0  # was 10 s per read (sqlite timeout=10)
    assert answer.citations
    assert any(f"{path} is locked by another process" in p for p in status.problems)
    assert indexed.status().problems == ()  # the lock is gone, and so is the problem


def test_a_reload_is_refused_while_the_database_stays_locked(indexed, monkeypatch):
    path = database_path(indexed.settings.data_dir)
    monkeypatch.setattr(retrieval.audit, "WRITE_TIMEOUT_SECONDS", 0.2)

    with _locked(path), pytest.raises(AuditUnavailableError, match="is locked by another process"):
        indexed.ingest()


def test_a_reload_whose_audit_write_fails_after_the_switch_is_reported_applied(indexed, corpus_copy):
    """The worst moment: the database breaks between the check and the write, after the pointer flipped."""
    path = database_path(indexed.settings.data_dir)
    ingestor = indexed.reloading.ingestor
    run = ingestor.run

    def run_then_break(*args, **kwargs):
        report = run(*args, **kwargs)
        _corrupt(path)
        return report

    ingestor.run = run_then_break  # type: ignore[method-assign]
    (corpus_copy / "extra.json").write_text(
        '{"id": "extra", "title": "Extra", "paragraphs": ["The council met on Tuesday to discuss parks."]}'
    )

    report = indexed.ingest()

    assert report.changed and report.stories_added == ("extra",)
    assert report.audit_problem is not None and CORRUPT in report.audit_problem
    assert report.to_dict()["audit_problem"] == report.audit_problem
    assert {s.id for s in indexed.status().stories} == {"iraq-coalition-letter", "extra"}


def test_a_failed_reload_is_not_hidden_by_a_failing_audit(indexed, corpus_copy, monkeypatch):
    """The reload's own error is the one raised, not the audit's."""
    monkeypatch.setattr(indexed.reloading.audit, "check", lambda timeout=None: None)
    _corrupt(database_path(indexed.settings.data_dir))
    for story in corpus_copy.iterdir():
        story.unlink()

    with pytest.raises(Exception, match="no stories to index"):
        indexed.ingest()


def _read_only_connect(*args, **kwargs):
    raise sqlite3.OperationalError("attempt to write a readonly database")


def test_a_read_only_data_dir_serves_questions_and_refuses_reloads(indexed, monkeypatch):
    """Simulated (tests may run as root, whom chmod does not stop): SQLite refuses every write."""
    data_dir = indexed.settings.data_dir
    monkeypatch.setattr(retrieval.audit.sqlite3, "connect", _read_only_connect)

    answer = indexed.ask("Who wrote the letter?")
    status = indexed.status()
    with pytest.raises(AuditUnavailableError) as refused:
        indexed.ingest()

    assert answer.citations
    assert status.problems == (f"{data_dir}/ {READ_ONLY}<a writable directory>",)
    assert str(refused.value) == f"{data_dir}/ {READ_ONLY}<a writable directory>; nothing was reloaded"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod; the simulated test covers it")
def test_a_chmod_read_only_data_dir_refuses_reloads(indexed):
    data_dir = indexed.settings.data_dir
    database_path(data_dir).unlink()  # a fresh data dir: the audit file cannot even be created
    data_dir.chmod(0o555)
    try:
        assert indexed.ask("Who wrote the letter?").citations
        with pytest.raises(AuditUnavailableError, match="is read-only"):
            indexed.ingest()
    finally:
        data_dir.chmod(0o755)


def _refuse_to_open_read_only(real_create_client):
    """Chroma's local store writes to chroma.sqlite3 as it opens (chromadb 1.5), even only to answer: in a
    read-only data dir (simulated, as root writes through chmod) opening it fails."""
    import chromadb.errors

    def refuse(settings):
        real_create_client(settings)  # creates nothing new: the store is there already
        raise chromadb.errors.InternalError(
            "error returned from database: (code: 8) attempt to write a readonly database"
        )

    return refuse


def test_a_read_only_data_dir_answers_from_a_copy_of_its_index_and_refuses_reloads(
    indexed, engine_factory, counting_embeddings, monkeypatch
):
    import retrieval.wiring

    monkeypatch.setattr(
        retrieval.wiring, "create_client", _refuse_to_open_read_only(retrieval.wiring.create_client)
    )
    data_dir = indexed.settings.data_dir
    chroma_files = sorted((p, p.stat().st_mtime_ns) for p in (data_dir / "chroma").rglob("*") if p.is_file())

    restarted = _reopen(engine_factory, counting_embeddings, indexed)
    answer = restarted.ask("Who wrote the letter?")
    with pytest.raises(IndexUnavailableError) as refused:
        restarted.ingest()

    assert answer.citations and answer.corpus_version == indexed.status().corpus_version
    assert str(refused.value).startswith(f"cannot reload: {data_dir}/ {READ_ONLY}")
    assert "answered from a copy of the last index" in str(refused.value)
    # Nothing in the data dir's index was written.
    assert sorted((p, p.stat().st_mtime_ns) for p in (data_dir / "chroma").rglob("*") if p.is_file()) == (
        chroma_files
    )


def test_a_read_only_data_dir_without_an_index_names_the_fix(settings_factory, monkeypatch):
    import retrieval.wiring
    from tests.conftest import CountingEmbeddings

    monkeypatch.setattr(retrieval.wiring, "create_client", _refuse_to_open_read_only(lambda settings: None))
    settings = settings_factory()

    with pytest.raises(IndexUnavailableError) as failed:
        retrieval.wiring.build_engine(settings, embeddings=CountingEmbeddings(size=32))

    assert f"{settings.data_dir}/ {READ_ONLY}" in str(failed.value)
    assert "a copy of it could not be opened either" in str(failed.value)
