"""Fixtures every test can use: settings for a throwaway data dir, real and fake embeddings, engines.

The environment is set once for the whole run, in ``pytest_configure`` (before any test module is imported
or any setting read), and put back in ``pytest_unconfigure``: nothing changes it at import.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from retrieval import StoryEngine, build_engine
from retrieval.settings import Settings, load_settings
from tests.support.paths import CORPUS
from tests.support.templates import IndexTemplates

_ENVIRONMENT = pytest.StashKey[pytest.MonkeyPatch]()


def pytest_configure(config: pytest.Config) -> None:
    """Every test runs with the test profile (config/settings.test.toml) and none of the developer's own
    STORYBOT_* settings or secrets, and the Hugging Face hub is never asked. OpenMP's wait policy is read
    when torch is first imported, also at collection.

    huggingface_hub reads HF_HUB_OFFLINE once, when it is first imported; the conftests import nothing that
    imports it, and test modules are imported after this hook, at collection."""
    hub = sys.modules.get("huggingface_hub.constants")
    if hub is not None and not hub.HF_HUB_OFFLINE:
        raise pytest.UsageError("huggingface_hub was imported before the tests could set HF_HUB_OFFLINE=1")
    environment = pytest.MonkeyPatch()
    for name in [n for n in os.environ if n.startswith("STORYBOT_")] + ["OPENAI_API_KEY", "DISCORD_TOKEN"]:
        environment.delenv(name, raising=False)
    environment.setenv("STORYBOT_PROFILE", "test")
    environment.setenv("STORYBOT_ENV_FILE", os.devnull)  # nor a developer's .env file
    environment.setenv("HF_HUB_OFFLINE", "1")
    if "OMP_WAIT_POLICY" not in os.environ:
        # OpenMP threads (torch's, and the llama server's, which inherits this) sleep instead of spinning
        # while they wait: same results, and on a busy 2-core machine a third to half less CPU and time.
        environment.setenv("OMP_WAIT_POLICY", "PASSIVE")
    config.stash[_ENVIRONMENT] = environment


def pytest_unconfigure(config: pytest.Config) -> None:
    environment = config.stash.get(_ENVIRONMENT, None)
    if environment is not None:
        environment.undo()


class CountingEmbeddings(DeterministicFakeEmbedding):
    """Deterministic fake vectors that count what they embed, and can fail on demand (a crash)."""

    embedded: int = 0
    calls: int = 0
    fail_after_calls: int | None = None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if self.fail_after_calls is not None and self.calls >= self.fail_after_calls:
            raise RuntimeError("simulated crash while embedding")
        self.calls += 1
        self.embedded += len(texts)
        return super().embed_documents(texts)


@pytest.fixture
def counting_embeddings() -> CountingEmbeddings:
    return CountingEmbeddings(size=32)


@pytest.fixture(scope="session")
def local_embeddings():
    """The real all-MiniLM-L6-v2, loaded once per test session from the installed package."""
    from retrieval.embeddings import create_embeddings

    return create_embeddings(load_settings())


@pytest.fixture
def settings_factory(tmp_path: Path) -> Callable[..., Settings]:
    def make(**overrides) -> Settings:
        values = {"data_dir": tmp_path / "data", "corpus_dir": CORPUS, **overrides}
        return load_settings(**values)

    return make


@pytest.fixture
def engine_factory(settings_factory) -> Callable[..., StoryEngine]:
    engines: list[StoryEngine] = []

    def make(embeddings, **overrides) -> StoryEngine:
        engine = build_engine(settings_factory(**overrides), embeddings=embeddings)
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.close()


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the repo's corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def index_templates(tmp_path_factory, local_embeddings) -> IndexTemplates:
    """Indexes built with the real local model once per run, copied into a test's data dir with
    ``index_templates.copy(settings)`` (see tests/support/templates.py)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):  # the run's folder, above each worker's own
        return IndexTemplates(tmp_path_factory.getbasetemp().parent / "index-templates", local_embeddings)
    return IndexTemplates(tmp_path_factory.mktemp("index-templates"), local_embeddings)


@pytest.fixture(scope="session")
def first_story_engine(tmp_path_factory, local_embeddings, index_templates) -> StoryEngine:
    """The first story indexed with the real local model (shared by the quality tests)."""
    settings = load_settings(data_dir=tmp_path_factory.mktemp("first-story"), corpus_dir=CORPUS)
    index_templates.copy(settings)
    return build_engine(settings, embeddings=local_embeddings)
