"""Answers that stream: the language model's draft shown as it arrives, then the checked answer in its place.

The engine's ``ask_stream`` is blocking, so it runs in a worker thread that feeds an asyncio queue. The
first text posts a message at once; after that the message is edited with the draft at most once every
``DRAFT_EDIT_SECONDS`` (Discord allows about five edits per five seconds in a channel), and the draft is
marked as one. When the final answer arrives, the caller turns the same message into it. Without a
language model the engine yields only the final answer: nothing is posted before it, as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import threading
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Protocol, cast

import discord

from bot.drafts import draft_content
from bot.formatting import Reply
from retrieval import Answer, StoryEngine, Turn

log = logging.getLogger(__name__)

DRAFT_EDIT_SECONDS = 1.2


class AnswerTarget(Protocol):
    """Where an answer goes: a message in a channel or thread, or an interaction's response."""

    async def show_draft(self, content: str) -> None: ...

    async def finish(self, replies: Sequence[Reply], view: discord.ui.View | None) -> None: ...

    async def discard(self) -> None: ...


@dataclass(frozen=True)
class _Failed:
    error: BaseException


_END = object()


class ThreadedAnswer:
    """``engine.ask_stream`` run in a worker thread: ``drafts()`` gives the draft's text as it arrives;
    ``answer()`` the checked Answer once they are done.

    The engine's errors are raised from ``drafts()``, in the caller's task. Closing ``drafts()`` early asks
    the worker to stop at the model's next piece of text.
    """

    def __init__(
        self, engine: StoryEngine, question: str, *, story: str | None = None, history: Sequence[Turn] = ()
    ) -> None:
        self.engine = engine
        self.question = question
        self.story = story
        self.history = history
        self._answer: Answer | None = None

    async def drafts(self) -> AsyncIterator[str]:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[object] = asyncio.Queue()
        stop = threading.Event()

        def put(item: object) -> None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody is waiting any more
                loop.call_soon_threadsafe(queue.put_nowait, item)

        def pump() -> None:
            stream = None
            try:
                stream = self.engine.ask_stream(self.question, story=self.story, history=self.history)
                for text in stream:
                    put(text)
                    if stop.is_set():
                        return
                self._answer = stream.answer()
            except BaseException as exc:  # handed to the caller's task, which decides what the user is told
                put(_Failed(exc))
            finally:
                if stream is not None:
                    stream.close()
                put(_END)

        worker = asyncio.ensure_future(asyncio.to_thread(pump))
        try:
            while (item := await queue.get()) is not _END:
                if isinstance(item, _Failed):
                    raise item.error
                yield cast("str", item)
            await worker
        finally:
            stop.set()

    def answer(self) -> Answer:
        if self._answer is None:
            raise RuntimeError("the engine's stream ended without an answer")
        return self._answer


class Drafter:
    """Shows the growing draft on ``target``: at once the first time, then at most once per ``interval``."""

    def __init__(
        self, target: AnswerTarget, *, header: str = "", interval: float = DRAFT_EDIT_SECONDS
    ) -> None:
        self.target = target
        self.header = header
        self.interval = interval
        self._draft = ""
        self._shown: str | None = None
        self._last = -math.inf
        self._scheduled: asyncio.Task[None] | None = None
        self._sleeping = False

    async def show(self, draft: str) -> None:
        """The draft so far (the engine yields it whole each time, already limited to what may be shown)."""
        self._draft = draft
        if self._scheduled is not None:
            return  # an update is due; it shows the latest text
        wait = self._last + self.interval - asyncio.get_running_loop().time()
        if wait <= 0:
            await self._show()
        else:
            self._scheduled = asyncio.create_task(self._show_after(wait))

    async def _show_after(self, wait: float) -> None:
        self._sleeping = True
        try:
            await asyncio.sleep(wait)
        finally:
            self._sleeping = False
        try:
            await self._show()
        finally:
            self._scheduled = None

    async def _show(self) -> None:
        content = draft_content(self._draft, header=self.header)
        if content == self._shown:
            return
        self._last = asyncio.get_running_loop().time()
        try:
            await self.target.show_draft(content)
        except discord.HTTPException:
            # A draft is a courtesy: the answer is still delivered when it is ready.
            log.warning("could not show the draft of an answer", exc_info=True)
            return
        self._shown = content

    async def close(self) -> None:
        """No more drafts: cancel an update still waiting, let one already being sent finish."""
        task, self._scheduled = self._scheduled, None
        if task is None:
            return
        if self._sleeping:
            task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def compose_answer(
    engine: StoryEngine,
    target: AnswerTarget,
    question: str,
    *,
    story: str | None = None,
    history: Sequence[Turn] = (),
    header: str = "",
) -> Answer:
    """Answer ``question``, showing the model's draft on ``target`` while it streams; returns the final
    Answer for the caller to deliver. If anything fails, the draft is taken down and the error raised."""
    drafter = Drafter(target, header=header)
    threaded = ThreadedAnswer(engine, question, story=story, history=history)
    try:
        async with contextlib.aclosing(threaded.drafts()) as drafts:
            async for text in drafts:
                await drafter.show(text)
        answer = threaded.answer()
    except Exception:
        await drafter.close()
        await target.discard()
        raise
    await drafter.close()
    return answer
