"""A language model that fails, through Discord: timeouts, 429 and 5xx, refused connections, malformed output
and streams that break off. Every time the member gets the offline answer with a short note (that the model
is unavailable), never an exception, and the bot keeps answering.

The model is a real OpenAI-compatible HTTP server that misbehaves on purpose (tests/support/fake_openai.py),
reached by the production client built from settings (``llm_base_url``), with a 1 s timeout and no retries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from bot.drafts import DRAFTING
from retrieval.answer.llm import UNAVAILABLE_NOTE
from tests.support.fake_openai import FakeOpenAI
from tests.support.servers import free_port

if TYPE_CHECKING:
    from tests.bot.conftest import Server

pytestmark = [pytest.mark.integration, pytest.mark.simcord(settle_timeout=30)]

FAULTS = ["429", "500", "slow", "malformed", "empty", "connection refused"]
# What an exception or an HTTP error would look like if one reached a member.
LEAKS = ("Traceback", "Error", "Exception", "HTTP", "429", "500", "timed out", "refused", "127.0.0.1")


@pytest.fixture(params=FAULTS)
def model_server(request: pytest.FixtureRequest) -> Iterator[FakeOpenAI | None]:
    """The misbehaving model server (None: nothing listens at the address)."""
    if request.param == "connection refused":
        yield None
        return
    reply = "Marine General William H. Seely III wrote the letter [1]. He wrote it on Monday [1]."
    with FakeOpenAI(request.param, reply=reply, delay=5) as server:
        yield server


@pytest.fixture
def bot_overrides(model_server: FakeOpenAI | None) -> dict[str, Any]:
    url = model_server.url if model_server else f"http://127.0.0.1:{free_port()}/v1"
    return {"llm_base_url": url, "llm_timeout_seconds": 1, "llm_max_retries": 0}


def assert_no_leak(text: str) -> None:
    for leak in LEAKS:
        # A status code inside a snowflake id ("...4185950...") is no leak: numbers match as whole numbers.
        found = re.search(rf"(?<!\d){leak}(?!\d)", text) if leak.isdigit() else leak in text
        assert not found, f"{leak!r} shown to a member: {text}"


async def test_a_model_fault_gives_the_offline_answer_with_a_note_and_the_bot_carries_on(
    server: Server, model_server: FakeOpenAI | None
):
    assert server.bot.engine.status().mode == "llm"

    await server.alice.send(server.general, server.mention("Who wrote the letter?"))
    result = await server.bob.slash(server.general, "ask", question="Who called the letter poorly worded?")
    await server.alice.send(server.qa, "When did he send the letter?")

    [mention] = server.bot_messages(server.general)
    [thread] = server.qa.threads
    [in_thread] = server.bot_messages(thread)
    asked = result.response
    assert asked is not None and not asked.ephemeral
    assert "Seely" in mention.content
    assert "Poorly worded, implies withdrawal" in asked.content
    assert "Monday" in in_thread.content
    for message in (mention, asked, in_thread):
        assert message.content.endswith(f"\n-# {UNAVAILABLE_NOTE}")
        assert DRAFTING not in message.content
        assert message.embeds[0].footer.text.endswith("· offline answer")
    for text in server.sent_texts():
        assert_no_leak(text)
    assert server.env.errors == []  # nothing reached discord.py's error handlers
    if model_server is not None:
        assert len(model_server.requests) == 3  # the model was asked every time, and failed every time


@pytest.mark.parametrize("model_server", ["broken-stream"], indirect=True)
async def test_a_stream_that_breaks_off_is_replaced_by_the_offline_answer(
    server: Server, model_server: FakeOpenAI
):
    await server.alice.send(server.general, server.mention("Who wrote the letter?"))

    [reply] = server.bot_messages(server.general)
    posted = [r for r in server.env.http_requests if r.method == "POST" and r.path.endswith("/messages")]
    assert [r.json["content"] for r in posted] == [DRAFTING]  # text came, so a draft went up ...
    assert DRAFTING not in reply.content  # ... and was edited into the offline answer, with a note
    assert "Seely" in reply.content and reply.embeds[0].footer.text.endswith("· offline answer")
    # The stream ended without the model saying it had finished: a fault, like any other.
    assert reply.content.endswith(
        "\n-# The language model is unavailable right now, so this is the offline answer."
    )
    for text in server.sent_texts():
        assert_no_leak(text)
    assert server.env.errors == []


@pytest.mark.parametrize("model_server", ["500", "429"], indirect=True)
async def test_summaries_fall_back_with_a_note(server: Server):
    result = await server.alice.slash(server.general, "summary", scope="all")

    messages = [result.response, *result.followups]
    text = "\n".join(m.content for m in messages)
    assert text.startswith("**Summary of the article and its reader comments**")
    assert "-# The language model was unavailable for part of this summary." in text
    assert messages[-1].embeds[-1].footer.text.endswith("· offline summary")
    for sent in server.sent_texts():
        assert_no_leak(sent)
    assert server.env.errors == []
