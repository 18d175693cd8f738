"""Stories per server: the operator's shared corpus for everyone, each server's own uploads for its members.

A server that has never uploaded a story is answered by the shared engine. The first upload gives the server
an engine of its own: its own folder (``data_dir/servers/<id>/corpus``), its own data directory (audit, lock,
local index) and, on a Chroma server, its own collections (``<namespace>-s<id>``). Separate indexes rather
than a server filter on one index: one server's reload can then neither block nor change another's, and
single-flight reloads, audit, diffs, versions and crash safety hold per server as they do for the shared
corpus, with no new code.

A server's corpus is its uploads plus a copy of the shared story files (listed in ``.shared.json``), so its
members are answered from both in one index. The copy is refreshed before every reload of the server and
after every reload of the shared corpus. An upload may not take a shared story's file name or story id.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval.corpus.loader import parse_story_bytes, story_files
from retrieval.engine import StoryEngine
from retrieval.errors import IndexEmptyError, StoryFileError
from retrieval.index.report import EmbedProgress, IngestReport
from retrieval.settings import Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

SHARED_LIST = ".shared.json"

EngineBuilder = Callable[[Settings], StoryEngine]


class ServerCorpora:
    """The engine answering each server, and the reloads that change one server's stories or everyone's."""

    def __init__(self, settings: Settings, shared: StoryEngine, build: EngineBuilder) -> None:
        self.settings = settings
        self.shared = shared
        self._build = build  # an engine from settings, sharing the embedding model and chat model
        self._engines: dict[int, StoryEngine] = {}
        self._lock = threading.Lock()

    @classmethod
    def around(cls, shared: StoryEngine, llm: BaseChatModel | None = None) -> ServerCorpora:
        """Per-server engines beside the shared engine: the same embedding model (whose vectors of the
        shared stories they reuse instead of embedding them again) and the same chat model."""
        from retrieval.wiring import build_engine

        embeddings = shared.answering.retriever.embeddings
        reuse = shared.reloading.store.vectors_by_text_hash

        def build(settings: Settings) -> StoryEngine:
            # A test's substitute generator answers from the shared store; a server's engine builds its own.
            return build_engine(settings, embeddings=embeddings, llm=llm, vectors_elsewhere=reuse)

        return cls(shared.settings, shared, build)

    # -- which engine answers ---------------------------------------------------------------------------

    def engine(self, server: int | None) -> StoryEngine:
        """The engine for members of ``server`` (None: a direct message or the CLI): the server's own once it
        has uploaded a story, the shared one until then."""
        if server is None:
            return self.shared
        with self._lock:
            engine = self._engines.get(server)
            if engine is None and self._uploads(server):
                engine = self._engines[server] = self._build(self._settings_of(server))
            return engine or self.shared

    def servers(self) -> list[int]:
        """The servers with stories of their own, on disk."""
        root = self.settings.data_dir / "servers"
        if not root.is_dir():
            return []
        return sorted(int(p.name) for p in root.iterdir() if p.name.isdigit() and self._uploads(int(p.name)))

    # -- reloads ----------------------------------------------------------------------------------------

    def add_story(
        self, server: int, file_name: str, data: bytes, *, actor: str, progress: EmbedProgress | None = None
    ) -> IngestReport:
        """Save an uploaded story into ``server``'s own corpus and reload that server's index."""
        shared = self._shared_stories()
        taken = file_name in {Path(p).name for p in shared.values()}
        story = None if taken else parse_story_bytes(file_name, data, limits=self.shared.reloading.limits)
        if story is None or story.id in shared:
            raise StoryFileError(
                file_name,
                f"the story {'file' if taken else repr(story.id)} is shared with every server by the bot's "
                "operator; give yours another file name and id",
            )
        corpus = self._corpus_dir(server)
        corpus.mkdir(parents=True, exist_ok=True)
        self._copy_shared(server)
        with self._lock:
            engine = self._engines.get(server)
            if engine is None:
                engine = self._engines[server] = self._build(self._settings_of(server))
        return engine.add_story(file_name, data, actor=actor, progress=progress)

    def reload(self, server: int, *, actor: str) -> IngestReport | None:
        """Re-index ``server``'s own stories (with the shared ones as they are now); None when it has none."""
        if not self._uploads(server):
            return None
        self._copy_shared(server)
        return self.engine(server).ingest(strict=True, actor=actor)

    def add_shared_story(
        self, file_name: str, data: bytes, *, actor: str, progress: EmbedProgress | None = None
    ) -> IngestReport:
        """Save an uploaded story into the shared corpus (the operator's), then bring every server along."""
        report = self.shared.add_story(file_name, data, actor=actor, progress=progress)
        self.follow_shared(actor=actor)
        return report

    def reload_shared(self, *, actor: str, progress: EmbedProgress | None = None) -> IngestReport:
        """Re-index the shared corpus, then every server's index so its copy of the shared stories follows."""
        report = self.shared.ingest(strict=True, actor=actor, progress=progress)
        self.follow_shared(actor=actor)
        return report

    def follow_shared(self, *, actor: str) -> None:
        """Bring every server's copy of the shared stories up to date and re-index the servers whose copy
        changed (after a shared reload, and at start-up: the operator may have run ``storybot ingest``)."""
        for server in self.servers():
            if self._copy_shared(server):
                try:
                    self.engine(server).ingest(strict=False, actor=f"{actor} (shared stories changed)")
                except Exception:  # one server's failure must not stop the others; its last index serves
                    log.exception("server %s: could not re-index after the shared stories changed", server)

    def close(self) -> None:
        with self._lock:
            for engine in self._engines.values():
                engine.close()
            self._engines.clear()

    def _shared_stories(self) -> dict[str, str]:
        """The shared stories' ids and source files (none before the first shared ingest)."""
        try:
            return {s.id: s.source_path for s in self.shared.stories()}
        except IndexEmptyError:
            return {}

    # -- the server's folder ----------------------------------------------------------------------------

    def _root(self, server: int) -> Path:
        return self.settings.data_dir / "servers" / str(server)

    def _corpus_dir(self, server: int) -> Path:
        return self._root(server) / "corpus"

    def _settings_of(self, server: int) -> Settings:
        root = self._root(server)
        return self.settings.model_copy(
            update={
                "data_dir": root / "data",
                "corpus_dir": root / "corpus",
                "index_namespace": f"{self.settings.index_namespace}-s{server}",
            }
        )

    def _shared_names(self, server: int) -> dict[str, float]:
        try:
            listed = json.loads((self._corpus_dir(server) / SHARED_LIST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): float(v) for k, v in listed.items()} if isinstance(listed, dict) else {}

    def _uploads(self, server: int) -> list[Path]:
        corpus = self._corpus_dir(server)
        if not corpus.is_dir():
            return []
        shared = self._shared_names(server)
        return [p for p in story_files(corpus) if p.name not in shared]

    def _copy_shared(self, server: int) -> bool:
        """Make the server's copy of the shared story files match the shared corpus; True if it changed."""
        corpus = self._corpus_dir(server)
        before = self._shared_names(server)
        source = self.settings.corpus_dir
        now = {p.name: p.stat().st_mtime for p in story_files(source)} if source.is_dir() else {}
        uploads = {p.name for p in self._uploads(server)}
        changed = False
        for name in before.keys() - now.keys():
            (corpus / name).unlink(missing_ok=True)
            changed = True
        for name, mtime in now.items():
            if name in uploads:  # an upload older than the operator's file of that name keeps its place
                log.warning("server %s: its upload %s hides the shared story file of that name", server, name)
                continue
            if before.get(name) != mtime or not (corpus / name).is_file():
                shutil.copy2(source / name, corpus / name)
                changed = True
        (corpus / SHARED_LIST).write_text(json.dumps({n: m for n, m in now.items() if n not in uploads}))
        return changed
