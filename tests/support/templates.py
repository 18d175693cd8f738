"""Indexes built once per test run and copied into each test's data dir.

Ingesting a corpus with the real embedding model takes seconds; copying the data dir it leaves (the local
Chroma store, the audit trail, the lock file) takes milliseconds. A template is keyed by what decides the
index: the corpus files' names and bytes, and every core setting except the data and corpus dirs and the
language model's (``llm_*``), which take no part in indexing. Tests with another corpus or other settings
get a template of their own, built on first use and shared by every later test with the same key. The
key does not see the code: a test that patches how stories are chunked or indexed ingests on its own.
Settings that only shape answers (``ANSWER_TIME``) are left out of the key: they write nothing to disk.

Under pytest-xdist the worker processes share one folder of templates, each built by whichever worker
needs it first while the others wait on its lock (the pattern of pytest-xdist's docs, "Making
session-scoped fixtures execute only once"): a 426-comment thread is embedded once, not once per worker.

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

from filelock import FileLock
from langchain_core.embeddings import Embeddings

from retrieval import build_engine
from retrieval.settings import Settings

# Read when a question is answered or a summary made, never by ``ingest``.
ANSWER_TIME = frozenset(
    {
        "passages",
        "answer_sentences",
        "min_support",
        "dense_candidates",
        "sparse_candidates",
        "rrf_k",
        "max_question_chars",
        "summary_points",
    }
)


def index_key(settings: Settings) -> str:
    """What decides the index built from ``settings``: the corpus files and the settings that index."""
    values = {
        name: getattr(settings, name)
        for name in sorted(Settings.model_fields)
        if name not in ("data_dir", "corpus_dir") and name not in ANSWER_TIME and not name.startswith("llm_")
    }
    files = sorted(
        (p.name, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in settings.corpus_dir.iterdir()
        if p.is_file()
    )
    return repr((sorted(values.items()), files))


class IndexTemplates:
    """Run-wide: ``copy(settings)`` fills ``settings.data_dir`` with the corpus indexed as ``settings``
    would index it, with ``embeddings`` (the session's real model). ``root`` may be shared by several
    processes of one run."""

    def __init__(self, root: Path, embeddings: Embeddings) -> None:
        self.root = root
        self.embeddings = embeddings
        root.mkdir(parents=True, exist_ok=True)

    def copy(self, settings: Settings) -> Path:
        """Copy the template for ``settings`` (built now, if it is the first of its kind) into
        ``settings.data_dir``, which must not hold an index yet; returns the data dir."""
        if settings.chroma_url:
            raise ValueError("a template is a local store; a Chroma server keeps its index elsewhere")
        name = hashlib.sha256(index_key(settings).encode()).hexdigest()[:16]
        template = self.root / f"index-{name}"
        complete = self.root / f"index-{name}.complete"
        with FileLock(self.root / f"index-{name}.lock"):
            if not complete.exists():
                shutil.rmtree(template, ignore_errors=True)  # a build that failed part way
                # No language model is built for the template: it takes no part in indexing.
                update = {"data_dir": template, "llm_base_url": None, "openai_api_key": None}
                engine = build_engine(settings.model_copy(update=update), embeddings=self.embeddings)
                try:
                    engine.ingest()
                finally:
                    engine.close()
                complete.touch()
        shutil.copytree(template, settings.data_dir, dirs_exist_ok=True)
        return settings.data_dir
