"""Hostile stories against a normal one of the same size: ingest time, peak memory and data dir.

The normal story is the big thread's recipe (bench/bigthread.py: distinct comments made of the Globe readers'
sentences, fixed seed), cut to the size. The floods are what a hostile upload under the size cap tries:
thousands of two-letter comments, the longest title allowed over 2,000 comments (a longer one is refused by
name), and the longest comments allowed, of numbered near-identical sentences. Each story is ingested
alone, with default settings, in a child process of its own (its peak memory its own, the model's load
included and outside the clock). The goal: each flood within 2x the normal story's time and memory.
"""

from __future__ import annotations

import json
import string
import tempfile
from itertools import product
from pathlib import Path

from bench import print_targets
from bench.bigthread import _storybot_ingest, build_thread
from retrieval import load_settings

SIZE_BYTES = 300_000
LIMIT_RATIO = 2.0


def _normal(globe: Path, size: int) -> dict:
    story = build_thread(globe, comments=max(10, size // 330))
    while len(json.dumps(story)) > size:
        story["comments"].pop()
    return {**story, "id": "normal"}


def _floods(size: int) -> dict[str, dict]:
    pairs = ["".join(p) for p in product(string.ascii_lowercase, repeat=2)]
    tiny = [{"id": str(i), "text": pairs[i % len(pairs)]} for i in range(size // 28)]
    limits = load_settings()
    title = ("A title that goes on " * 30)[: limits.max_title_chars]
    sentence = "The ferry fare went up again this year and riders are angry, number {}."
    per_sentence = len(sentence) + 2
    per_comment = limits.max_comment_chars // (per_sentence + 4)  # numbers up to 6 digits
    return {
        "tiny-comments": {"id": "tiny", "title": "Tiny", "paragraphs": ["A story."], "comments": tiny},
        "long-title": {
            "id": "title",
            "title": title,
            "paragraphs": ["A story."],
            "comments": [{"id": str(i), "text": f"Comment {i} on the story."} for i in range(2_000)],
        },
        "near-repeats": {
            "id": "repeats",
            "title": "Repeats",
            "paragraphs": ["A story."],
            # As long a comment as allowed (a longer one is refused by name), as many as the size holds.
            "comments": [
                {
                    "id": str(c),
                    "text": " ".join(sentence.format(c * per_comment + i) for i in range(per_comment)),
                }
                for c in range(max(1, size // (per_comment * per_sentence)))
            ],
        },
    }


def _data_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def _ingest(name: str, story: dict, work: Path) -> dict:
    corpus, data = work / name / "corpus", work / name / "data"
    corpus.mkdir(parents=True)
    path = corpus / f"{name}.json"
    path.write_text(json.dumps(story), encoding="utf-8")
    figures = _storybot_ingest(corpus, data)
    if "refused" in figures:
        raise RuntimeError(f"{name} was refused: {figures['refused']}")
    return {
        "file_kb": round(path.stat().st_size / 1000),
        "ingest_s": round(figures["seconds"], 2),
        "peak_rss_mb": round(figures["peak_rss_mb"]),
        "data_mb": round(_data_mb(data), 1),
        "chunks": figures["chunks"],
    }


def flood_figures(globe: Path, size: int = SIZE_BYTES) -> dict:
    work = Path(tempfile.mkdtemp(prefix="storybot-bench-floods-"))
    rows = {"normal": _ingest("normal", _normal(globe, size), work)}
    for name, story in _floods(size).items():
        rows[name] = _ingest(name, story, work)
    normal = rows["normal"]
    targets = {}
    print(f"\n== hostile stories against a normal one of about {size // 1000} kB (each ingested alone)")
    heads = ("file kB", "ingest s", "x normal", "peak MB", "x normal", "data MB")
    print(f"  {'story':<14} " + " ".join(f"{h:>9}" for h in heads))
    for name, row in rows.items():
        time_ratio = row["ingest_s"] / normal["ingest_s"]
        memory_ratio = row["peak_rss_mb"] / normal["peak_rss_mb"]
        row["ingest_ratio"], row["memory_ratio"] = round(time_ratio, 2), round(memory_ratio, 2)
        print(
            f"  {name:<14} {row['file_kb']:>9} {row['ingest_s']:>9} {time_ratio:>9.2f} "
            f"{row['peak_rss_mb']:>9} {memory_ratio:>9.2f} {row['data_mb']:>9}"
        )
        if name != "normal":
            targets[f"{name}: time and memory <= {LIMIT_RATIO:g}x normal"] = (
                time_ratio <= LIMIT_RATIO and memory_ratio <= LIMIT_RATIO
            )
    print_targets(targets)
    return {"rows": rows, "targets": targets}
