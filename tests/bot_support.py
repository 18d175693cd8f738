"""SimCord fixtures for the bot tests: a real bot, a real engine, a simulated Discord server.

Each ``tests/test_bot_*.py`` module registers this module as a pytest plugin (``pytest_plugins``), so the
fixtures are shared without a conftest of their own. Override ``bot_overrides`` (by parametrising it) to
change settings for one test, or ``story_generator`` to change how answers are composed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest
from langchain_core.embeddings import Embeddings
from simcord import Env
from simcord.actors import MemberActor
from simcord.builders import ChannelHandle, GuildHandle

from bot import StoryBot, create_bot
from bot.settings import BotSettings
from retrieval.chain import Generator
from retrieval.engine import StoryEngine, build_engine
from retrieval.settings import load_settings

QA_CHANNEL = "ask-the-story"
ADMIN_ROLE = "Storybot Admin"

SECOND_STORY = {
    "title": "Library to close on Sundays",
    "paragraphs": [
        "The town council voted on Tuesday to close the central library on Sundays from March.",
        "The council said the closure would save 40,000 pounds a year.",
    ],
    "comments": [{"author": "Mo", "text": "Sunday is the only day working families can visit."}],
}

BOT_TEST_SETTINGS: dict[str, Any] = {
    "shard_count": 1,
    "qa_channel_names": [QA_CHANNEL],
    "admin_roles": [ADMIN_ROLE],
    "user_cooldown_questions": 3,
    "user_cooldown_seconds": 30,
}


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    """Settings one test changes; parametrise this name to override it."""
    return {}


@pytest.fixture
def story_corpus(request: pytest.FixtureRequest, tmp_path: Path, corpus_copy: Path) -> Path:
    """The corpus the bot serves: a writable copy of the repo's.

    Parametrise it (indirectly) with ``{file name: story dict}`` to serve those JSON stories instead.
    """
    stories: dict[str, dict[str, Any]] | None = getattr(request, "param", None)
    if stories is None:
        return corpus_copy
    corpus = tmp_path / "stories"
    corpus.mkdir()
    for name, story in stories.items():
        (corpus / name).write_text(json.dumps(story), encoding="utf-8")
    return corpus


@pytest.fixture
def story_generator(request: pytest.FixtureRequest) -> Generator | None:
    """The answer generator; None is the engine's own (offline, extractive). Parametrise it (indirectly)
    with a generator to compose answers differently."""
    return getattr(request, "param", None)


@pytest.fixture
def bot_settings(tmp_path: Path, story_corpus: Path, bot_overrides: dict[str, Any]) -> BotSettings:
    values = {"data_dir": tmp_path / "data", "corpus_dir": story_corpus, **BOT_TEST_SETTINGS, **bot_overrides}
    settings = load_settings(BotSettings, **values)
    assert isinstance(settings, BotSettings)
    return settings


@pytest.fixture
def story_embeddings(local_embeddings: Embeddings) -> Embeddings:
    """The embeddings the engine uses: the real local model, loaded once per test session."""
    return local_embeddings


@pytest.fixture
def story_engine(
    bot_settings: BotSettings, story_embeddings: Embeddings, story_generator: Generator | None
) -> Iterator[StoryEngine]:
    """The engine over the corpus, indexed before the bot starts."""
    engine = build_engine(bot_settings, embeddings=story_embeddings, generator=story_generator)
    engine.ingest()
    yield engine
    engine.close()


@pytest.fixture
def simcord_bot(bot_settings: BotSettings, story_engine: StoryEngine) -> StoryBot:
    return create_bot(bot_settings, engine=story_engine)


@dataclass
class Server:
    """A guild with a general channel, a Q&A channel and a few members."""

    env: Env
    guild: GuildHandle
    general: ChannelHandle
    qa: ChannelHandle
    alice: MemberActor
    bob: MemberActor
    manager: MemberActor  # has Manage Server
    keeper: MemberActor  # has the admin role named in settings
    corpus: Path  # the story files the bot serves (a writable copy)

    @property
    def bot(self) -> StoryBot:
        bot = self.env.bot
        assert isinstance(bot, StoryBot)
        return bot

    def mention(self, text: str) -> str:
        assert self.bot.user is not None
        return f"{self.bot.user.mention} {text}"

    def bot_messages(self, channel: ChannelHandle) -> list[discord.Message]:
        """What the bot posted in ``channel``, oldest first (not the system notices Discord posts for it)."""
        assert self.bot.user is not None
        return [
            m
            for m in channel.history()
            if m.author.id == self.bot.user.id
            and m.type in (discord.MessageType.default, discord.MessageType.reply)
        ]

    def add_story(self, name: str = "library-sundays.json", story: dict[str, Any] | None = None) -> str:
        """Write a story file into the corpus directory (not yet indexed); returns the story's id."""
        (self.corpus / name).write_text(json.dumps(story or SECOND_STORY), encoding="utf-8")
        return Path(name).stem

    def stored(self, message: discord.Message | Any) -> Any:
        """The simulated Discord's own record of a message (its mention and ping state)."""
        return self.env.backend.get_message(
            message.channel.id if hasattr(message, "channel") else message.channel_id, message.id
        )


@pytest.fixture
def server(simcord_env: Env, story_corpus: Path) -> Server:
    env = simcord_env
    guild = env.create_guild("Newsroom")
    managers = guild.create_role("Moderators", permissions=discord.Permissions(manage_guild=True))
    keepers = guild.create_role(ADMIN_ROLE)
    return Server(
        env=env,
        guild=guild,
        general=guild.create_text_channel("general"),
        qa=guild.create_text_channel(QA_CHANNEL),
        alice=guild.add_member(env.create_user("alice")),
        bob=guild.add_member(env.create_user("bob")),
        manager=guild.add_member(env.create_user("manager"), roles=[managers]),
        keeper=guild.add_member(env.create_user("keeper"), roles=[keepers]),
        corpus=story_corpus,
    )
