"""Ingest and questions against a real Chroma server (`chroma run`) on 127.0.0.1."""

from __future__ import annotations

import pytest

from retrieval import Backend, build_engine
from retrieval.errors import IndexUnavailableError
from retrieval.settings import load_settings
from tests.support.chroma_server import ChromaServer
from tests.support.paths import CORPUS

pytestmark = pytest.mark.integration


@pytest.fixture
def chroma(tmp_path):
    server = ChromaServer(tmp_path / "chroma-server").start()
    yield server
    server.stop()


def test_ingest_and_ask_through_a_chroma_server(chroma, tmp_path, local_embeddings):
    settings = load_settings(data_dir=tmp_path / "data", corpus_dir=CORPUS, chroma_url=chroma.url)
    engine = build_engine(settings, embeddings=local_embeddings)
    report = engine.ingest()
    assert (report.stories, report.chunks, report.embedded) == (1, 8, 8)
    assert not (tmp_path / "data" / "chroma").exists()  # nothing in the local store

    answer = engine.ask("What did Trump threaten Iraq with if US troops were forced out?")
    assert not answer.abstained and "very big sanctions" in answer.citations[0].text
    assert engine.status().backend == Backend("server", chroma.url)

    # A second process (another shard) sees the same index, without ingesting anything.
    other = build_engine(settings, embeddings=local_embeddings)
    assert other.status().corpus_version == report.corpus_version
    assert other.ingest().embedded == 0


def test_an_outage_is_a_clear_error_and_the_index_serves_again_after(chroma, tmp_path, local_embeddings):
    settings = load_settings(data_dir=tmp_path / "data", corpus_dir=CORPUS, chroma_url=chroma.url)
    engine = build_engine(settings, embeddings=local_embeddings)
    version = engine.ingest().corpus_version
    chroma.stop()
    with pytest.raises(IndexUnavailableError, match="the index cannot be read: .*Connection refused"):
        engine.ask("Who called the letter poorly worded?")
    chroma.start()
    engine.ask("Who called the letter poorly worded?")
    chroma.stop()
    # Mid-service: the pointer cannot be re-read, and the search itself fails: still one clear error.
    with pytest.raises(IndexUnavailableError, match="cannot be searched right now"):
        engine.ask("Who called the letter poorly worded?")
    chroma.start()
    answer = engine.ask("Who called the letter poorly worded?")
    assert answer.corpus_version == version and not answer.abstained


def test_unreachable_server_at_startup(tmp_path, local_embeddings):
    from tests.support.servers import free_port

    settings = load_settings(
        data_dir=tmp_path / "data", corpus_dir=CORPUS, chroma_url=f"http://127.0.0.1:{free_port()}"
    )
    with pytest.raises(IndexUnavailableError, match="Chroma server"):
        build_engine(settings, embeddings=local_embeddings)
