"""How answer latency grows with the corpus: about 1k, 10k and 100k chunks (1, 10 and 100 stories of about a
thousand chunks each), beside LangChain's RAG-tutorial recipe searching the same corpus.

The stories are built here with a fixed seed: each has a realtimeqa-dev article and about a thousand short
reader comments whose sentences recombine the words of real sentences (Globe comments and realtimeqa
articles), so every text differs. The sizes nest: the 10k corpus is the 1k one plus nine stories, and each
step is a reload that embeds only the new stories.

The document vectors are SYNTHETIC: embedding 100k chunks with all-MiniLM-L6-v2 would take hours on two
cores, so documents get a hashed bag-of-words vector of the same dimension (384, normalised). Each question
still runs the real model once (its cost is in every figure), and is then searched with a vector of the
synthetic kind, so that it finds the synthetic documents. Only latency is measured here, never quality.
"""

from __future__ import annotations

import cProfile
import json
import pstats
import random
import re
import shutil
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter
from scipy import sparse

from bench import print_targets
from bench.scaling_report import write_report
from retrieval import build_engine, load_items, load_settings

SEED = 20261201
DIMENSION = 384
CHUNKS_PER_STORY = 1_000
STORIES = (1, 10, 100)  # about 1k, 10k and 100k chunks
QUESTIONS = 20
ROUNDS = 3
TARGET_P95_MS = 100.0
RECIPE_BATCH = 5000
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


class SyntheticEmbeddings(Embeddings):
    """Documents: a hashed bag of words projected to 384 dimensions and normalised (cheap, deterministic).
    Questions: the real model encodes the question (its cost is what a question pays), and the vector used
    is the synthetic one, so that it is comparable with the documents'."""

    def __init__(self, model: Embeddings | None, buckets: int = 1 << 15) -> None:
        self.model = model
        self.buckets = buckets
        self._table = np.random.default_rng(SEED).standard_normal((buckets, DIMENSION)).astype(np.float32)

    def _vectors(self, texts: list[str]) -> np.ndarray:
        rows, columns = [], []
        for row, text in enumerate(texts):
            # A constant bucket for every text: no text (not even an empty one) has a zero vector.
            for word in ["", *_WORD.findall(text.lower())]:
                rows.append(row)
                columns.append(zlib.crc32(word.encode()) % self.buckets)
        counts = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, columns)), shape=(len(texts), self.buckets)
        )
        matrix = np.asarray(counts @ self._table, dtype=np.float32)
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._vectors(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        if self.model is not None:
            self.model.embed_query(text)  # the real cost of a question; its vector has no synthetic match
        return self._vectors([text])[0].tolist()


def _mixed_sentence(rng: random.Random, pool: list[list[str]]) -> str:
    """The head of one real sentence joined to the tail of another: a new sentence of real words."""
    head, tail = rng.choice(pool), rng.choice(pool)
    cut_head, cut_tail = rng.randint(2, max(2, len(head) - 1)), rng.randint(1, max(1, len(tail) - 2))
    words = head[:cut_head] + tail[cut_tail:]
    text = " ".join(words).rstrip(".!?,;:")
    return text[0].upper() + text[1:] + "."


def build_stories(shared: Path, stories: int, seed: int = SEED) -> list[dict]:
    """``stories`` stories of about CHUNKS_PER_STORY chunks: one article each and short comments."""
    rng = random.Random(seed)
    articles = [
        json.loads(p.read_text()) for p in sorted((shared / "realtimeqa-dev" / "stories").glob("*.json"))
    ]
    globe = [json.loads(p.read_text()) for p in sorted((shared / "globe-comments").glob("*.json"))]
    texts = [c["text"] for s in globe for c in s["comments"]] + [p for a in articles for p in a["paragraphs"]]
    pool = [s.split() for t in texts for s in _SENTENCE.split(t) if 6 <= len(s.split()) <= 40]
    authors = sorted({c.get("author") or "reader" for s in globe for c in s["comments"]})
    out, seen = [], set()
    for n in range(stories):
        article = articles[n % len(articles)]
        comments = []
        # An article of a few paragraphs packs into several chunks; the comments make up the rest.
        while len(comments) < CHUNKS_PER_STORY - max(1, len(" ".join(article["paragraphs"])) // 900):
            text = " ".join(_mixed_sentence(rng, pool) for _ in range(rng.randint(1, 2)))
            if text.lower() in seen:
                continue
            seen.add(text.lower())
            comments.append({"id": f"c{len(comments)}", "author": rng.choice(authors), "text": text})
        out.append(
            {
                "id": f"scale-{n:03d}",
                "title": f"{article['title']} (part {n + 1})",
                "published": article.get("published"),
                "paragraphs": article["paragraphs"],
                "comments": comments,
            }
        )
    return out


def _recipe_documents(stories: list[dict]) -> list[Document]:
    """The tutorial's splits of each story's whole text (1000 characters, 200 overlap)."""
    docs = [
        Document(
            page_content="\n\n".join([s["title"], *s["paragraphs"], *(c["text"] for c in s["comments"])]),
            metadata={"story": s["id"]},
        )
        for s in stories
    ]
    return RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)


def _percentiles(values: list[float]) -> tuple[float, float]:
    return round(float(np.percentile(values, 50)), 1), round(float(np.percentile(values, 95)), 1)


# Where a question's time goes: (label, file the function is in, function name). cProfile's cumulative time
# of each; "other" is what the whole answer took beyond them (intents, fusion, composing, citations).
_PARTS = [
    ("query encoding (real model)", "bench/scaling.py", "embed_query"),
    ("Chroma piece query", "retrieval/index/store.py", "search_pieces"),
    ("BM25", "retrieval/index/snapshot.py", "bm25"),
    ("piece-vector fetches", "retrieval/index/passage.py", "get"),
    ("article pieces in memory", "retrieval/retriever.py", "_article_hits"),
    ("sentence scoring and composing", "retrieval/answer/extractive.py", "generate"),
    ("intent recognition", "retrieval/answer/intents.py", "recognise"),
]


def profile_questions(ask: Callable[[str], object], questions: list[str]) -> dict[str, float]:
    """Milliseconds per question in each part of the answer path (cProfile, so slower than unprofiled)."""
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.runcall(lambda: [ask(q) for q in questions])
    total = (time.perf_counter() - started) * 1000 / len(questions)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    parts: dict[str, float] = {}
    for label, file, name in _PARTS:
        seconds = sum(v[3] for (f, _, fn), v in stats.items() if fn == name and f.endswith(file))
        parts[label] = round(seconds * 1000 / len(questions), 2)
    parts["other"] = round(total - sum(parts.values()), 2)
    parts["total (profiled)"] = round(total, 2)
    return parts


def scaling_figures(shared: Path, model: Embeddings, out_dir: Path) -> dict:
    embeddings = SyntheticEmbeddings(model)
    stories = build_stories(shared / "data", STORIES[-1])
    items = load_items(shared / "data" / "realtimeqa-dev" / "questions.jsonl")
    questions = [i.question for i in items[:QUESTIONS]]
    work = Path(tempfile.mkdtemp(prefix="storybot-bench-scaling-"))
    corpus = work / "corpus"
    corpus.mkdir()
    engine = build_engine(
        load_settings(corpus_dir=corpus, data_dir=work / "data", gc_grace_seconds=0), embeddings=embeddings
    )
    recipe = Chroma(collection_name=f"scaling-{time.time_ns()}", embedding_function=embeddings)
    rows, written, profile = [], 0, {}
    print("\n== scaling: SYNTHETIC document vectors (hashed bag of words); only latency is measured")
    for count in STORIES:
        for story in stories[written:count]:
            (corpus / f"{story['id']}.json").write_text(json.dumps(story), encoding="utf-8")
        started = time.perf_counter()
        report = engine.ingest()
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        splits = _recipe_documents(stories[written:count])
        for start in range(0, len(splits), RECIPE_BATCH):  # Chroma refuses larger writes
            recipe.add_documents(splits[start : start + RECIPE_BATCH])
        recipe_ingest_s = time.perf_counter() - started
        written = count
        for q in questions:  # warm: the new snapshot, BM25, the article matrix
            engine.ask(q)
            recipe.similarity_search(q, k=4)
        answers = [engine.ask(q).latency_ms for _ in range(ROUNDS) for q in questions]
        searches = []
        for _ in range(ROUNDS):
            for q in questions:
                t = time.perf_counter()
                recipe.similarity_search(q, k=4)
                searches.append((time.perf_counter() - t) * 1000)
        p50, p95 = _percentiles(answers)
        row = {
            "stories": count,
            "chunks": report.chunks,
            "recipe_chunks": recipe._collection.count(),
            "ingest_s": round(ingest_s, 1),
            "recipe_ingest_s": round(recipe_ingest_s, 1),
            "answer_p50_ms": p50,
            "answer_p95_ms": p95,
            "recipe_search_p50_ms": _percentiles(searches)[0],
        }
        rows.append(row)
        print("  " + ", ".join(f"{k} {v}" for k, v in row.items()), flush=True)
        if count == STORIES[-1]:
            profile = profile_questions(engine.ask, questions)
    engine.close()
    recipe.delete_collection()
    shutil.rmtree(work, ignore_errors=True)  # the 100k index is a few GB
    top = rows[-1]
    targets = {
        f"warm answer p95 <= {TARGET_P95_MS:.0f} ms at 100k chunks": top["answer_p95_ms"] <= TARGET_P95_MS
    }
    print(f"  where a question's time goes at {top['chunks']} chunks (ms per question, cProfile):")
    for label, ms in profile.items():
        print(f"    {label:<34} {ms}")
    print_targets(targets)
    write_report(out_dir, rows, profile)
    print(f"  table and plot: {out_dir / 'scaling.md'}, {out_dir / 'scaling.svg'}")
    return {"rows": rows, "profile_ms": profile, "targets": targets}
