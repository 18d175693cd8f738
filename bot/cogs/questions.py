"""Asking questions: when mentioned, every message of a Q&A channel (answered in a thread of its own, where
follow-ups are answered with the thread's earlier questions as context), every new post of a Q&A forum
(answered in the post's own thread, follow-ups likewise), and ``/ask``."""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.base import StoryCog
from bot.conversation import post_text, thread_turns
from bot.delivery import ChannelAnswer, InteractionAnswer, defer, send_replies, typing_indicator
from bot.errors import APOLOGY, cooldown_message, engine_message
from bot.formatting import answer_replies, notice, question_line
from bot.stories import story_choices
from bot.streaming import compose_answer
from bot.text import question_text, trim
from bot.votes import answer_view
from retrieval import Answer, QuestionError, StorybotError, Turn

if TYPE_CHECKING:
    from bot.app import StoryBot

log = logging.getLogger(__name__)

THREAD_NAME_CHARS = 90
USAGE = "Ask me something about the story, for example: “Who wrote the letter?”"
DELIVERY_FAILED = "Sorry — Discord would not take my answer just now. Please ask again in a moment."


class Route(enum.Enum):
    NEW_THREAD = "a question in a Q&A channel: answered in a new thread"
    FORUM_POST = "a new post in a Q&A forum: answered in the post's thread"
    FOLLOW_UP = "a message in a Q&A thread or forum post: answered there, with the thread as context"
    MENTION = "a mention anywhere else: answered as a reply"


class Questions(StoryCog):
    """Answers questions about the stories, with cited passages."""

    def __init__(self, bot: StoryBot) -> None:
        super().__init__(bot)

    # -- messages ---------------------------------------------------------------------------------

    def route(self, message: discord.Message) -> Route | None:
        me = self.bot.user
        if me is None or message.guild is None or message.author.bot or message.webhook_id is not None:
            return None
        if message.type not in (discord.MessageType.default, discord.MessageType.reply):
            return None
        if not self.bot.settings.serves_guild(message.guild.id):
            return None  # a server outside the allow-list, which the bot is leaving
        if self.bot.is_qa_forum_post(message.channel):
            # A forum post's first message has the post's (the thread's) id.
            return Route.FORUM_POST if message.id == message.channel.id else Route.FOLLOW_UP
        if self.bot.is_qa_thread(message.channel):
            return Route.FOLLOW_UP
        if self.bot.is_qa_channel(message.channel) and not isinstance(message.channel, discord.Thread):
            return Route.NEW_THREAD
        if me in message.mentions:
            return Route.MENTION
        return None

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        route = self.route(message)
        if route is None:
            return
        try:
            await self.answer_message(message, route)
        except Exception:
            # The command layer for messages: the user hears of it, the log gets the traceback.
            log.exception("failed to answer message %s in channel %s", message.id, message.channel.id)
            await self.say(message.channel, APOLOGY, reference=message)

    async def answer_message(self, message: discord.Message, route: Route) -> None:
        assert self.bot.user is not None
        if route is Route.FORUM_POST and isinstance(message.channel, discord.Thread):
            text = post_text(message, message.channel, self.bot.user.id)
        else:
            text = question_text(message.content, self.bot.user.id)
        if not text.strip():
            await self.say(message.channel, USAGE, reference=message)
            return
        try:
            engine = self.bot.engine_for(message.guild.id if message.guild else None)
            question = engine.check_question(text)
        except QuestionError as exc:
            await self.say(message.channel, engine_message(exc), reference=message)
            return
        cooldown = self.bot.question_cooldown
        if (retry := cooldown.retry_after(message.author, message.created_at)) is not None:
            await self.say(
                message.channel, cooldown_message(retry, cooldown.rate, cooldown.per), reference=message
            )
            return

        destination: discord.abc.Messageable = message.channel
        reference: discord.Message | None = message
        history: Sequence[Turn] = ()
        if route is Route.NEW_THREAD:
            thread = await self.open_thread(message, question)
            if thread is not None:
                destination, reference = thread, None
        elif route is Route.FORUM_POST:
            reference = None  # the post is its own thread: answer in it, as in a Q&A thread
        elif route is Route.FOLLOW_UP and isinstance(message.channel, discord.Thread):
            history = await thread_turns(
                message.channel,
                before=message,
                bot_id=self.bot.user.id,
                limit=self.bot.settings.thread_context_turns,
            )

        target = ChannelAnswer(destination, reference)
        async with typing_indicator(destination):
            try:
                story = self.bot.bindings.story_for(message.channel)
                answer = await compose_answer(engine, target, question, story=story, history=history)
            except StorybotError as exc:
                log.info("could not answer message %s: %s", message.id, exc)
                await self.say(destination, engine_message(exc), reference=reference)
                return
        await self.deliver(target, answer)
        log_answer(
            route.name.lower(),
            answer,
            guild=message.guild.id if message.guild else None,
            context=len(history),
        )

    async def open_thread(self, message: discord.Message, question: str) -> discord.Thread | None:
        """A public thread on the question; None (answer in the channel) if Discord refuses one."""
        try:
            return await message.create_thread(
                name=trim(question, THREAD_NAME_CHARS),
                auto_archive_duration=self.bot.settings.thread_auto_archive_minutes,
            )
        except discord.HTTPException:
            log.warning(
                "cannot open a thread in channel %s; answering in the channel",
                message.channel.id,
                exc_info=True,
            )
            return None

    async def deliver(self, target: ChannelAnswer, answer: Answer) -> None:
        view = await answer_view(self.bot.feedback, answer)
        try:
            await target.finish(answer_replies(answer), view)
        except discord.HTTPException:
            destination = target.destination
            log.error(
                "could not post an answer in channel %s", getattr(destination, "id", "?"), exc_info=True
            )
            await target.discard()  # an unchecked draft must not stay up in place of the answer
            await self.say(destination, DELIVERY_FAILED, reference=target.reference)

    async def say(
        self, destination: discord.abc.Messageable, text: str, *, reference: discord.Message | None = None
    ) -> None:
        """A short notice (refusal, error); if even that cannot be posted, the log says so."""
        try:
            await send_replies(destination, notice(text), reference=reference)
        except discord.HTTPException:
            log.warning("could not post a notice in channel %s: %s", getattr(destination, "id", "?"), text)

    # -- /ask -------------------------------------------------------------------------------------

    @app_commands.command(name="ask")
    @app_commands.describe(
        question="Your question about the story, in a sentence or two",
        story="Only search this story (leave empty to search them all)",
    )
    async def ask_command(
        self, interaction: discord.Interaction, question: str, story: str | None = None
    ) -> None:
        """Ask a question about the story; the answer cites the passages it rests on."""
        engine = self.bot.engine_for(interaction.guild_id)
        question = engine.check_question(question)
        self.bot.question_cooldown.check(interaction.user, interaction.created_at)
        await defer(interaction, ephemeral=False)
        target = InteractionAnswer(interaction)
        answer = await compose_answer(
            engine,
            target,
            question,
            story=story or self.bot.bindings.story_for(interaction.channel),
            header=question_line(question),
        )
        view = await answer_view(self.bot.feedback, answer)
        await target.finish(answer_replies(answer, show_question=True), view)
        log_answer("/ask", answer, guild=interaction.guild_id)

    @ask_command.autocomplete("story")
    async def ask_story_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await story_choices(self.bot.engine_for(interaction.guild_id), current)


def log_answer(how: str, answer: Answer, *, guild: int | None, context: int = 0) -> None:
    """One line per question in key=value form, for admins to grep and graph: how it came, the server,
    the story, the mode, whether it abstained, citations and latency. Questions are members' words: their
    text is logged only at debug level."""
    stories = ",".join(sorted({c.story for c in answer.citations})) or "-"
    log.info(
        "question how=%s guild=%s story=%s mode=%s abstained=%s citations=%d context_turns=%d "
        "latency_ms=%.0f",
        how,
        guild if guild is not None else "dm",
        stories,
        answer.mode,
        str(answer.abstained).lower(),
        len(answer.citations),
        context,
        answer.latency_ms,
    )
    log.debug("question text: %s", answer.question)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Questions(bot))
