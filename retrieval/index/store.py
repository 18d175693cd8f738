"""The Chroma store: chunks and their embedding pieces, versioned by generation.

Chroma cannot swap collections atomically, so every record carries the range of index generations
that can see it, ``gen_from <= g < gen_to``, and a single pointer record (``active``, in the meta
collection) names the generation that is served, together with its manifest. A reload writes its new
records with ``gen_from = g + 1`` (invisible to readers of ``g``), marks the records it replaces with
``gen_to = g + 1`` (still visible to ``g``), checks the result, and then flips the pointer in one write.
Readers pin a generation per question, so they see the old corpus or the new one, never a mixture.
Because the pointer lives in the store, every process sharing a Chroma server sees the same index.

Two collections hold the data: ``<ns>-chunks`` (the passages that answers cite, with their metadata;
their vector is the mean of their pieces') and ``<ns>-pieces`` (the unit of vector search: a sentence, or
a clause-sized piece of a long one). Piece vectors are reused by text hash, so unchanged text is never
re-embedded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import chromadb
import numpy as np
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from retrieval.chunking import Chunk, text_hash
from retrieval.index.manifest import Manifest
from retrieval.index.passage import Passage, PieceVectors, piece_ids

log = logging.getLogger(__name__)

INF_GEN = 2**62
ACTIVE_ID = "active"
LEASE_ID = "reload-lease"
COSINE = {"hnsw": {"space": "cosine"}}


def visible(generation: int) -> dict:
    return {"$and": [{"gen_from": {"$lte": generation}}, {"gen_to": {"$gt": generation}}]}


def is_visible(metadata: dict, generation: int) -> bool:
    return int(metadata["gen_from"]) <= generation < int(metadata["gen_to"])


@dataclass(frozen=True)
class PieceHit:
    record_id: str
    chunk_record_id: str
    similarity: float
    vector: np.ndarray


def batched(items: Sequence, size: int) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _readable_vectors(
    collection: chromadb.Collection, ids: Sequence[str]
) -> tuple[dict[str, np.ndarray], list[str]]:
    """Vectors by id, and the ids whose vectors cannot be read (see ``drop_unreadable_unserved``)."""
    found: dict[str, np.ndarray] = {}
    unreadable: list[str] = []
    for batch in batched(list(ids), 500):
        try:
            got = collection.get(ids=list(batch), include=["embeddings"])
        except chromadb.errors.ChromaError:
            if len(batch) == 1:
                unreadable.append(batch[0])
                continue
            middle = len(batch) // 2
            for half in (batch[:middle], batch[middle:]):
                more, bad = _readable_vectors(collection, half)
                found.update(more)
                unreadable.extend(bad)
            continue
        found.update((i, np.asarray(v, dtype=np.float32)) for i, v in zip(got["ids"], got["embeddings"]))
    return found, unreadable


def _passages(got: dict) -> list[Passage]:
    return [Passage.from_record(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]


class ChromaStore:
    """Generation-versioned chunk and piece records in Chroma, read through langchain-chroma."""

    def __init__(
        self,
        client: chromadb.ClientAPI,
        namespace: str,
        embeddings: Embeddings,
        *,
        write_batch_size: int = 1000,
        backend: str = "local",
        read_only_copy: bool = False,
    ) -> None:
        self.client = client
        self.namespace = namespace
        self.backend = backend
        # A copy of the index of a data dir that cannot be written: reloads are refused (wiring.py).
        self.read_only_copy = read_only_copy
        self.write_batch_size = min(write_batch_size, client.get_max_batch_size())
        self.chunks = Chroma(
            client=client,
            collection_name=f"{namespace}-chunks",
            embedding_function=embeddings,
            collection_configuration=COSINE,
        )
        # Writes go to the raw collections: LangChain's VectorStore API always re-embeds, and the whole
        # point of the content hashes is to reuse vectors we already have.
        self._chunk_records = client.get_collection(f"{namespace}-chunks", embedding_function=None)
        # Pieces carry no text of their own (it is a slice of their chunk) and only the metadata search
        # needs: that halves the cost of writing them. LangChain's VectorStore drops results without a
        # document, so pieces are searched through the collection itself.
        self.piece_records = client.get_or_create_collection(
            f"{namespace}-pieces", embedding_function=None, configuration=COSINE
        )
        self.vectors = PieceVectors(lambda ids: _readable_vectors(self.piece_records, ids)[0])
        # Pointer and manifest: Chroma wants a vector on every record, so these carry a 1-d zero.
        self._meta = client.get_or_create_collection(f"{namespace}-meta", embedding_function=None)

    # -- the pointer -------------------------------------------------------------------------------

    def active(self) -> Manifest | None:
        got = self._meta.get(ids=[ACTIVE_ID], include=["documents"])
        if not got["ids"]:
            return None
        return Manifest.from_json(got["documents"][0])

    def activate(self, manifest: Manifest) -> None:
        """Serve ``manifest.generation``: one write, so readers see the old pointer or the new one."""
        self._meta.upsert(
            ids=[ACTIVE_ID],
            embeddings=[[0.0]],
            documents=[manifest.to_json()],
            metadatas=[{"generation": manifest.generation, "corpus_version": manifest.corpus_version}],
        )

    # -- the reload lease (see locks.py) -------------------------------------------------------------

    def read_lease(self) -> tuple[str, float] | None:
        got = self._meta.get(ids=[LEASE_ID], include=["metadatas"])
        if not got["ids"]:
            return None
        meta = got["metadatas"][0]
        return str(meta["owner"]), float(meta["expires_at"])

    def write_lease(self, owner: str, expires_at: float) -> None:
        self._meta.upsert(
            ids=[LEASE_ID],
            embeddings=[[0.0]],
            documents=[owner],
            metadatas=[{"owner": owner, "expires_at": expires_at}],
        )

    def delete_lease(self, owner: str) -> None:
        lease = self.read_lease()
        if lease is not None and lease[0] == owner:
            self._meta.delete(ids=[LEASE_ID])

    # -- reading one generation ----------------------------------------------------------------------

    def live_passages(self, generation: int, story: str | None = None, page: int = 2000) -> list[Passage]:
        where = (
            visible(generation)
            if story is None
            else {"$and": [*visible(generation)["$and"], {"story": story}]}
        )
        # The ids in one filtered pass, then the records by id a page at a time: paging the filtered query
        # itself (limit/offset) re-evaluates the filter up to each page's offset, quadratic in the corpus
        # (about 4 minutes for 100k chunks on this machine against 43 s this way).
        ids = self.chunks.get(where=where, include=[])["ids"]
        out: list[Passage] = []
        for batch in batched(ids, page):
            got = self.chunks.get(ids=list(batch), include=["documents", "metadatas"])
            out.extend(
                Passage.from_record(i, d, m)
                for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])
            )
        return out

    def search_pieces(
        self,
        vector: list[float],
        generation: int,
        k: int,
        story: str | None = None,
        kind: str | None = None,
    ) -> list[PieceHit]:
        """The ``k`` pieces nearest ``vector`` among those visible at ``generation`` (of one story, of one
        kind of passage, when given).

        Chroma's metadata filter costs several milliseconds per query, so ask without the generation
        filter for twice as many and drop what this generation cannot see; only when too few survive
        (a reload is writing many records) ask again with the filter.
        """
        filters = [{"story": story}] if story else []
        filters += [{"kind": kind}] if kind else []
        base = filters[0] if len(filters) == 1 else ({"$and": filters} if filters else None)
        count = 2 * k  # Chroma returns fewer when the collection holds fewer
        include = ["metadatas", "distances", "embeddings"]
        got = self.piece_records.query(
            query_embeddings=[vector], n_results=count, where=base, include=include
        )
        rows = list(zip(got["ids"][0], got["metadatas"][0], got["distances"][0], got["embeddings"][0]))
        hits = [row for row in rows if is_visible(row[1], generation)]
        if len(hits) < k and len(rows) == count:
            where = {"$and": [*visible(generation)["$and"], *filters]}
            got = self.piece_records.query(
                query_embeddings=[vector], n_results=k, where=where, include=include
            )
            hits = list(zip(got["ids"][0], got["metadatas"][0], got["distances"][0], got["embeddings"][0]))
        found = [
            PieceHit(pid, meta["chunk"], 1.0 - float(dist), np.asarray(emb, dtype=np.float32))
            for pid, meta, dist, emb in hits[:k]
        ]
        self.vectors.remember({hit.record_id: hit.vector for hit in found})
        return found

    def piece_vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        return self.vectors.get(ids)

    def sample_passage(self, generation: int) -> Passage:
        got = self.chunks.get(where=visible(generation), limit=1, include=["documents", "metadatas"])
        return _passages(got)[0]

    def count_visible(self, generation: int) -> int:
        return len(self.chunks.get(where=visible(generation), include=[])["ids"])

    # -- writing (used by the ingest) ---------------------------------------------------------------

    def passages_where(self, where: dict) -> list[Passage]:
        got = self.chunks.get(where=where, include=["documents", "metadatas"])
        return [
            Passage.from_record(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])
        ]

    def vectors_by_text_hash(self, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """Vectors already computed for these piece texts, in any generation."""
        found: dict[str, np.ndarray] = {}
        wanted = sorted(set(hashes))
        for batch in batched(wanted, 500):
            got = self.piece_records.get(where={"th": {"$in": list(batch)}}, include=["metadatas"])
            hash_of = {pid: meta["th"] for pid, meta in zip(got["ids"], got["metadatas"])}
            vectors, _ = _readable_vectors(self.piece_records, list(hash_of))
            for pid, vector in vectors.items():
                found.setdefault(hash_of[pid], vector)
        return found

    def add(self, chunks: Sequence[Chunk], piece_vectors: Sequence[np.ndarray], generation: int) -> None:
        """Write chunks (invisible until ``generation`` is served) with one vector per piece."""
        p_ids, p_vecs, p_meta = [], [], []
        c_ids, c_vecs, c_docs, c_meta = [], [], [], []
        span = {"gen_from": generation, "gen_to": INF_GEN}
        for chunk, vectors in zip(chunks, piece_vectors):
            texts = chunk.piece_texts()
            for i, (pid, text) in enumerate(zip(piece_ids(chunk.record_id, len(texts)), texts)):
                p_ids.append(pid)
                p_vecs.append(vectors[i])
                p_meta.append(
                    {
                        "chunk": chunk.record_id,
                        "story": chunk.story_id,
                        "kind": chunk.kind,
                        "th": text_hash(text),
                        **span,
                    }
                )
            mean = vectors.mean(axis=0)
            c_ids.append(chunk.record_id)
            c_vecs.append((mean / (float(np.linalg.norm(mean)) or 1.0)).tolist())
            c_docs.append(chunk.text)
            c_meta.append({**chunk.metadata(), **span})
        for b in batched(range(len(p_ids)), self.write_batch_size):
            self.piece_records.upsert(
                ids=p_ids[b.start : b.stop],
                embeddings=np.stack(p_vecs[b.start : b.stop]),
                metadatas=p_meta[b.start : b.stop],
            )
        # Chunks last: a chunk record exists only once all its pieces do.
        for b in batched(range(len(c_ids)), self.write_batch_size):
            self._chunk_records.upsert(
                ids=c_ids[b.start : b.stop],
                embeddings=c_vecs[b.start : b.stop],
                documents=c_docs[b.start : b.stop],
                metadatas=c_meta[b.start : b.stop],
            )

    def set_gen_to(self, records: Sequence[Passage], gen_to: int) -> None:
        """Mark records as last visible in ``gen_to - 1`` (or visible forever with INF_GEN)."""
        if not records:
            return
        p_ids = [pid for r in records for pid in piece_ids(r.record_id, r.piece_count)]
        for batch in batched(p_ids, self.write_batch_size):
            self.piece_records.update(ids=list(batch), metadatas=[{"gen_to": gen_to}] * len(batch))
        c_ids = [r.record_id for r in records]
        for batch in batched(c_ids, self.write_batch_size):
            self._chunk_records.update(ids=list(batch), metadatas=[{"gen_to": gen_to}] * len(batch))

    def drop_unreadable_unserved(self, served: int) -> int:
        """Delete unserved records whose vectors cannot be read back.

        A local store killed in the middle of a write (``kill -9``) can keep a batch's metadata without its
        vectors. Such records are never served (their generation never went live), but reading them
        fails, so they are removed here and their text embedded again.
        """
        removed = 0
        for collection in (self.piece_records, self._chunk_records):
            ids = collection.get(where={"gen_from": {"$gt": served}}, include=[])["ids"]
            _, unreadable = _readable_vectors(collection, ids)
            for batch in batched(unreadable, self.write_batch_size):
                collection.delete(ids=list(batch))
            removed += len(unreadable)
        if removed:
            log.warning("an interrupted reload left %d unreadable records; they are rebuilt", removed)
        return removed

    def delete_orphan_pieces(self, served: int, keep_chunks: set[str]) -> int:
        """Delete unserved pieces (``gen_from > served``) whose chunk is not in ``keep_chunks``."""
        got = self.piece_records.get(where={"gen_from": {"$gt": served}}, include=["metadatas"])
        orphans = [pid for pid, meta in zip(got["ids"], got["metadatas"]) if meta["chunk"] not in keep_chunks]
        for batch in batched(orphans, self.write_batch_size):
            self.piece_records.delete(ids=list(batch))
        return len(orphans)

    def collect_garbage(self, generation: int) -> int:
        """Delete the records that neither ``generation`` nor any later one can see."""
        garbage = self.passages_where({"gen_to": {"$lte": generation}})
        self.delete(garbage)
        return len(garbage)

    def delete(self, records: Sequence[Passage]) -> None:
        if not records:
            return
        # Chunks first: a piece without its chunk is never served, a chunk without pieces would be.
        c_ids = [r.record_id for r in records]
        for batch in batched(c_ids, self.write_batch_size):
            self._chunk_records.delete(ids=list(batch))
        p_ids = [pid for r in records for pid in piece_ids(r.record_id, r.piece_count)]
        for batch in batched(p_ids, self.write_batch_size):
            self.piece_records.delete(ids=list(batch))
