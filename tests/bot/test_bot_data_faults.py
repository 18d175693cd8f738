"""The data dir's database (audit trail and votes, ``storybot.sqlite3``) broken, locked or read-only while the
bot serves: members still get answers (without vote buttons), /status says what is wrong, /reload is
refused with the fix, and the problem is logged once, not per answer."""

from __future__ import annotations

import logging
import sqlite3
import time
from typing import TYPE_CHECKING

import discord

import bot.feedback
import retrieval.audit
from retrieval import database_path

if TYPE_CHECKING:
    from tests.bot.conftest import Server

CORRUPT = "is not a SQLite database (corrupted?): move it aside and restart"


def _fields(embed: discord.Embed) -> dict[str, str]:
    """Each field's text as read (Markdown escapes, as in the paths' underscores, taken out)."""
    return {f.name or "": (f.value or "").replace("\\", "") for f in embed.fields}


def _buttons(message: discord.Message) -> list[str]:
    return [c.label or "" for row in message.components for c in row.children]  # type: ignore[union-attr]


async def test_a_corrupted_database_still_answers_and_status_says_why(server: Server, caplog):
    path = database_path(server.bot.settings.data_dir)
    path.write_bytes(b"garbage, not a database " * 400)

    # Named loggers too: a CLI test in the same session may have quietened retrieval.audit.
    with (
        caplog.at_level(logging.WARNING),
        caplog.at_level(logging.WARNING, logger="retrieval.audit"),
        caplog.at_level(logging.WARNING, logger="bot.feedback"),
    ):
        await server.alice.send(server.general, server.mention("Who wrote the letter?"))
        await server.alice.send(server.general, server.mention("Who called the letter poorly worded?"))
        manager = await server.manager.slash(server.general, "status")
        member = await server.alice.slash(server.general, "status")
        reload = await server.manager.slash(server.general, "reload")

    first, second = server.bot_messages(server.general)
    for answer in (first, second):
        assert "[1]" in answer.content
        assert _buttons(answer) == []  # no record, no id for the buttons to carry
    problems = _fields(manager.response.embeds[0])["Problems"]
    assert f"{path} {CORRUPT}" in problems
    assert _fields(manager.response.embeds[0])["Last reload"] == "unknown"
    assert _fields(member.response.embeds[0])["Problems"] == (
        "Votes or the reload history are unavailable right now; answers are not affected."
    )
    [refusal] = reload.followups if reload.followups else [reload.response]
    assert CORRUPT in refusal.content and "nothing was reloaded" in refusal.content
    server.env.errors  # noqa: B018 — acknowledged: the refusal went through the error handlers
    # Logged once per store (with the traceback), not for every answer or /status.
    feedback_warnings = [r for r in caplog.records if r.name == "bot.feedback"]
    audit_warnings = [r for r in caplog.records if r.name == "retrieval.audit"]
    assert len(feedback_warnings) == 1 and feedback_warnings[0].exc_info
    assert len(audit_warnings) == 1 and audit_warnings[0].exc_info


async def test_a_locked_database_does_not_hold_answers_up(server: Server):
    path = database_path(server.bot.settings.data_dir)
    await server.alice.send(server.general, server.mention("Who wrote the letter?"))  # creates the tables
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.perf_counter()
        await server.alice.send(server.general, server.mention("Who called the letter poorly worded?"))
        waited = time.perf_counter() - started
        status = await server.manager.slash(server.general, "status")
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    _, answer = server.bot_messages(server.general)
    assert "[1]" in answer.content and _buttons(answer) == []
    assert waited < 5.0  # was 10 s of sqlite timeout before the answer went out
    assert f"{path} is locked by another process" in _fields(status.response.embeds[0])["Problems"]
    # The lock gone, answers get their buttons again and /status is clear.
    await server.alice.send(server.general, server.mention("Who wrote the letter?"))
    assert _buttons(server.bot_messages(server.general)[-1]) == ["Helpful", "Not helpful"]
    status = await server.manager.slash(server.general, "status")
    assert "Problems" not in _fields(status.response.embeds[0])


async def test_a_read_only_data_dir_answers_and_refuses_reloads(server: Server, monkeypatch):
    """Simulated (tests may run as root, whom chmod does not stop): every SQLite write is refused."""

    def read_only(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(retrieval.audit.sqlite3, "connect", read_only)
    monkeypatch.setattr(bot.feedback.sqlite3, "connect", read_only)
    data_dir = server.bot.settings.data_dir

    await server.alice.send(server.general, server.mention("Who wrote the letter?"))
    status = await server.manager.slash(server.general, "status")
    reload = await server.manager.slash(server.general, "reload")

    [answer] = server.bot_messages(server.general)
    assert "[1]" in answer.content and _buttons(answer) == []
    fix = f"{data_dir}/ is read-only: make it writable by uid 10001 (Docker) or run with STORYBOT_DATA_DIR="
    assert fix in _fields(status.response.embeds[0])["Problems"]
    [refusal] = reload.followups if reload.followups else [reload.response]
    assert "is read-only" in refusal.content and "nothing was reloaded" in refusal.content
    server.env.errors  # noqa: B018 — acknowledged: the refusal went through the error handlers
