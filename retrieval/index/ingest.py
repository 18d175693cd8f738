"""Building the next index generation from a parsed corpus.

Re-runnable and incremental: a story whose file is unchanged is not even re-chunked; a changed story
is chunked and only chunks whose records differ are written; piece vectors are looked up by text
hash before anything is embedded. New records are invisible until the pointer flips (see store.py), so a
crash at any point leaves the served generation untouched, and the next run picks up the records the
crashed run already wrote instead of embedding them again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from retrieval.chunking import Chunk, chunk_story, text_hash
from retrieval.corpus.limits import DEFAULT_LIMITS
from retrieval.corpus.loader import CorpusLoad
from retrieval.corpus.model import Story
from retrieval.corpus.roles import RULES_VERSION
from retrieval.errors import CorpusError, IndexSchemaError, IndexUnavailableError, StorybotError, store_errors
from retrieval.index.manifest import INDEX_SCHEMA, Manifest, StoryEntry, corpus_version
from retrieval.index.passage import Passage
from retrieval.index.report import EmbedProgress, IngestReport, diff_story
from retrieval.index.store import INF_GEN, ChromaStore

log = logging.getLogger(__name__)

# Pieces written per step: a crash loses at most one step's embedding work.
WRITE_STEP_PIECES = 1024


class IndexValidationError(StorybotError):
    """The new generation failed its checks; the old one keeps serving."""


class Ingestor:
    """Plans and writes one generation. Not thread-safe: the caller holds the reload lock."""

    def __init__(
        self,
        store: ChromaStore,
        embeddings: Embeddings,
        *,
        chunk_size: int,
        chunk_overlap: int,
        near_repeats: int = DEFAULT_LIMITS.near_repeats,
        vectors_elsewhere: Callable[[set[str]], dict[str, np.ndarray]] | None = None,
    ) -> None:
        self.store = store
        # Another store of vectors made by the same model (a server's index asks the shared one), read
        # before embedding: text already embedded there is not embedded again.
        self.vectors_elsewhere = vectors_elsewhere
        self.embeddings = embeddings
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self.near_repeats = near_repeats

    @property
    def fingerprint(self) -> str:
        # The role rules and the folding of repeats shape each chunk's metadata and pieces: when they
        # change, every story is re-chunked (its vectors are reused). "meta:2": titles left the chunks;
        # "heads:1": a subhead that asks shares a chunk with the paragraph it heads.
        return (
            f"chunks:{self.chunk_size}/{self.chunk_overlap};roles:{RULES_VERSION};"
            f"fold:{self.near_repeats};meta:2;heads:1"
        )

    def chunk(self, story: Story) -> list[Chunk]:
        return chunk_story(story, self.chunk_size, self.chunk_overlap, self.near_repeats)

    def served_files(self) -> dict[str, str]:
        """The file name serving each story id now, so that a new file claiming one of those ids is the one
        refused (see ``load_corpus``). Empty when the store cannot be read: ``run`` then says so."""
        try:
            active = self.store.active()
        except Exception:
            return {}
        return {e.id: Path(e.source_path).name for e in active.stories} if active else {}

    def run(
        self, load: CorpusLoad, *, strict: bool = False, progress: EmbedProgress | None = None
    ) -> IngestReport:
        """Build and serve the next generation. A store lost on the way (a Chroma server gone mid-ingest)
        is an IndexUnavailableError with what the store said, as questions report it; the served
        generation is untouched until the pointer flips, and the next run picks up what this one wrote."""
        with store_errors("written"):
            return self._run(load, strict, progress)

    def _run(self, load: CorpusLoad, strict: bool, progress: EmbedProgress | None) -> IngestReport:
        started = time.perf_counter()
        problems = tuple(str(p) for p in load.problems)
        if strict and load.problems:
            raise CorpusError(
                f"{len(load.problems)} story file(s) cannot be used; nothing was changed: "
                + "; ".join(problems),
                load.problems,
            )
        try:
            active = self.store.active()
        except IndexSchemaError:
            raise  # a newer storybot's index: never written over
        except Exception as exc:
            raise IndexUnavailableError(f"the index cannot be read: {exc}") from exc
        served = active.generation if active else 0
        target = served + 1
        # An index of an older layout is rewritten as a whole, as for new chunking settings.
        same_chunking = (
            active is not None and active.fingerprint == self.fingerprint and active.schema == INDEX_SCHEMA
        )
        old_entries = {e.id: e for e in active.stories} if active else {}

        # A broken file whose story is being served keeps its last good version.
        broken_names = {p.path.name for p in load.problems}
        loaded_ids = {s.id for s in load.stories}
        kept = [
            e
            for e in old_entries.values()
            if Path(e.source_path).name in broken_names and e.id not in loaded_ids and same_chunking
        ]
        if not load.stories and not kept:
            raise CorpusError(
                "no stories to index" + (f": {'; '.join(problems)}" if problems else ""), load.problems
            )

        unchanged = [
            s
            for s in load.stories
            if same_chunking and s.id in old_entries and old_entries[s.id].file_hash == s.file_hash
        ]
        unchanged_ids = {s.id for s in unchanged} | {e.id for e in kept}
        rebuild = [s for s in load.stories if s.id not in unchanged_ids]
        gone = [sid for sid in old_entries if sid not in loaded_ids and sid not in unchanged_ids]

        self._recover(served)
        self.store.drop_unreadable_unserved(served)
        pending = {r.record_id: r for r in self.store.passages_where({"gen_from": {"$gt": served}})}
        if active is not None and not rebuild and not gone and not pending:
            return IngestReport(
                stories=len(active.stories),
                chunks=active.chunk_count,
                embedded=0,
                reused=active.chunk_count,
                removed=0,
                corpus_version=active.corpus_version,
                seconds=round(time.perf_counter() - started, 3),
                generation=served,
                previous_version=active.corpus_version,
                problems=problems,
                kept_from_previous=tuple(sorted(e.id for e in kept)),
                without_article_text=active.without_article_text,
            )

        entries: dict[str, StoryEntry] = {sid: old_entries[sid] for sid in unchanged_ids}
        desired: dict[str, Chunk] = {}
        for story in rebuild:
            chunks = self.chunk(story)
            entries[story.id] = StoryEntry.from_story(story, chunks)
            desired.update((c.record_id, c) for c in chunks)

        live: dict[str, Passage] = {}
        if served:
            for sid in [*[s.id for s in rebuild if s.id in old_entries], *gone]:
                live.update((r.record_id, r) for r in self.store.live_passages(served, story=sid))
        to_retire = [r for rid, r in live.items() if rid not in desired]
        to_add = [c for rid, c in desired.items() if rid not in live]
        to_write = [c for c in to_add if c.record_id not in pending]
        wanted_pending = {c.record_id for c in to_add}
        stale = [r for rid, r in pending.items() if rid not in wanted_pending]
        self.store.delete(stale)
        # Pieces a crashed run wrote before the chunk they belong to: keep them if that chunk is still
        # wanted (their vectors are reused), drop the rest.
        self.store.delete_orphan_pieces(served, keep_chunks={c.record_id for c in to_add})

        embedded_chunks, pieces_embedded = self._write(to_write, target, progress)

        self.store.set_gen_to(to_retire, target)
        manifest = Manifest(
            generation=target,
            corpus_version=corpus_version(list(entries.values())),
            built_at=time.time(),
            fingerprint=self.fingerprint,
            stories=tuple(sorted(entries.values(), key=lambda e: e.id)),
        )
        self._validate(manifest)
        self.store.activate(manifest)
        # Records invisible to both the old and the new generation can go now; the ones this run
        # superseded stay readable for questions already under way (see ``superseded``).
        self.store.collect_garbage(served)

        desired_chunk_ids = {c.chunk_id for c in desired.values()}
        removed = len({r.metadata["chunk_id"] for r in to_retire} - desired_chunk_ids)
        chunks_total = manifest.chunk_count
        return IngestReport(
            stories=len(manifest.stories),
            chunks=chunks_total,
            embedded=embedded_chunks,
            reused=chunks_total - embedded_chunks,
            removed=removed,
            corpus_version=manifest.corpus_version,
            seconds=round(time.perf_counter() - started, 3),
            generation=target,
            previous_version=active.corpus_version if active else None,
            pieces_embedded=pieces_embedded,
            stories_added=tuple(sorted(s.id for s in rebuild if s.id not in old_entries)),
            stories_removed=tuple(sorted(gone)),
            stories_changed=tuple(sorted(s.id for s in rebuild if s.id in old_entries)),
            story_diffs=tuple(
                diff_story(old_entries.get(s.id), entries[s.id]) for s in sorted(rebuild, key=lambda s: s.id)
            ),
            problems=problems,
            kept_from_previous=tuple(sorted(e.id for e in kept)),
            without_article_text=manifest.without_article_text,
            superseded=tuple(to_retire),
        )

    def _recover(self, served: int) -> None:
        """Undo the retirement marks of a run that died before it flipped the pointer."""
        marked = self.store.passages_where(
            {"$and": [{"gen_to": {"$gt": served}}, {"gen_to": {"$lt": INF_GEN}}]}
        )
        if marked:
            log.warning("resuming after an interrupted reload: restoring %d records", len(marked))
            self.store.set_gen_to(marked, INF_GEN)

    def _write(
        self, chunks: Sequence[Chunk], generation: int, progress: EmbedProgress | None
    ) -> tuple[int, int]:
        """Write ``chunks`` with their piece vectors; returns (chunks that needed embedding, pieces embedded).

        Work goes in steps of about WRITE_STEP_PIECES pieces: each step's new texts are embedded in one
        call (the model sorts them by length, so batches carry little padding) and written while the next
        step embeds. A crash loses at most the step in flight; earlier steps are in the store, invisible
        until the pointer flips, and the next run reuses them.
        """
        known = self.store.vectors_by_text_hash({text_hash(t) for c in chunks for t in c.piece_texts()})
        missing = {text_hash(t) for c in chunks for t in c.piece_texts()} - set(known)
        if missing and self.vectors_elsewhere is not None:
            known.update(self.vectors_elsewhere(missing))
            missing -= set(known)
        total = len(missing)
        embedded_chunks = sum(1 for c in chunks if any(text_hash(t) in missing for t in c.piece_texts()))
        if progress:
            progress(0, total)

        steps: list[list[Chunk]] = [[]]
        size = 0
        for chunk in chunks:
            if size >= WRITE_STEP_PIECES:
                steps.append([])
                size = 0
            steps[-1].append(chunk)
            size += len(chunk.pieces)

        done = 0

        def embed(step: list[Chunk]) -> list[np.ndarray]:
            nonlocal done
            todo: dict[str, str] = {}
            for c in step:
                for t in c.piece_texts():
                    h = text_hash(t)
                    if h not in known:
                        todo.setdefault(h, t)
            if todo:
                vectors = self.embeddings.embed_documents(list(todo.values()))
                known.update((h, np.asarray(v, dtype=np.float32)) for h, v in zip(todo, vectors))
                done += len(todo)
                if progress:
                    progress(done, total)
            return [np.stack([known[text_hash(t)] for t in c.piece_texts()]) for c in step]

        if len(steps) == 1:  # nothing to overlap: no writer thread
            self.store.add(steps[0], embed(steps[0]), generation)
            return embedded_chunks, done
        pending: Future[None] | None = None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="chroma-write") as writer:
            try:
                for step in steps:
                    step_vectors = embed(step)
                    if pending is not None:
                        pending.result()
                    pending = writer.submit(self.store.add, step, step_vectors, generation)
            finally:
                # Whatever happened, the step already handed to the writer is finished (or has failed).
                if pending is not None:
                    pending.result()
        return embedded_chunks, done

    def _validate(self, manifest: Manifest) -> None:
        count = self.store.count_visible(manifest.generation)
        if count != manifest.chunk_count:
            raise IndexValidationError(
                f"the new index has {count} chunks where {manifest.chunk_count} were expected; "
                "the previous index keeps serving"
            )
        if count:
            sample = self.store.sample_passage(manifest.generation)
            vectors = self.store.piece_vectors([f"{sample.record_id}.0"])
            hits = self.store.search_pieces(next(iter(vectors.values())).tolist(), manifest.generation, 1)
            if not hits:
                raise IndexValidationError(
                    "a sample query on the new index found nothing; the previous index keeps serving"
                )
