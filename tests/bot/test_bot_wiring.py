"""Wiring: create_bot from settings, sharding, command sync, bot settings, and `storybot run`."""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import discord
import pytest
from discord.ext import commands
from simcord import Env

from bot import StoryBot, create_bot
from bot.settings import load_bot_settings
from retrieval.errors import ConfigError
from storybot.cli import main
from tests.support.paths import CORPUS

if TYPE_CHECKING:
    from tests.bot.conftest import Server

TEST_GUILD_ID = 1456074443980899999


@pytest.fixture
def use_session_model(monkeypatch: pytest.MonkeyPatch, local_embeddings) -> None:
    """Builds from settings share the session's loaded model instead of loading it again."""
    monkeypatch.setattr("retrieval.wiring.create_embeddings", lambda settings: local_embeddings)


def test_create_bot_takes_its_settings_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, use_session_model: None
):
    monkeypatch.setenv("STORYBOT_DATA_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("STORYBOT_CORPUS_DIR", str(CORPUS))
    monkeypatch.setenv("STORYBOT_QA_CHANNEL_IDS", "111, 222")
    monkeypatch.setenv("STORYBOT_QA_CHANNEL_NAMES", "ask-the-story")
    monkeypatch.setenv("STORYBOT_ADMIN_ROLES", '["Editors", "Storybot Admin"]')
    monkeypatch.setenv("STORYBOT_SHARD_COUNT", "4")
    monkeypatch.setenv("STORYBOT_SHARD_IDS", "2,3")
    monkeypatch.setenv("DISCORD_TOKEN", "token-from-env")

    bot = create_bot()
    try:
        assert isinstance(bot, commands.AutoShardedBot)
        assert bot.settings.qa_channel_ids == [111, 222]
        assert bot.settings.admin_roles == ["Editors", "Storybot Admin"]
        assert (bot.shard_count, bot.shard_ids) == (4, [2, 3])
        assert bot.engine.settings.data_dir == tmp_path / "state"
        assert bot.intents.message_content
        mentions = bot.allowed_mentions
        assert mentions is not None
        assert not (mentions.everyone or mentions.users or mentions.roles or mentions.replied_user)
        assert bot.settings.discord_token is not None
        assert bot.settings.discord_token.get_secret_value() == "token-from-env"
        assert "token-from-env" not in repr(bot.settings)
    finally:
        bot.engine.close()


def test_create_bot_needs_bot_settings(tmp_path: Path):
    from retrieval.settings import load_settings

    with pytest.raises(TypeError, match="BotSettings"):
        create_bot(load_settings(data_dir=tmp_path), engine=object())  # type: ignore[arg-type]


def test_bot_settings_lists_and_shards(monkeypatch: pytest.MonkeyPatch):
    assert load_bot_settings(qa_channel_names="a, b ,").qa_channel_names == ["a", "b"]
    assert load_bot_settings(shard_count=2, shard_ids="1").shard_ids == [1]
    with pytest.raises(ConfigError, match="shard_ids needs shard_count"):
        load_bot_settings(shard_ids=[0])
    with pytest.raises(ConfigError, match="between 0 and 1"):
        load_bot_settings(shard_count=2, shard_ids=[2])
    with pytest.raises(ConfigError, match="thread_auto_archive_minutes"):
        load_bot_settings(thread_auto_archive_minutes=30)


def test_the_bot_token_only_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    for key in ("discord_token", "DISCORD_TOKEN"):
        (tmp_path / "settings.toml").write_text(f'{key} = "in-a-file"\n')
        monkeypatch.setenv("STORYBOT_CONFIG_DIR", str(tmp_path))
        monkeypatch.delenv("STORYBOT_PROFILE", raising=False)
        with pytest.raises(ConfigError, match="secrets must come from the environment"):
            load_bot_settings()
    monkeypatch.setenv("STORYBOT_DISCORD_TOKEN", "prefixed")  # not a name the token is read from
    (tmp_path / "settings.toml").write_text("")
    assert load_bot_settings().discord_token is None


# -- sharding and command sync, through SimCord -------------------------------------------------------


@pytest.mark.parametrize("bot_overrides", [{"shard_count": 2, "shard_ids": [1]}])
async def test_a_process_serves_the_shards_it_is_given(simcord_env: Env):
    bot = simcord_env.bot
    assert isinstance(bot, StoryBot)
    assert set(bot.shards) == {1}
    guild = simcord_env.create_guild("Shard one", shard_id=1)
    channel = guild.create_text_channel("general")
    alice = guild.add_member(simcord_env.create_user("alice"))
    assert bot.user is not None

    await alice.send(channel, f"{bot.user.mention} Who wrote the letter?")

    answer = channel.last_message
    assert answer is not None and answer.author.id == bot.user.id and "Seely" in answer.content
    assert bot.get_guild(guild.id).shard_id == 1


@pytest.mark.parametrize("bot_overrides", [{"test_guild_id": TEST_GUILD_ID}])
async def test_commands_sync_to_the_test_guild(simcord_env: Env):
    test_guild = simcord_env.create_guild("Test server", id=TEST_GUILD_ID)
    other_guild = simcord_env.create_guild("Elsewhere")
    tester = test_guild.add_member(simcord_env.create_user("tester"))
    visitor = other_guild.add_member(simcord_env.create_user("visitor"))

    here = test_guild.create_text_channel("general")
    there = other_guild.create_text_channel("general")

    # /reload is hidden from members without Manage Server (its default permissions).
    assert set(tester.available_commands(here)) == {"ask", "summary", "sources", "status"}
    assert visitor.available_commands(there) == ()


async def test_commands_sync_globally_by_default(server: Server):
    assert set(server.manager.available_commands(server.general)) == {
        "ask",
        "summary",
        "sources",
        "status",
        "reload",
        "bind",
        "unbind",
    }
    syncs = [r for r in server.env.http_requests if r.method == "PUT" and r.path.endswith("/commands")]
    assert [r.path.count("/guilds/") for r in syncs] == [0]


@pytest.mark.parametrize("bot_overrides", [{"sync_commands": False}])
@pytest.mark.simcord(strict_sync=False)
async def test_command_sync_can_be_left_to_another_process(simcord_env: Env):
    assert not [r for r in simcord_env.http_requests if r.path.endswith("/commands")]


# -- storybot run ------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """`storybot run` configures logging for the process; put the test session's back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_run_without_a_token_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setenv("STORYBOT_DATA_DIR", str(tmp_path))
    code = main(["run"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("error: DISCORD_TOKEN is not set")
    assert len(err.strip().splitlines()) == 1


class _Rejecting(BaseHTTPRequestHandler):
    """Answers every request as Discord answers a bad token."""

    def do_GET(self) -> None:
        body = json.dumps({"message": "401: Unauthorized", "code": 0}).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def discord_on_loopback(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Point discord.py's REST base at a local server that rejects every token."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Rejecting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/api/v10"
    monkeypatch.setattr(discord.http.Route, "BASE", base)
    yield base
    server.shutdown()
    server.server_close()


def test_run_with_a_rejected_token_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    use_session_model: None,
    discord_on_loopback: str,
):
    monkeypatch.setenv("STORYBOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("STORYBOT_CORPUS_DIR", str(CORPUS))
    monkeypatch.setenv("DISCORD_TOKEN", "not-a-real-token")

    code = main(["run"])

    err = capsys.readouterr().err
    assert code == 1
    last = err.strip().splitlines()[-1]
    assert last.startswith("error: Discord rejected the bot token in DISCORD_TOKEN")
    assert "not-a-real-token" not in err


def test_run_when_discord_cannot_be_reached_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    use_session_model: None,
):
    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{port}/api/v10")
    monkeypatch.setenv("STORYBOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("STORYBOT_CORPUS_DIR", str(CORPUS))
    monkeypatch.setenv("DISCORD_TOKEN", "some-token")

    code = main(["run"])

    assert code == 1
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("error: cannot reach Discord: ")
