"""A big reload does not block the bot: a question asked while thousands of comments are being indexed is
acknowledged at once and answered, and the event loop keeps its pace meanwhile.

The reload is the one /reload awaits (``reload_corpus``, in a worker thread). It is started from the test
rather than through a slash command because SimCord runs one member action at a time: a /reload in flight
would refuse the member's question. Reading, parsing and chunking the 2,500 comments run for real while the
question is answered; embedding is a cheap stand-in that waits until the question is answered (so the
reload is certainly still running then) and sleeps per text as the model would. This checks that the loop
is not blocked, with wide margins, not how fast the machine is.

Known gap, reported by the test's output rather than asserted: while the reload writes to the local Chroma
store, each batch of 1,000 records holds the GIL inside Chroma's Rust bindings (about 1 s on this loaded
2-core machine), so the loop stalls that long between batches (see README, "Benchmarks").
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
import zlib
from typing import TYPE_CHECKING

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from bot.reloading import reload_corpus

if TYPE_CHECKING:
    from tests.bot.conftest import Server

COMMENTS = 2_500
WORDS = (
    "the council letter withdrawal troops budget library sunday families readers minister vote plan city "
    "river bridge school hospital tax road market weather police court election report museum park"
).split()


class SlowCheapEmbeddings(Embeddings):
    """Questions: the session's real model (kept as ``.model``, so the first story's index is the session's
    copy). Documents: hashed words, once ``answered`` is set (or after 60 s, so a failing test cannot hang),
    after sleeping as a model would (releasing the GIL, as torch does)."""

    def __init__(self, model: Embeddings) -> None:
        self.model = model
        self.started = threading.Event()
        self.answered = threading.Event()

    def embed_query(self, text: str) -> list[float]:
        return self.model.embed_query(text)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.started.set()
        self.answered.wait(timeout=60)
        time.sleep(0.001 * len(texts))
        rows = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in zip(rows, texts):
            for word in text.lower().split():
                row[zlib.crc32(word.encode()) % 384] += 1.0
        rows += 1e-3  # never a zero vector
        return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).tolist()


@pytest.fixture
def story_embeddings(local_embeddings: Embeddings) -> Embeddings:
    return SlowCheapEmbeddings(local_embeddings)


def _big_story() -> dict:
    rng = random.Random(11)
    comments = [
        {
            "author": f"reader{i % 300}",
            "text": " ".join(
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14))).capitalize() + f" {i}-{s}."
                for s in range(rng.randint(1, 3))
            ),
        }
        for i in range(COMMENTS)
    ]
    return {"title": "City council budget thread", "paragraphs": ["The council met."], "comments": comments}


class LoopLag:
    """The worst overshoot of a 10 ms sleep: how long the event loop was kept from running a ready task, in
    all and since ``mark()``."""

    def __init__(self) -> None:
        self.worst = self.since_mark = 0.0
        self.samples = 0

    def mark(self) -> None:
        self.since_mark = 0.0

    async def run(self) -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(0.01)
            overshoot = time.perf_counter() - started - 0.01
            self.worst, self.since_mark = max(self.worst, overshoot), max(self.since_mark, overshoot)
            self.samples += 1


async def _first_typing(server: Server, since: int) -> float:
    """When the bot first showed "typing…" (or posted anything) after request number ``since``."""
    while True:
        if any(r.method == "POST" for r in server.env.http_requests[since:]):
            return time.perf_counter()
        await asyncio.sleep(0.005)


async def test_a_question_during_a_big_reload_is_acknowledged_and_answered(server: Server):
    embeddings = server.bot.engine.reloading.ingestor.embeddings
    assert isinstance(embeddings, SlowCheapEmbeddings)
    server.add_story("big-thread.json", _big_story())
    lag = LoopLag()
    lag_task = asyncio.create_task(lag.run())
    reload = asyncio.create_task(
        reload_corpus(server.bot.corpora, server.guild.id, operator=True, requested_by="test")
    )
    try:
        await asyncio.sleep(0.05)  # the worker thread is reading the story files
        before = len(server.env.http_requests)
        watcher = asyncio.create_task(_first_typing(server, before))
        lag.mark()
        asked = time.perf_counter()
        await server.alice.send(server.general, server.mention("Who wrote the letter?"))
        answered = time.perf_counter()
        question_lag = lag.since_mark
        still_reloading = not reload.done()
        embeddings.answered.set()
        acknowledged = await asyncio.wait_for(watcher, timeout=5)
        report = await asyncio.wait_for(reload, timeout=300)
    finally:
        embeddings.answered.set()
        lag_task.cancel()

    [reply] = server.bot_messages(server.general)
    assert "Seely" in reply.content
    assert still_reloading  # answered in the middle of the reload, not after it
    assert report is not None and report.chunks > COMMENTS
    assert acknowledged - asked < 1.0
    # While the question is handled, the loop is never blocked: a 10 ms sleep overshoots it by tens of
    # milliseconds on a busy machine. Blocked would be the loop stalled for most of the question (answered
    # on the loop itself). With another test process loading both cores a stall of 549 ms was seen, and the
    # question takes about 2 s here even idle: the bound scales with how long the question took.
    assert lag.samples > 10
    bound = max(0.5, 0.5 * (answered - asked))
    assert question_lag < bound, f"event loop blocked for {question_lag * 1000:.0f} ms"
    print(
        f"\nbig reload ({report.chunks} chunks): acknowledged in {(acknowledged - asked) * 1000:.0f} ms, "
        f"answered in {(answered - asked) * 1000:.0f} ms; worst loop lag while answering "
        f"{question_lag * 1000:.0f} ms, over the whole reload {lag.worst * 1000:.0f} ms"
    )
