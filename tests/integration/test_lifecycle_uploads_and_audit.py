"""The corpus lifecycle, part two: uploads (accepted, rejected, or taken back when they break the reload)
and the audit trail of reloads — on the local store and on a Chroma server (fixtures in conftest.py).
Reloads themselves: test_lifecycle.py."""

from __future__ import annotations

import json

import pytest

from retrieval.errors import CorpusError, StoryFileError
from tests.support.story_files import edit_first_story

pytestmark = pytest.mark.integration


def test_upload_accepted_then_rejected(make_engine, corpus):
    engine = make_engine()
    engine.ingest()
    story = {"title": "Uploaded", "paragraphs": ["An uploaded story about ferries."], "comments": []}
    report = engine.add_story("ferries.json", json.dumps(story).encode(), actor="admin")
    assert report.stories_added == ("ferries",)
    assert (corpus / "ferries.json").exists()

    version = report.corpus_version
    for name, data, reason in [
        ("bad.json", b"{nope", "invalid JSON"),
        ("big.txt", b"x" * 10_000_001, "limit is 10,000,000"),
        ("../escape.json", json.dumps(story).encode(), None),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("my story!.json", json.dumps(story).encode(), "may use only letters, digits"),
    ]:
        with pytest.raises(StoryFileError) as caught:
            engine.add_story(name, data, actor="admin")
        if reason:
            assert reason in str(caught.value)
    assert sorted(p.name for p in corpus.iterdir()) == ["ferries.json", "iraq-coalition-letter.txt"]
    assert engine.status().corpus_version == version


def test_an_upload_that_breaks_the_reload_is_taken_back(make_engine, corpus):
    engine = make_engine()
    engine.ingest()
    # Valid on its own, but its id clashes with the served story: the strict reload refuses it.
    clash = {"id": "iraq-coalition-letter", "title": "Clash", "paragraphs": ["Same id, other file."]}
    with pytest.raises(CorpusError, match="already used"):
        engine.add_story("clash.json", json.dumps(clash).encode(), actor="admin")
    assert not (corpus / "clash.json").exists()


def test_audit_rows(make_engine, corpus):
    engine = make_engine()
    engine.ingest(actor="alice")
    engine.ingest(actor="bob")
    edit_first_story(corpus)
    engine.ingest(actor="carol")
    with pytest.raises(StoryFileError):
        engine.add_story("x.json", b"[]", actor="dave")
    rows = engine.reloads(10)
    assert [(r.actor, r.result) for r in rows] == [
        ("dave", "failed"),
        ("carol", "ok"),
        ("bob", "unchanged"),
        ("alice", "ok"),
    ]
    carol = rows[1]
    assert carol.changes["stories_changed"] == ["iraq-coalition-letter"]
    assert carol.changes["comments_added"] == 1 and carol.previous_version != carol.corpus_version
    assert rows[0].upload == "x.json" and "expected a JSON object" in rows[0].error
    assert engine.status().last_reload == rows[0]
    assert "carol: ok" in carol.describe()
