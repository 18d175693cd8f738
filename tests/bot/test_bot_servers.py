"""Stories per server, through SimCord: a server's admin changes only that server's stories; the operator's
server changes everyone's."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import discord

from bot.cogs.reload import NOTHING_OF_ITS_OWN
from tests.bot.conftest import SECOND_STORY

if TYPE_CHECKING:
    from simcord import Env

    from tests.bot.conftest import Server

QUESTION = "When will the central library close on Sundays?"


def _reply(result: Any) -> str:
    [reply] = result.followups if result.followups else [result.response]
    assert reply.ephemeral
    return reply.content


async def _club(env: Env) -> tuple[Any, Any, Any]:
    """Another server the bot is in, with its own admin and a member."""
    guild = env.create_guild("Book club")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    general = guild.create_text_channel("general")
    admin = guild.add_member(env.create_user("bea"), roles=[admins])
    member = guild.add_member(env.create_user("cal"))
    await env.settle()
    return general, admin, member


async def _answer(member: Any, channel: Any) -> str:
    result = await member.slash(channel, "ask", question=QUESTION)
    return "\n".join(m.content for m in [result.response, *result.followups] if m is not None)


async def test_a_servers_upload_is_answered_there_and_nowhere_else(server: Server):
    club, bea, cal = await _club(server.env)
    assert _reply(await bea.slash(club, "reload")) == NOTHING_OF_ITS_OWN

    upload = ("library.json", json.dumps(SECOND_STORY).encode())
    reply = _reply(await bea.slash(club, "reload", file=upload))

    assert "**Reloaded** 2 stories" in reply  # its own and the shared one
    assert "March" in await _answer(cal, club)
    assert "March" not in await _answer(server.alice, server.general)  # the operator's server: unchanged
    assert not (server.corpus / "library.json").exists()  # nothing written to the shared stories
    sources = await cal.slash(club, "sources")
    assert "Library to close on Sundays" in str(sources.response.embeds[0].to_dict())
    sources = await server.alice.slash(server.general, "sources")
    assert "Library to close on Sundays" not in str(sources.response.embeds[0].to_dict())
    # Its own reload now re-indexes its own stories.
    assert _reply(await bea.slash(club, "reload")).startswith("**Reloaded** 2 stories")
    assert server.env.errors == []


async def test_a_server_cannot_replace_a_shared_story_but_the_operator_can_add_for_all(server: Server):
    club, bea, cal = await _club(server.env)
    forged = {**SECOND_STORY, "id": "iraq-coalition-letter", "title": "Forged"}
    reply = _reply(await bea.slash(club, "reload", file=("aa.json", json.dumps(forged).encode())))
    assert "was not added; nothing was saved" in reply and "shared with every server" in reply
    # The refusal went through the command's error handler (SimCord records the error it handled).
    assert [type(e).__name__ for e in server.env.errors] == ["CommandInvokeError"]

    upload = ("library.json", json.dumps(SECOND_STORY).encode())
    reply = _reply(await server.manager.slash(server.general, "reload", file=upload))

    assert "**Reloaded** 2 stories" in reply
    assert (server.corpus / "library.json").exists()
    assert "March" in await _answer(cal, club) and "March" in await _answer(server.alice, server.general)
