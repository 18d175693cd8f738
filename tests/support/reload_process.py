"""A reload in its own process, for the lifecycle tests: run normally, or killed with SIGKILL at a point.

    python -m tests.support.reload_process DATA_DIR CORPUS_DIR [--chroma-url URL] [--kill-at POINT]
        [--step-pieces N]

POINT is where the process sends itself SIGKILL (a real `kill -9`, no cleanup of any kind):
  embedding       while embedding the third write step (the first is in the store, the second maybe)
  retire          just before marking the superseded records
  validate        after marking them, before checking the new generation
  activate        just before flipping the pointer
  after-activate  right after flipping it, before garbage collection
Without --kill-at it prints the ingest report as JSON. --step-pieces writes in smaller steps than the
default, so a smaller story still takes several.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from langchain_core.embeddings import DeterministicFakeEmbedding

from retrieval import build_engine
from retrieval.index import ingest
from retrieval.index.ingest import Ingestor
from retrieval.index.store import ChromaStore
from retrieval.settings import load_settings

FAKE_DIMENSIONS = 32


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


class FakeEmbeddings(DeterministicFakeEmbedding):
    calls: int = 0
    kill_on_call: int | None = None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        if self.kill_on_call is not None and self.calls >= self.kill_on_call:
            die()
        return super().embed_documents(texts)


def _before(cls: type, name: str) -> None:
    original = getattr(cls, name)

    def killed(*args, **kwargs):
        die()
        return original(*args, **kwargs)

    setattr(cls, name, killed)


def _after(cls: type, name: str) -> None:
    original = getattr(cls, name)

    def killed(*args, **kwargs):
        result = original(*args, **kwargs)
        die()
        return result

    setattr(cls, name, killed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("corpus_dir", type=Path)
    parser.add_argument("--chroma-url")
    parser.add_argument(
        "--kill-at", choices=["embedding", "retire", "validate", "activate", "after-activate"]
    )
    parser.add_argument("--step-pieces", type=int)
    args = parser.parse_args()
    if args.step_pieces:
        ingest.WRITE_STEP_PIECES = args.step_pieces
    os.environ.setdefault("STORYBOT_PROFILE", "test")  # run by hand: the test settings all the same

    embeddings = FakeEmbeddings(size=FAKE_DIMENSIONS)
    if args.kill_at == "embedding":
        embeddings.kill_on_call = 3
    elif args.kill_at == "retire":
        _before(ChromaStore, "set_gen_to")
    elif args.kill_at == "validate":
        _before(Ingestor, "_validate")
    elif args.kill_at == "activate":
        _before(ChromaStore, "activate")
    elif args.kill_at == "after-activate":
        _after(ChromaStore, "activate")

    settings = load_settings(data_dir=args.data_dir, corpus_dir=args.corpus_dir, chroma_url=args.chroma_url)
    engine = build_engine(settings, embeddings=embeddings)
    report = engine.ingest(actor="subprocess")
    print(json.dumps(report.to_dict()))


if __name__ == "__main__":
    main()
