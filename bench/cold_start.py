"""Cold start: `storybot ask` in a fresh process on an indexed first story, wall time, median of three.

The floor is importing torch and loading the model, which `ask` needs to encode the question; the rest is
chromadb, langchain-core and the snapshot.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import print_targets

RUNS = 3
TARGET_SECONDS = 4.0
QUESTION = "Who wrote the letter?"


def _storybot(*args: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "storybot", *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def _import_torch() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import torch"], check=True, capture_output=True)
    return time.perf_counter() - started


def cold_start_figures(corpus: Path) -> dict:
    data = Path(tempfile.mkdtemp(prefix="storybot-bench-cold-"))
    env = {**os.environ, "STORYBOT_DATA_DIR": str(data), "STORYBOT_CORPUS_DIR": str(corpus)}
    env.setdefault("HF_HUB_OFFLINE", "1")
    _storybot("ingest", env=env)
    asks = [_storybot("ask", QUESTION, env=env) for _ in range(RUNS)]
    torch_alone = statistics.median(_import_torch() for _ in range(RUNS))
    figures = {
        "ask_cold_s": round(statistics.median(asks), 2),
        "ask_cold_runs_s": [round(s, 2) for s in asks],
        "import_torch_s": round(torch_alone, 2),
    }
    targets = {f"cold `storybot ask` < {TARGET_SECONDS:g} s": figures["ask_cold_s"] < TARGET_SECONDS}
    print(f"\n== cold start: `storybot ask {QUESTION!r}` in a fresh process, median of {RUNS}")
    for key, value in figures.items():
        print(f"  {key:<24} {value}")
    print_targets(targets)
    return {"figures": figures, "targets": targets}
