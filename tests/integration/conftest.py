"""The corpus lifecycle tests' fixtures: a corpus holding the first story, and engines over it on each
backend (the local store, and a Chroma server: `chroma run` on 127.0.0.1)."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest

from retrieval import build_engine
from retrieval.settings import load_settings
from tests.support.chroma_server import ChromaServer
from tests.support.paths import FIRST_STORY
from tests.support.reload_process import FAKE_DIMENSIONS, FakeEmbeddings


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """One real `chroma run` per test process, shared: each test keeps to collections of its own (below)."""
    server = ChromaServer(tmp_path_factory.mktemp("chroma") / "server").start()
    yield server
    server.stop()


@pytest.fixture(params=["local", "server"])
def backend(request):
    """Settings overrides for each backend. On the server, a namespace of the test's own, as two bots sharing
    a server would have: the test sees no collection, record or lease of another (and a server costs two
    to four seconds to start)."""
    if request.param == "local":
        return {}
    server = request.getfixturevalue("chroma_server")
    return {
        "chroma_url": server.url,
        "index_namespace": f"t{uuid.uuid4().hex[:12]}",
        "reload_lease_seconds": 2.0,
    }


@pytest.fixture
def corpus(tmp_path) -> Path:
    directory = tmp_path / "corpus"
    directory.mkdir()
    shutil.copy(FIRST_STORY, directory / FIRST_STORY.name)
    return directory


@pytest.fixture
def make_engine(tmp_path, corpus, backend):
    def make(embeddings=None, **overrides):
        # Fake vectors carry no meaning, so answers here rest on shared words: never abstain for low support.
        values = {
            "data_dir": tmp_path / "data",
            "corpus_dir": corpus,
            "min_support": 0.0,
            **backend,
            **overrides,
        }
        return build_engine(
            load_settings(**values), embeddings=embeddings or FakeEmbeddings(size=FAKE_DIMENSIONS)
        )

    return make
