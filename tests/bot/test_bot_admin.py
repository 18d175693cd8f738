"""Administering the bot through SimCord: admin roles trusted by id (a role made with the admin role's name
does not let its maker reload), /reload hidden from members without Manage Server, and the allow-list of
servers (the bot leaves the others, on joining and at start-up, and ignores them meanwhile)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
import pytest
from simcord import Env

from bot import create_bot
from bot.app import NOT_SERVED
from bot.errors import NotReloadAdminError
from bot.permissions import REFUSED_REASON
from bot.settings import BotSettings
from retrieval import StoryEngine
from tests.bot.conftest import ADMIN_ROLE

if TYPE_CHECKING:
    from tests.bot.conftest import Server

REFUSAL = (
    "Sorry, only members with the Manage Server permission or the role “Storybot Admin” may reload the "
    "stories. Nothing was reloaded."
)
HOME = 1_100_000_000_000_000_001


def _open_reload_to_everyone(server: Server) -> None:
    """A server admin shows /reload to every member (Integrations): only the bot's own check is left."""
    command = server.env.backend.find_command("reload", server.guild.id)
    assert command is not None
    server.guild.set_command_permissions(int(command["id"]), {server.guild.default_role: True})


async def test_a_member_who_made_a_role_with_the_admin_name_cannot_reload(
    server: Server, bot_settings: BotSettings, story_engine: StoryEngine, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.INFO, logger="bot.permissions")
    guild = server.guild
    role_managers = guild.create_role("Role Managers", permissions=discord.Permissions(manage_roles=True))
    # What a member with Manage Roles can do: make a role named like the admin role and take it.
    forged = guild.create_role(ADMIN_ROLE)
    mallory = guild.add_member(server.env.create_user("mallory"), roles=[role_managers, forged])
    _open_reload_to_everyone(server)
    server.add_story()
    before = server.bot.engine.status()

    result = await mallory.slash(server.general, "reload", file=("library-sundays.json", b"{}"))

    assert result.ephemeral and result.response is not None and result.response.content == REFUSAL
    assert server.bot.engine.status().corpus_version == before.corpus_version
    [latest, *_] = server.bot.engine.reloads(1)
    assert (latest.actor, latest.result) == (f"discord:mallory ({mallory.id})", "refused")
    assert (latest.error, latest.upload) == (REFUSED_REASON, "library-sundays.json")

    # After a restart the names are resolved again, and the forged role exists by then: it is still
    # refused, as it sits under a role with Manage Roles; the genuine admin role (above it) is trusted.
    await server.env.restart_bot(create_bot(bot_settings, engine=story_engine))
    result = await mallory.slash(server.general, "reload")
    assert result.response is not None and result.response.content == REFUSAL
    assert f"not trusting the role 'Storybot Admin' ({forged.id})" in caplog.text
    result = await server.keeper.slash(server.general, "reload")
    [report] = result.followups if result.followups else [result.response]
    assert report.content.startswith("**Reloaded** 2 stories")
    assert [type(e) for e in server.env.errors] == [NotReloadAdminError, NotReloadAdminError]


async def test_reload_is_hidden_from_members_without_manage_server(server: Server):
    command = server.bot.tree.get_command("reload")
    assert isinstance(command, discord.app_commands.Command)
    assert command.default_permissions == discord.Permissions(manage_guild=True)
    synced = server.env.backend.find_command("reload", server.guild.id)
    assert synced is not None
    assert int(synced["default_member_permissions"]) == discord.Permissions(manage_guild=True).value

    assert "reload" not in server.alice.available_commands(server.general)
    assert "reload" in server.manager.available_commands(server.general)
    assert "reload" in server.keeper.available_commands(server.general)  # the admin opened it to the role


@pytest.mark.parametrize("bot_overrides", [{"allowed_guilds": [HOME]}])
async def test_the_bot_leaves_servers_off_the_allow_list_and_ignores_them_meanwhile(
    simcord_env: Env, bot_settings: BotSettings, story_engine: StoryEngine, caplog: pytest.LogCaptureFixture
):
    env = simcord_env
    caplog.set_level(logging.INFO, logger="bot.app")
    home = env.create_guild("Newsroom", id=HOME)
    stranger = env.create_guild("Elsewhere")
    await env.settle()

    assert stranger.id not in env.backend.guilds and env.bot.get_guild(stranger.id) is None
    assert f"leaving server {stranger.id} (Elsewhere)" in caplog.text
    general = home.create_text_channel("general")
    alice = home.add_member(env.create_user("alice"))
    assert env.bot.user is not None
    await alice.send(general, f"{env.bot.user.mention} Who wrote the letter?")
    answer = general.last_message
    assert answer is not None and answer.author.id == env.bot.user.id and "Seely" in answer.content

    # A server the bot cannot leave (Discord refuses) is ignored meanwhile: no answers, no commands.
    env.inject_error("DELETE", "/users/@me/guilds/*", status=403, code=50013, times=None)
    stuck = env.create_guild("Stuck")
    channel = stuck.create_text_channel("general")
    mallory = stuck.add_member(env.create_user("mallory"))
    await env.settle()
    assert "could not leave server" in caplog.text
    await mallory.send(channel, f"{env.bot.user.mention} Who wrote the letter?")
    assert [m for m in channel.history() if m.author.id == env.bot.user.id] == []
    result = await mallory.slash(channel, "ask", question="Who wrote the letter?")
    assert result.ephemeral and result.response is not None and result.response.content == NOT_SERVED

    # At the next start it leaves the servers off the list it is still in.
    env.backend.faults.clear()
    await env.restart_bot(create_bot(bot_settings, engine=story_engine))
    assert stuck.id not in env.backend.guilds
    assert f"leaving server {stuck.id} (Stuck)" in caplog.text
    assert HOME in env.backend.guilds
    assert env.errors == []


def test_admin_role_ids_and_allowed_guilds_come_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    from bot.settings import load_bot_settings

    monkeypatch.setenv("STORYBOT_ADMIN_ROLE_IDS", "111, 222")
    monkeypatch.setenv("STORYBOT_ALLOWED_GUILDS", "[333]")
    settings = load_bot_settings()
    assert (settings.admin_role_ids, settings.allowed_guilds) == ([111, 222], [333])
    assert settings.serves_guild(333) and not settings.serves_guild(444) and not settings.serves_guild(None)
    monkeypatch.delenv("STORYBOT_ALLOWED_GUILDS")
    assert load_bot_settings().serves_guild(444)
