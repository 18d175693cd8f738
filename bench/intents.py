"""Intent recognition alone, for `make bench`: ``recognise`` per question, in µs (p50/p95), over
realtimeqa-dev's questions and user_dev's (typed the way people type in Discord), the latter also against
a thread of 150 comment authors: a named-commenter match searches them all.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from retrieval import load_items, recognise

ROUNDS = 20  # calls per question; its median is the question's time


def intent_figures(shared: Path) -> dict:
    """Print the figures of each question set found under ``shared`` (``../shared``), and return them."""
    many_authors = tuple(f"Reader{i} Name{i}" for i in range(150))
    runs = {
        "realtimeqa-dev": (shared / "data" / "realtimeqa-dev" / "questions.jsonl", ()),
        "user_dev": (shared / "eval" / "user_dev.jsonl", ()),
        "user_dev, 150 comment authors": (shared / "eval" / "user_dev.jsonl", many_authors),
    }
    print("\n== intent recognition: recognise() per question, in µs")
    keys = ["questions", "p50_us", "p95_us"]
    print(f"{'':36}" + "".join(f"{k:>16}" for k in keys))
    figures: dict[str, dict] = {}
    for name, (path, authors) in runs.items():
        if not path.exists():
            print(f"skipped {name}: {path} not found")
            continue
        questions = [item.question for item in load_items(path)]
        per_question = []
        for question in questions:
            recognise(question, authors=authors)  # warm-up: the authors' index is cached per thread
            rounds = []
            for _ in range(ROUNDS):
                started = time.perf_counter()
                recognise(question, authors=authors)
                rounds.append((time.perf_counter() - started) * 1e6)
            per_question.append(float(np.median(rounds)))
        row = {
            "questions": len(questions),
            "p50_us": round(float(np.percentile(per_question, 50)), 2),
            "p95_us": round(float(np.percentile(per_question, 95)), 2),
        }
        figures[name] = row
        print(f"{name:36}" + "".join(f"{row[k]!s:>16}" for k in keys))
    if figures:
        met = all(row["p95_us"] < 1000 for row in figures.values())
        print(f"  target: {'p95 under 1 ms per question':<40} {'met' if met else 'NOT MET'}")
    return figures
