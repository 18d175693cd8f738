"""Failures: Discord refusing a message, a failing engine. The member hears of it, briefly; the log gets
the traceback; the bot keeps answering."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pytest
from langchain_core.documents import Document

from bot.cogs.questions import DELIVERY_FAILED
from bot.errors import APOLOGY
from retrieval.answer.extractive import ExtractiveGenerator
from retrieval.answer.generation import GeneratedAnswer
from retrieval.answer.intents import Intent
from retrieval.index.snapshot import Snapshot

if TYPE_CHECKING:
    from tests.bot.conftest import Server


class BrokenGenerator(ExtractiveGenerator):
    """Fails the way a bug would: not with an error meant for users."""

    def generate(
        self,
        question: str,
        documents: Sequence[Document],
        snapshot: Snapshot,
        context: str = "",
        intent: Intent | None = None,
    ) -> GeneratedAnswer:
        if "explode" in question:
            raise RuntimeError("the generator fell over")
        return super().generate(question, documents, snapshot, context, intent)


async def test_a_rest_500_on_message_send_is_retried(server: Server, caplog: pytest.LogCaptureFixture):
    server.env.inject_error("POST", "/channels/*/messages", status=500, times=1)

    await server.alice.send(server.general, server.mention("Who wrote the letter?"))

    [answer] = server.bot_messages(server.general)
    assert "Seely" in answer.content
    assert "Discord answered 500 when posting a message; retrying once" in caplog.text


async def test_when_discord_keeps_failing_the_member_is_told_and_the_bot_carries_on(
    server: Server, caplog: pytest.LogCaptureFixture
):
    server.env.inject_error("POST", "/channels/*/messages", status=500, times=2)

    await server.alice.send(server.general, server.mention("Who wrote the letter?"))

    [notice] = server.bot_messages(server.general)
    assert notice.content == DELIVERY_FAILED
    failure = next(r for r in caplog.records if r.levelno == logging.ERROR)
    assert failure.getMessage().startswith("could not post an answer") and failure.exc_info is not None

    await server.bob.send(server.general, server.mention("Who called the letter poorly worded?"))
    assert "Poorly worded" in server.bot_messages(server.general)[-1].content


async def test_a_failed_follow_up_is_reported_privately(server: Server):
    server.env.inject_error("POST", "/webhooks/*", status=500, times=2)

    result = await server.alice.slash(server.general, "ask", question="Who wrote the letter?")

    [apology] = result.followups
    assert apology.ephemeral and apology.content == APOLOGY
    assert [m.content for m in server.general.history()] == []  # no public leftovers
    [error] = server.env.errors
    assert error.original.status == 500


async def test_no_typing_indicator_is_no_reason_to_stay_silent(server: Server):
    server.env.inject_error("POST", "/channels/*/typing", status=500, times=None)
    await server.alice.send(server.general, server.mention("Who wrote the letter?"))
    assert "Seely" in server.bot_messages(server.general)[0].content


async def test_when_no_thread_can_be_opened_the_answer_goes_in_the_channel(server: Server):
    server.env.inject_error("POST", "/channels/*/messages/*/threads", status=403, code=50013, times=None)

    question = await server.alice.send(server.qa, "Who wrote the letter?")

    assert server.qa.threads == []
    [answer] = server.bot_messages(server.qa)
    assert "Seely" in answer.content
    assert answer.reference is not None and answer.reference.message_id == question.id


@pytest.mark.parametrize("story_generator", [BrokenGenerator()], indirect=True)
async def test_an_unexpected_failure_is_logged_apologised_for_and_survived(
    server: Server, caplog: pytest.LogCaptureFixture
):
    await server.alice.send(server.general, server.mention("Why did it explode?"))
    [apology] = server.bot_messages(server.general)
    assert apology.content == APOLOGY
    logged = next(r for r in caplog.records if r.getMessage().startswith("failed to answer message"))
    assert logged.exc_info is not None and "the generator fell over" in caplog.text

    caplog.clear()
    result = await server.alice.slash(server.general, "ask", question="Why did it explode?")
    [notice] = result.followups
    assert notice.ephemeral and notice.content == APOLOGY
    logged = next(r for r in caplog.records if r.getMessage() == "/ask failed")
    assert logged.exc_info is not None and logged.exc_info[0] is RuntimeError
    assert [type(e).__name__ for e in server.env.errors] == ["CommandInvokeError"]

    result = await server.bob.slash(server.general, "ask", question="Who wrote the letter?")
    assert result.response is not None and "Seely" in result.response.content
