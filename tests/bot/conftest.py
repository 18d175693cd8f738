"""SimCord fixtures for the bot tests: a real bot, a real engine, a simulated Discord server.

pytest hands these fixtures to every test module in tests/bot/. Override ``bot_overrides`` (by parametrising
it) to change settings for one test, ``story_generator`` to change how answers are composed, or ``story_llm``
to answer with a chat model. ``latency`` lets a scripted model take simulated time as it streams.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest
from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from simcord import Env
from simcord.actors import MemberActor
from simcord.builders import ChannelHandle, GuildHandle, RoleHandle

from bot import StoryBot, create_bot
from bot.settings import BotSettings
from retrieval import StoryEngine, build_engine
from retrieval.answer.generation import Generator
from retrieval.settings import load_settings
from tests.support.templates import IndexTemplates

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
    """The embeddings the engine uses: the real local model, loaded once per test session. A test may wrap
    it (keeping the model as ``.model``) to watch or hold its calls; the index is then still a copy."""
    return local_embeddings


def _embeds_as(embeddings: Embeddings, model: Embeddings) -> bool:
    """The session's model itself, or a test's wrapper around it."""
    return embeddings is model or getattr(embeddings, "model", None) is model


@pytest.fixture
def story_llm(request: pytest.FixtureRequest) -> BaseChatModel | None:
    """The engine's chat model; None is none (offline answers, unless settings name a model server).
    Parametrise it (indirectly) with a chat model (see tests/support/chat_models.py) to answer with it."""
    return getattr(request, "param", None)


@pytest.fixture
def story_engine(
    bot_settings: BotSettings,
    story_embeddings: Embeddings,
    story_generator: Generator | None,
    story_llm: BaseChatModel | None,
    local_embeddings: Embeddings,
    index_templates: IndexTemplates,
) -> Iterator[StoryEngine]:
    """The engine over the corpus, indexed before the bot starts: a copy of the session's index of the
    corpus, as ``engine.ingest()`` leaves it (tests/support/templates.py), unless the test embeds with
    something other than the session's model, which indexes its own."""
    copied = _embeds_as(story_embeddings, local_embeddings)
    if copied:
        index_templates.copy(bot_settings)
    engine = build_engine(bot_settings, embeddings=story_embeddings, generator=story_generator, llm=story_llm)
    if not copied:
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

    def sent_texts(self) -> list[str]:
        """Every piece of text the bot sent Discord, in order: contents, embed titles, fields and footers,
        labels, of every message posted and every edit (drafts included), in channels and interactions."""
        texts: list[str] = []

        def collect(value: Any) -> None:
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, dict):
                for item in value.values():
                    collect(item)
            elif isinstance(value, list):
                for item in value:
                    collect(item)

        for request in self.env.http_requests:
            if request.method in ("POST", "PATCH") and request.json is not None:
                collect(request.json)
        return texts

    def stored(self, message: discord.Message | Any) -> Any:
        """The simulated Discord's own record of a message (its mention and ping state)."""
        return self.env.backend.get_message(
            message.channel.id if hasattr(message, "channel") else message.channel_id, message.id
        )


@pytest.fixture
async def server(simcord_env: Env, story_corpus: Path) -> Server:
    env = simcord_env
    guild = env.create_guild("Newsroom")
    managers = guild.create_role("Moderators", permissions=discord.Permissions(manage_guild=True))
    keepers = guild.create_role(ADMIN_ROLE)
    server = Server(
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
    # The test server is the operator's own: its /reload changes the shared stories (test_bot_servers.py
    # has servers that are not).
    server.bot.settings.operator_guilds.append(guild.id)
    await trust_admin_role(server, keepers)
    return server


async def trust_admin_role(server: Server, role: RoleHandle) -> None:
    """What a server admin and the bot do for a role named in settings: the admin lets it see /reload
    (Server Settings → Integrations); the bot pins its id, as on connecting (the role came after it did)."""
    await server.env.settle()
    command = server.env.backend.find_command("reload", server.guild.id)
    assert command is not None
    server.guild.set_command_permissions(int(command["id"]), {role: True})
    guild = server.bot.get_guild(server.guild.id)
    assert guild is not None
    server.bot.admin_roles.resolve(guild)


@pytest.fixture
async def latency(server: Server) -> Callable[[float], None]:
    """Simulated model latency: moves SimCord's virtual clock forward from the model's worker thread.

    SimCord's clock is virtual. It moves with ``advance_time`` (between operations, from the test) or when
    a bot timer comes due in real time, and then only once the bot's work in flight has settled, which a
    streaming answer's never has until it is delivered. So a model that takes real time would leave the
    clock standing still; one that takes virtual time moves it as a real one moves the wall clock, and the
    bot's edit timer comes due on it.
    """
    loop = asyncio.get_running_loop()
    return lambda seconds: loop.call_soon_threadsafe(server.env.backend.advance_clock, seconds)
