"""A big thread: 10,000 reader comments under one Globe column, ingested, answered and summarised with default
settings, beside LangChain's RAG-tutorial recipe on the same story in the same run.

The thread is built here from ../shared/data/globe-comments with a fixed seed: each comment is two to four
sentences drawn from the real comments (about 330 characters, every text different), replies and votes as
the Globe's. storybot's ingest runs in a child process so that its peak memory is its own.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import re
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_text_splitters import RecursiveCharacterTextSplitter

from bench import print_targets
from retrieval import StorybotError, build_engine, load_settings

COMMENTS = 10_000
SEED = 20160209
ROUNDS = 3
QUESTIONS = [
    "tl;dr?",
    "what do ppl in the comments think",
    "whats the authors point",
    "who said waterboarding is peanuts",
    "is the economy in new hampshire healthy?",
    "what did readers say about jeb bush",
    "do readers agree with the column?",
    "who is leading the republican race",
    "how many unemployed americans are there",
    "what do commenters think of trump",
]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def build_thread(globe: Path, comments: int = COMMENTS, seed: int = SEED) -> dict:
    """One column with ``comments`` distinct comments made of its readers' sentences (fixed seed)."""
    rng = random.Random(seed)
    stories = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(globe.glob("*.json"))]
    column = max(stories, key=lambda s: len(s["comments"]))
    pool = [
        s.strip()
        for story in stories
        for c in story["comments"]
        for s in _SENTENCE.split(c["text"])
        if 20 <= len(s.strip()) <= 300
    ]
    authors = sorted({c.get("author") or "reader" for story in stories for c in story["comments"]})
    seen: set[str] = set()
    thread = []
    while len(thread) < comments:
        parts = rng.sample(pool, rng.randint(2, 4))
        text = " ".join(parts)
        while len(text) < 250:
            text += " " + rng.choice(pool)
        if text in seen:
            continue
        seen.add(text)
        parent = thread[rng.randrange(len(thread))]["id"] if thread and rng.random() < 0.3 else None
        thread.append(
            {
                "id": f"c{len(thread)}",
                "author": rng.choice(authors),
                "parent": parent,
                "text": text,
                "votes": {"up": rng.randint(0, 60), "down": rng.randint(0, 20)},
            }
        )
    return {
        "id": "big-thread",
        "title": column["title"],
        "published": column.get("published"),
        "paragraphs": column["paragraphs"],
        "comments": thread,
    }


def _ingest_child(corpus: str, data: str, out: multiprocessing.Queue) -> None:
    settings = load_settings(corpus_dir=Path(corpus), data_dir=Path(data))
    engine = build_engine(settings)  # the model loads here, before the clock starts
    started = time.perf_counter()
    try:
        report = engine.ingest()
    except StorybotError as exc:  # a story refused: said, not a parent left waiting
        out.put({"refused": str(exc)})
        return
    seconds = time.perf_counter() - started
    engine.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    out.put({"seconds": seconds, "chunks": report.chunks, "peak_rss_mb": peak_mb})


def _storybot_ingest(corpus: Path, data: Path) -> dict:
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue = context.Queue()
    child = context.Process(target=_ingest_child, args=(str(corpus), str(data), queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def _baseline(story: dict, embeddings) -> tuple[float, Chroma]:
    text = "\n\n".join([story["title"], *story["paragraphs"], *(c["text"] for c in story["comments"])])
    splits = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(
        [Document(page_content=text, metadata={"story": story["id"]})]
    )
    started = time.perf_counter()
    store = Chroma(collection_name=f"bigthread-{time.time_ns()}", embedding_function=embeddings)
    store.add_documents(splits)
    return time.perf_counter() - started, store


def _ms(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def big_thread_figures(globe: Path, embeddings) -> dict:
    story = build_thread(globe)
    work = Path(tempfile.mkdtemp(prefix="storybot-bench-bigthread-"))
    corpus = work / "corpus"
    corpus.mkdir()
    (corpus / "big-thread.json").write_text(json.dumps(story), encoding="utf-8")
    size_mb = (corpus / "big-thread.json").stat().st_size / 1e6
    ours = _storybot_ingest(corpus, work / "data")
    base_seconds, base_store = _baseline(story, embeddings)

    engine = build_engine(load_settings(corpus_dir=corpus, data_dir=work / "data"), embeddings=embeddings)
    cold_summary = _ms(lambda: engine.summarize("comments")) / 1000
    warm_summary = _ms(lambda: engine.summarize("comments")) / 1000
    for q in QUESTIONS:
        engine.ask(q)
    answers = [engine.ask(q).latency_ms for _ in range(ROUNDS) for q in QUESTIONS]
    base_store.similarity_search(QUESTIONS[0], k=4)
    searches = [
        _ms(lambda q=q: base_store.similarity_search(q, k=4)) for _ in range(ROUNDS) for q in QUESTIONS
    ]
    engine.close()
    base_store.delete_collection()

    figures = {
        "comments": len(story["comments"]),
        "file_mb": round(size_mb, 2),
        "chunks": ours["chunks"],
        "ingest_s": round(ours["seconds"], 1),
        "baseline_ingest_s": round(base_seconds, 1),
        "ingest_ratio": round(ours["seconds"] / base_seconds, 2),
        "ingest_peak_rss_mb": round(ours["peak_rss_mb"]),
        "answer_p50_ms": round(float(np.percentile(answers, 50)), 1),
        "answer_p95_ms": round(float(np.percentile(answers, 95)), 1),
        "baseline_search_p50_ms": round(float(np.percentile(searches, 50)), 1),
        "summary_comments_cold_s": round(cold_summary, 2),
        "summary_comments_warm_s": round(warm_summary, 2),
    }
    figures["answer_p95_over_baseline_p50"] = round(
        figures["answer_p95_ms"] / figures["baseline_search_p50_ms"], 1
    )
    targets = {
        "ingest <= 1.3x the tutorial recipe's": figures["ingest_ratio"] <= 1.3,
        "ingest peak RSS <= 1.2 GB": figures["ingest_peak_rss_mb"] <= 1200,
        "warm answer p95 <= 4x the recipe's search p50": figures["answer_p95_over_baseline_p50"] <= 4,
        "summary comments <= 8 s warm": figures["summary_comments_warm_s"] <= 8,
    }
    print(f"\n== big thread: {figures['comments']} comments, {figures['file_mb']} MB (built from {globe})")
    for key, value in figures.items():
        print(f"  {key:<34} {value}")
    print_targets(targets)
    return {"figures": figures, "targets": targets}
