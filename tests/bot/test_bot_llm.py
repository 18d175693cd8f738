"""Answers from a language model through Discord: the draft streams into the reply (edited at a rate
Discord accepts, marked as a draft, escaped, never over 2,000 characters), then the same message settles
into the checked answer with its citations; a stream that fails takes its draft down. Notes and the
formatter: test_bot_llm_notes_and_formatting.py.

Driven through SimCord with scripted chat models (tests/support/chat_models.py) that stream word by word;
a paced one takes simulated time over every word (see ``latency``), so the draft is seen growing and the
intervals between edits are measured on SimCord's clock (the edits' own timestamps).
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable, Generator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord
import pytest
from langchain_core.documents import Document
from langchain_core.messages import BaseMessage

from bot.cogs.questions import DELIVERY_FAILED
from bot.drafts import DRAFTING
from bot.errors import APOLOGY
from bot.formatting import answer_replies
from bot.streaming import DRAFT_EDIT_SECONDS
from bot.text import safe
from retrieval.answer.extractive import ExtractiveGenerator
from retrieval.answer.generation import GeneratedAnswer
from retrieval.answer.intents import Intent
from retrieval.index.snapshot import Snapshot
from retrieval.models import Answer
from tests.support.chat_models import ScriptedChatModel, passage_number

if TYPE_CHECKING:
    from tests.bot.conftest import Server

pytestmark = pytest.mark.simcord(settle_timeout=30)  # the real model and the checker take a moment

SEELY = "Marine General William H. Seely III wrote in a letter"
TRUE = "Marine General William H. Seely III wrote the letter to the Iraqi Defense Ministry [{n}]. "
INVENTED = "Seely was a British general who served in Iraq during World War II [{n}]. "
ALSO_TRUE = "Seely wrote that the coalition respects the sovereign decision of Iraq [{n}]."


class PacedChatModel(ScriptedChatModel):
    """A scripted model that takes ``seconds_per_word`` over every word it streams, on the clock that
    ``latency`` advances (SimCord's: set it to the ``latency`` fixture; without it, no time passes)."""

    seconds_per_word: float = 0.25
    latency: Callable[[float], None] | None = None

    def _stream(self, messages: list[BaseMessage], stop=None, run_manager=None, **kwargs: Any):
        for chunk in super()._stream(messages, stop, run_manager, **kwargs):
            if self.latency is not None:
                self.latency(self.seconds_per_word)
            time.sleep(0.01)  # a moment of real time, for the bot to take each word as it comes
            yield chunk


def seely_script(messages: list[BaseMessage]) -> str:
    n = passage_number(messages, SEELY)
    return (TRUE + INVENTED + ALSO_TRUE).format(n=n)


class EditLog:
    """What the bot did to its messages, as Discord saw it: (message id, time, content) per state."""

    def __init__(self, server: Server) -> None:
        self.states: list[tuple[int, datetime, str]] = []

        async def on_message(message: discord.Message) -> None:
            if message.author == server.bot.user:
                self.states.append((message.id, message.created_at, message.content))

        async def on_raw_message_edit(payload: discord.RawMessageUpdateEvent) -> None:
            data = payload.data
            if data.get("edited_timestamp"):
                edited = datetime.fromisoformat(data["edited_timestamp"])
                self.states.append((payload.message_id, edited, data.get("content", "")))

        server.bot.add_listener(on_message)
        server.bot.add_listener(on_raw_message_edit)

    def drafts(self, message_id: int) -> list[tuple[datetime, str]]:
        return [(at, text) for mid, at, text in self.states if mid == message_id and DRAFTING in text]


def assert_draft_rate(drafts: list[tuple[datetime, str]]) -> None:
    """Consecutive drafts of one message are at least DRAFT_EDIT_SECONDS apart (on SimCord's clock)."""
    gaps = [(b[0] - a[0]).total_seconds() for a, b in itertools.pairwise(drafts)]
    assert all(gap >= DRAFT_EDIT_SECONDS - 0.01 for gap in gaps), gaps


def _patches(server: Server) -> list[Any]:
    return [r for r in server.env.http_requests if r.method == "PATCH"]


# -- streaming, through SimCord ----------------------------------------------------------------------


@pytest.mark.parametrize("story_llm", [PacedChatModel(script=seely_script)], indirect=True)
async def test_a_mention_streams_a_draft_then_settles_into_the_checked_answer(
    server: Server, story_llm, latency
):
    story_llm.latency = latency
    edits = EditLog(server)
    question = await server.alice.send(server.general, server.mention("Who wrote the letter?"))

    [reply] = server.bot_messages(server.general)  # one message: the draft became the answer
    assert reply.reference is not None and reply.reference.message_id == question.id
    drafts = edits.drafts(reply.id)
    # The first text posted the message at once; the draft then grew, edited at most every 1.2 s.
    assert drafts[0][1] == DRAFTING
    assert len(drafts) >= 3
    assert any("Seely III wrote the letter to the Iraqi Defense Ministry [" in text for _, text in drafts)
    assert any("British general" in text for _, text in drafts)  # the unchecked draft, marked as one
    assert_draft_rate(drafts)
    assert all(len(text) <= 2000 for _, text in drafts)

    # The final message is the checked answer: the invented sentence is gone, the citations are there.
    expected = server.bot.engine.ask("Who wrote the letter?")
    assert expected.mode == "llm" and "British" not in expected.answer
    assert reply.content == answer_replies(expected)[0].content
    assert "British" not in reply.content and DRAFTING not in reply.content
    assert "Seely III" in reply.content and "[1]" in reply.content
    [sources] = reply.embeds
    assert sources.title == "Sources" and sources.fields[0].name.startswith("[1] Article ¶")
    assert sources.footer.text.endswith("· language model answer")
    assert [c.label for row in reply.components for c in row.children] == ["Helpful", "Not helpful"]
    # Drafts ping nobody either.
    assert all(r.json["allowed_mentions"]["parse"] == [] for r in _patches(server))
    assert server.env.errors == []


@pytest.mark.parametrize("story_llm", [PacedChatModel(script=seely_script)], indirect=True)
async def test_ask_streams_into_its_response_then_settles(server: Server, story_llm, latency):
    story_llm.latency = latency
    edits = EditLog(server)

    result = await server.alice.slash(server.general, "ask", question="Who wrote the letter?")

    callbacks = [r.json["type"] for r in server.env.http_requests if r.path.endswith("/callback")]
    assert callbacks == [5]  # deferred ("thinking…"), then the response edited
    assert result.followups == []
    answer = result.response
    assert answer is not None and not answer.ephemeral
    drafts = edits.drafts(answer.id)
    assert len(drafts) >= 3
    assert all(text.startswith("**Q:** Who wrote the letter?\n") for _, text in drafts)
    assert_draft_rate(drafts)
    assert answer.content.startswith("**Q:** Who wrote the letter?\nMarine General William H. Seely III")
    assert "British" not in answer.content and DRAFTING not in answer.content
    assert answer.embeds[0].title == "Sources"
    assert [c["label"] for row in answer.components for c in row["components"]] == ["Helpful", "Not helpful"]
    assert all(r.path.endswith("/messages/@original") for r in _patches(server))


@pytest.mark.parametrize("story_llm", [ScriptedChatModel(script=seely_script)], indirect=True)
async def test_a_question_in_a_qa_channel_streams_into_its_thread(server: Server):
    await server.alice.send(server.qa, "Who wrote the letter?")

    [thread] = server.qa.threads
    assert server.bot_messages(server.qa) == []
    [answer] = server.bot_messages(thread)
    assert "Seely III" in answer.content and "British" not in answer.content
    assert DRAFTING not in answer.content and answer.embeds[0].title == "Sources"
    # A fast model: the draft was posted once, then edited straight into the answer.
    assert len(_patches(server)) == 1


class LongStreamingGenerator(ExtractiveGenerator):
    """Stands in for a long-winded model that streams: quotes every passage twice, word by word."""

    mode = "llm"
    latency: Callable[[float], None] | None = None

    def stream(
        self,
        question: str,
        documents: Sequence[Document],
        snapshot: Snapshot,
        context: str = "",
        intent: Intent | None = None,
    ) -> Generator[str, None, GeneratedAnswer]:
        parts = [f"Passage {i} reads: {doc.page_content} [{i}]" for i, doc in enumerate(documents, 1)]
        text = "\n\n".join(parts + parts)
        draft = ""
        for words in re.findall(r"(?:\S+\s*){1,20}", text):
            if self.latency is not None:
                self.latency(0.5)
            time.sleep(0.01)
            draft += words
            yield draft  # the engine yields the whole draft so far
        return GeneratedAnswer(
            text=text,
            cited=tuple(range(len(documents))),
            abstained=False,
            mode="llm",
            scores=(1.0,) * len(documents),
            quotes=tuple(doc.page_content for doc in documents),
        )


@pytest.mark.parametrize("story_generator", [LongStreamingGenerator()], indirect=True)
async def test_a_long_answer_never_shows_more_than_2000_characters_and_settles_over_several_messages(
    server: Server, story_generator, latency
):
    story_generator.latency = latency
    edits = EditLog(server)

    await server.alice.send(server.general, server.mention("What happened to the letter?"))

    messages = server.bot_messages(server.general)
    assert len(messages) >= 3
    first = messages[0]
    drafts = edits.drafts(first.id)
    assert len(drafts) >= 2
    assert max(len(text) for _, text in drafts) > 1500  # the draft filled the message ...
    assert all(len(text) <= 2000 for _, text in drafts)  # ... and never went over
    assert all(len(text) <= 2000 for text in server.sent_texts())
    assert_draft_rate(drafts)
    # The draft message became the answer's first part; the rest followed, the buttons on the last.
    assert first.reference is not None
    assert all(DRAFTING not in m.content for m in messages)
    assert [bool(m.components) for m in messages] == [False] * (len(messages) - 1) + [True]
    story_generator.latency = None
    expected = server.bot.engine.ask_stream("What happened to the letter?").answer()
    assert isinstance(expected, Answer)
    assert " ".join(m.content for m in messages).split() == safe(expected.answer).split()


# -- failures while streaming -------------------------------------------------------------------------


class FailingStreamGenerator(ExtractiveGenerator):
    """Streams a little, then fails the way a bug would (not with an error meant for users)."""

    mode = "llm"

    def stream(
        self,
        question: str,
        documents: Sequence[Document],
        snapshot: Snapshot,
        context: str = "",
        intent: Intent | None = None,
    ) -> Generator[str, None, GeneratedAnswer]:
        yield ""
        yield "The letter was written by someone."
        raise RuntimeError("the stream fell over")


@pytest.mark.parametrize("story_generator", [FailingStreamGenerator()], indirect=True)
async def test_a_failure_mid_stream_takes_the_draft_down_and_apologises(
    server: Server, caplog: pytest.LogCaptureFixture
):
    await server.alice.send(server.general, server.mention("Who wrote the letter?"))

    [apology] = server.bot_messages(server.general)  # the draft is gone; the apology replaced it
    assert apology.content == APOLOGY
    deleted = [r for r in server.env.http_requests if r.method == "DELETE" and "/messages/" in r.path]
    assert len(deleted) == 1
    assert "the stream fell over" in caplog.text

    result = await server.bob.slash(server.general, "ask", question="Who wrote the letter?")
    [notice] = result.followups
    assert notice.ephemeral and notice.content == APOLOGY
    assert server.bot_messages(server.general) == [apology]  # nothing public was left behind
    assert [type(e).__name__ for e in server.env.errors] == ["CommandInvokeError"]


@pytest.mark.parametrize("story_llm", [ScriptedChatModel(script=seely_script)], indirect=True)
async def test_when_the_draft_cannot_become_the_answer_it_is_taken_down(server: Server):
    server.env.inject_error("PATCH", "/channels/*/messages/*", status=500, times=None)

    await server.alice.send(server.general, server.mention("Who wrote the letter?"))

    [notice] = server.bot_messages(server.general)
    assert notice.content == DELIVERY_FAILED  # the unchecked draft did not stay up in the answer's place
    assert server.env.errors == []
