"""The Chroma client: a server when ``chroma_url`` is set, else a local store under the data dir."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings

from retrieval.errors import ConfigError, IndexUnavailableError
from retrieval.settings import Settings


def _chroma_settings() -> ChromaSettings:
    """No telemetry (no network at run time) and no reset: an index is only ever replaced by a reload. A
    new object each time: a local client writes its path into the settings it is given."""
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def create_client(settings: Settings) -> chromadb.ClientAPI:
    """A Chroma client for the settings: a server when ``chroma_url`` is set, else a local store."""
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ConfigError(
                f"STORYBOT_CHROMA_URL must look like http://host:port, not {settings.chroma_url!r}"
            )
        try:
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=_chroma_settings(),
            )
        except Exception as exc:
            raise IndexUnavailableError(
                f"cannot reach the Chroma server at {settings.chroma_url}: {exc}"
            ) from exc
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())


def copy_of_local_index(settings: Settings) -> chromadb.ClientAPI:
    """A private copy of the local store, for a data dir that cannot be written: Chroma's local store
    (chromadb 1.5) writes to chroma.sqlite3 as it opens, even only to answer. Answers only: the copy is
    gone at exit, and reloads are refused (``ReadOnlyReloadLock``)."""
    copy = Path(tempfile.mkdtemp(prefix="storybot-index-copy-"))
    atexit.register(shutil.rmtree, copy, ignore_errors=True)
    shutil.copytree(settings.data_dir / "chroma", copy / "chroma")
    return chromadb.PersistentClient(path=str(copy / "chroma"), settings=_chroma_settings())
