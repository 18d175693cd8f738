"""Stories per server: one server's uploads change only its own members' answers; the operator's shared
stories reach every server."""

from __future__ import annotations

import json

import pytest

from retrieval import StoryFileError, build_server_corpora, load_settings

ALPHA, BETA = 111, 222


def _story(story_id: str, title: str, text: str) -> bytes:
    return json.dumps({"id": story_id, "title": title, "paragraphs": [text]}).encode()


@pytest.fixture
def corpora(tmp_path, corpus_copy, local_embeddings):
    settings = load_settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    corpora = build_server_corpora(settings, embeddings=local_embeddings)
    corpora.reload_shared(actor="cli")
    yield corpora
    corpora.close()


def _stories(corpora, server):
    return sorted(s.id for s in corpora.engine(server).stories())


def test_an_upload_changes_its_own_server_only(corpora):
    shared = _stories(corpora, None)
    assert _stories(corpora, ALPHA) == _stories(corpora, BETA) == shared == ["iraq-coalition-letter"]

    report = corpora.add_story(
        ALPHA, "ferry.json", _story("ferry", "Ferry fares to double", "Fares double in May."), actor="alpha"
    )

    assert report.stories == 2
    assert _stories(corpora, ALPHA) == ["ferry", "iraq-coalition-letter"]
    assert _stories(corpora, BETA) == shared  # the other server, and the shared corpus, are untouched
    assert _stories(corpora, None) == shared
    assert "Fares double" in corpora.engine(ALPHA).ask("when do ferry fares double?").answer
    assert corpora.engine(BETA).ask("when do ferry fares double?").abstained
    # Each server keeps its own audit trail.
    assert corpora.engine(ALPHA).reloads(1)[0].actor == "alpha"
    assert all(r.actor != "alpha" for r in corpora.engine(BETA).reloads(5))


def test_a_server_cannot_replace_a_shared_story(corpora):
    hostile = _story("iraq-coalition-letter", "Forged", "The letter was never sent.")
    with pytest.raises(StoryFileError, match="shared with every server"):
        corpora.add_story(ALPHA, "aa.json", hostile, actor="alpha")
    with pytest.raises(StoryFileError, match="shared with every server"):
        corpora.add_story(ALPHA, "iraq-coalition-letter.txt", b"forged", actor="alpha")
    assert _stories(corpora, ALPHA) == _stories(corpora, None) == ["iraq-coalition-letter"]
    assert corpora.servers() == []


def test_the_shared_stories_follow_into_every_server(corpora, corpus_copy):
    corpora.add_story(ALPHA, "ferry.json", _story("ferry", "Ferry", "Fares double in May."), actor="alpha")
    (corpus_copy / "library.json").write_bytes(_story("library", "Library hours", "It closes on Sundays."))

    corpora.reload_shared(actor="operator")

    assert _stories(corpora, ALPHA) == ["ferry", "iraq-coalition-letter", "library"]
    assert _stories(corpora, BETA) == ["iraq-coalition-letter", "library"]
    (corpus_copy / "library.json").unlink()
    corpora.reload_shared(actor="operator")
    assert _stories(corpora, ALPHA) == ["ferry", "iraq-coalition-letter"]
    # A server's own reload re-indexes its corpus; a server without uploads has nothing of its own.
    assert corpora.reload(ALPHA, actor="alpha").stories == 2
    assert corpora.reload(BETA, actor="beta") is None
