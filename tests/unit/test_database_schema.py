"""storybot.sqlite3 layouts: a file from before they were numbered is taken over; a newer one is refused
with the fix, and questions are answered meanwhile."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from retrieval import database_path
from retrieval.audit import DATABASE_SCHEMA, AuditUnavailableError


@pytest.fixture
def indexed(engine_factory, counting_embeddings, corpus_copy):
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy)
    engine.ingest()
    return engine


def _set_version(path, version: int) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {version}")
        db.commit()


def _version(path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("PRAGMA user_version").fetchone()[0]


def test_an_unnumbered_file_is_taken_over_with_its_history(
    indexed, engine_factory, counting_embeddings, corpus_copy
):
    path = database_path(indexed.settings.data_dir)
    _set_version(path, 0)  # as every file was before layouts were numbered
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy)
    assert [r.result for r in engine.reloads(5)] == ["ok"]
    assert _version(path) == DATABASE_SCHEMA


def test_a_newer_file_is_refused_with_the_fix_and_questions_go_on(
    indexed, engine_factory, counting_embeddings, corpus_copy
):
    path = database_path(indexed.settings.data_dir)
    _set_version(path, DATABASE_SCHEMA + 1)
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy)

    assert engine.ask("Who wrote the letter?").citations
    [problem] = engine.status().problems
    assert problem == (
        f"{path} was written by a newer storybot (layout {DATABASE_SCHEMA + 1}; this one reads up to "
        f"{DATABASE_SCHEMA}): upgrade storybot, or move the file aside"
    )
    with pytest.raises(AuditUnavailableError, match="newer storybot"):
        engine.ingest()
    assert _version(path) == DATABASE_SCHEMA + 1  # never written over
