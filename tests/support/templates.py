"""Indexes built once per test session and copied into each test's data dir.

Ingesting a corpus with the real embedding model takes seconds; copying the data dir it leaves (the local
Chroma store, the audit trail, the lock file) takes milliseconds. A template is keyed by what decides the
index: the corpus files' names and bytes, and every core setting except the data and corpus dirs and the
language model's (``llm_*``), which take no part in indexing. Tests with another corpus or other settings
get a template of their own, built on first use and shared by every later test with the same key. The
key does not see the code: a test that patches how stories are chunked or indexed ingests on its own.

A copy holds what ``engine.ingest()`` (actor "cli") leaves behind, down to its audit row. Build the test's
engine on the copy, with the session's model (or a wrapper that embeds as it does), and do not ingest it
again. Chroma writes synchronously, so once ``ingest`` has returned the template is complete on disk; and
since Chroma's local client keeps one system per path for the whole process, every engine opens its own
copy's path, never the template's.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from langchain_core.embeddings import Embeddings

from retrieval import build_engine
from retrieval.settings import Settings


def index_key(settings: Settings) -> str:
    """What decides the index built from ``settings``: the corpus files and the settings that index."""
    values = {
        name: getattr(settings, name)
        for name in sorted(Settings.model_fields)
        if name not in ("data_dir", "corpus_dir") and not name.startswith("llm_")
    }
    files = sorted(
        (p.name, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in settings.corpus_dir.iterdir()
        if p.is_file()
    )
    return repr((sorted(values.items()), files))


class IndexTemplates:
    """Session-wide: ``copy(settings)`` fills ``settings.data_dir`` with the corpus indexed as ``settings``
    would index it, with ``embeddings`` (the session's real model)."""

    def __init__(self, root: Path, embeddings: Embeddings) -> None:
        self.root = root
        self.embeddings = embeddings
        self._built: dict[str, Path] = {}

    def copy(self, settings: Settings) -> Path:
        """Copy the template for ``settings`` (built now, if it is the first of its kind) into
        ``settings.data_dir``, which must not hold an index yet; returns the data dir."""
        if settings.chroma_url:
            raise ValueError("a template is a local store; a Chroma server keeps its index elsewhere")
        key = index_key(settings)
        template = self._built.get(key)
        if template is None:
            template = self.root / f"index-{len(self._built) + 1}"
            # No language model is built for the template: it takes no part in indexing.
            update = {"data_dir": template, "llm_base_url": None, "openai_api_key": None}
            engine = build_engine(settings.model_copy(update=update), embeddings=self.embeddings)
            try:
                engine.ingest()
            finally:
                engine.close()
            self._built[key] = template
        shutil.copytree(template, settings.data_dir, dirs_exist_ok=True)
        return settings.data_dir
