"""The corpus lifecycle tests' fixtures: a corpus holding the first story, and engines over it on each
backend (the local store, and a Chroma server: `chroma run` on 127.0.0.1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from retrieval import build_engine
from retrieval.settings import load_settings
from tests.support.chroma_server import ChromaServer
from tests.support.paths import FIRST_STORY
from tests.support.reload_process import FAKE_DIMENSIONS, FakeEmbeddings


@pytest.fixture(params=["local", "server"])
def backend(request, tmp_path):
    """Settings overrides for each backend; the server one runs a real `chroma run`."""
    if request.param == "local":
        yield {}
        return
    server = ChromaServer(tmp_path / "chroma-server").start()
    yield {"chroma_url": server.url, "reload_lease_seconds": 2.0}
    server.stop()


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
