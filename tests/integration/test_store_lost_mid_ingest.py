"""A Chroma server lost in the middle of an ingest (issue 10, section 7): the reload fails with the message
questions give for the same outage, not an unexpected failure, and the served index is untouched."""

from __future__ import annotations

import pytest

from retrieval import build_engine
from retrieval.errors import IndexUnavailableError
from retrieval.settings import load_settings
from tests.support.chroma_server import ChromaServer
from tests.support.paths import CORPUS
from tests.support.reload_process import FAKE_DIMENSIONS, FakeEmbeddings

pytestmark = pytest.mark.integration


# The server to stop the first time anything is embedded (the embeddings are a pydantic model: no room).
_TO_STOP: list[ChromaServer] = []


class StoppingEmbeddings(FakeEmbeddings):
    """Fake vectors; the server goes away while the first ones are computed."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        while _TO_STOP:
            _TO_STOP.pop().stop()
        return super().embed_documents(texts)


def test_a_server_lost_mid_ingest_is_the_index_unavailable_error(tmp_path):
    server = ChromaServer(tmp_path / "chroma-server").start()
    try:
        settings = load_settings(data_dir=tmp_path / "data", corpus_dir=CORPUS, chroma_url=server.url)
        embeddings = StoppingEmbeddings(size=FAKE_DIMENSIONS)
        engine = build_engine(settings, embeddings=embeddings)
        _TO_STOP.append(server)
        with pytest.raises(IndexUnavailableError, match="the index cannot be written right now: "):
            engine.ingest()
    finally:
        server.stop()
