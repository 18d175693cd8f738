"""The bot itself: an AutoShardedBot wired with the engine, the feedback store and one cog per feature."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime
from typing import Any

import discord
from discord.ext import commands

from bot.bindings import ChannelBindings
from bot.cooldown import QuestionCooldown
from bot.errors import StoryCommandTree
from bot.feedback import FeedbackStore
from bot.permissions import AdminRoles
from bot.settings import BotSettings, load_bot_settings
from retrieval import ServerCorpora, StoryEngine, build_server_corpora, database_path

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.cogs.questions",
    "bot.cogs.summaries",
    "bot.cogs.information",
    "bot.cogs.reload",
    "bot.cogs.feedback",
    "bot.cogs.health",
    "bot.cogs.bindings",
)


def bot_intents() -> discord.Intents:
    intents = discord.Intents.default()
    intents.message_content = True  # privileged: questions in Q&A channels are plain messages
    return intents


NOT_SERVED = "Sorry, this bot is not available in this server."


class StoryTree(StoryCommandTree):
    """Slash commands from servers outside ``STORYBOT_ALLOWED_GUILDS`` (and DMs, with an allow-list) are
    refused before any command runs, while the bot is on its way out of them."""

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        settings: BotSettings = interaction.client.settings  # type: ignore[attr-defined]
        if settings.serves_guild(interaction.guild_id):
            return True
        log.info("ignored an interaction from server %s: not allowed", interaction.guild_id)
        if interaction.type is discord.InteractionType.application_command:
            await interaction.response.send_message(NOT_SERVED, ephemeral=True)
        return False


class StoryBot(commands.AutoShardedBot):
    """Answers questions about the loaded stories. Every attribute a cog needs hangs off the bot."""

    def __init__(self, *, settings: BotSettings, corpora: ServerCorpora, feedback: FeedbackStore) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,  # required by commands.Bot; no prefix commands exist
            help_command=None,
            intents=bot_intents(),
            # Never ping anyone, whatever a quoted passage or a user's question contains.
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=StoryTree,
            shard_count=settings.shard_count,
            shard_ids=settings.shard_ids,
        )
        self.settings = settings
        self.corpora = corpora
        self.feedback = feedback
        self.bindings = ChannelBindings(database_path(settings.data_dir))
        self.admin_roles = AdminRoles(settings)
        self._leaving: set[int] = set()  # servers off the allow-list this bot has asked to leave
        self.question_cooldown = QuestionCooldown(
            settings.user_cooldown_questions, settings.user_cooldown_seconds
        )
        self.started_at: datetime | None = None
        self._background: set[asyncio.Task[None]] = set()

    async def setup_hook(self) -> None:
        self.started_at = discord.utils.utcnow()
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        if self.settings.sync_commands:
            await self.sync_commands()
        # The operator may have changed the shared stories while the bot was down (`storybot ingest`).
        self.prepare_engine(follow_shared=True)

    def prepare_engine(self, engine: StoryEngine | None = None, *, follow_shared: bool = False) -> None:
        """In a worker thread, build what the first summary or "tl;dr" would otherwise wait for (after a
        start, and after each reload); first, if asked, bring every server's copy of the shared stories up
        to date."""
        task = asyncio.create_task(self._prepare(engine or self.engine, follow_shared))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _prepare(self, engine: StoryEngine, follow_shared: bool) -> None:
        started = time.perf_counter()
        try:
            if follow_shared:
                await asyncio.to_thread(self.corpora.follow_shared, actor="start-up")
            stories = await asyncio.to_thread(engine.prepare)
        except Exception as exc:  # nothing indexed yet, or the store is down: questions will say so
            log.warning("summaries not prepared in advance: %s", exc)
            return
        log.info("prepared the summaries of %d stories in %.1f s", stories, time.perf_counter() - started)

    async def sync_commands(self) -> None:
        """Register the slash commands: with one test server (instant), or globally (may take a while)."""
        try:
            if self.settings.test_guild_id is not None:
                guild = discord.Object(id=self.settings.test_guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
                log.info("synced %d slash commands to server %s", len(synced), guild.id)
            else:
                synced = await self.tree.sync()
                log.info("synced %d slash commands globally", len(synced))
        except discord.HTTPException:
            # The commands Discord already knows keep working; the next start retries.
            log.error("could not sync slash commands with Discord", exc_info=True)

    def uptime_seconds(self) -> float:
        if self.started_at is None:
            return 0.0
        return (discord.utils.utcnow() - self.started_at).total_seconds()

    def is_qa_channel(self, channel: Any) -> bool:
        return self.settings.is_qa_channel(channel.id, getattr(channel, "name", None))

    def is_qa_forum_post(self, channel: Any) -> bool:
        """A post in a Q&A forum: its first message is a question, every later one a follow-up."""
        if not isinstance(channel, discord.Thread) or not isinstance(channel.parent, discord.ForumChannel):
            return False
        return self.settings.is_qa_channel(channel.parent.id, channel.parent.name)

    def is_qa_thread(self, channel: Any) -> bool:
        """A thread this bot opened on a question in a Q&A channel: every message in it is a follow-up."""
        if not isinstance(channel, discord.Thread) or self.user is None or channel.owner_id != self.user.id:
            return False
        parent = channel.parent
        return self.settings.is_qa_channel(channel.parent_id, parent.name if parent else None)

    async def on_ready(self) -> None:
        # On each connection, every server the bot is in (whether or not each was announced as available).
        for guild in self.guilds:
            await self.admit(guild)
        log.info(
            "connected as %s to %d servers (shards %s of %s)",
            self.user,
            len(self.guilds),
            ",".join(str(i) for i in sorted(self.shards)) or "-",
            self.shard_count,
        )

    async def on_guild_available(self, guild: discord.Guild) -> None:
        await self.admit(guild)

    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.admit(guild)

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        self.admin_roles.forget(guild.id)
        self._leaving.discard(guild.id)

    async def admit(self, guild: discord.Guild) -> None:
        """At start-up and on joining: leave a server off the allow-list; otherwise pin its admin roles."""
        if self.settings.serves_guild(guild.id):
            self.admin_roles.resolve(guild)
            return
        if guild.id in self._leaving:
            return
        self._leaving.add(guild.id)
        log.warning("leaving server %s (%s): it is not in STORYBOT_ALLOWED_GUILDS", guild.id, guild.name)
        try:
            await guild.leave()
        except discord.HTTPException:
            self._leaving.discard(guild.id)
            log.error("could not leave server %s; ignoring it meanwhile", guild.id, exc_info=True)

    async def on_message(self, message: discord.Message) -> None:
        # No prefix commands: the questions cog listens to messages itself.
        return

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        log.exception("unhandled error in %s; the bot keeps running", event_method)

    @property
    def engine(self) -> StoryEngine:
        """The shared stories' engine (the operator's corpus directory)."""
        return self.corpora.shared

    def engine_for(self, guild_id: int | None) -> StoryEngine:
        """The engine answering a server's members: its own stories with the shared ones once it has
        uploaded one, the shared engine until then (and always in an operator's server, whose uploads are
        shared ones)."""
        if self.settings.is_operator_guild(guild_id):
            return self.corpora.shared
        return self.corpora.engine(guild_id)

    async def close(self) -> None:
        for task in self._background:
            task.cancel()
        try:
            await super().close()
        finally:
            self.corpora.close()
            self.corpora.shared.close()


def create_bot(settings: BotSettings | None = None, *, engine: StoryEngine | None = None) -> StoryBot:
    """The fully wired bot. Without settings they come from the environment and files, as for the CLI.

    ``engine`` lets a caller (the tests) pass an engine it built itself; by default it is built from
    ``settings``.
    """
    if settings is None:
        settings = load_bot_settings()
    if not isinstance(settings, BotSettings):
        raise TypeError(f"create_bot needs bot.settings.BotSettings, not {type(settings).__name__}")
    corpora = build_server_corpora(settings) if engine is None else ServerCorpora.around(engine)
    return StoryBot(
        settings=settings, corpora=corpora, feedback=FeedbackStore(database_path(settings.data_dir))
    )
