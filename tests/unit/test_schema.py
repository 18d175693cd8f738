"""Index layouts: an older one is read and upgraded by the next reload; a newer one is refused in one line."""

from __future__ import annotations

import json

import pytest

from retrieval import IndexSchemaError, build_engine, load_settings
from retrieval.index.manifest import INDEX_SCHEMA


def _rewrite_manifest(engine, change) -> None:
    store = engine.reloading.store
    manifest = json.loads(store.active().to_json())
    change(manifest)
    # The raw pointer record, as another version of storybot would have written it.
    store._meta.upsert(ids=["active"], embeddings=[[0.0]], documents=[json.dumps(manifest)])


def test_an_older_layout_is_read_and_the_next_reload_writes_the_current_one(
    tmp_path, corpus_copy, counting_embeddings
):
    settings = load_settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    engine = build_engine(settings, embeddings=counting_embeddings)
    engine.ingest()
    _rewrite_manifest(engine, lambda m: m.pop("schema"))  # written before layouts were numbered
    engine.snapshots.invalidate()
    assert engine.status().stories  # served as it is
    engine.ingest()
    assert engine.reloading.store.active().schema == INDEX_SCHEMA
    engine.close()


def test_a_newer_layout_is_refused_with_the_fix(tmp_path, corpus_copy, counting_embeddings):
    settings = load_settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    engine = build_engine(settings, embeddings=counting_embeddings)
    engine.ingest()
    _rewrite_manifest(engine, lambda m: m.update(schema=INDEX_SCHEMA + 1, stories=[{"id": "x", "future": 1}]))
    engine.snapshots.invalidate()
    with pytest.raises(IndexSchemaError, match=r"newer storybot .*upgrade storybot"):
        engine.ask("Who wrote the letter?")
    with pytest.raises(IndexSchemaError):
        engine.ingest()  # nor is it overwritten
    engine.close()
