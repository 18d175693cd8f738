"""Admin reload: ``/reload`` re-indexes the story files, optionally adding an uploaded story first, for
members with Manage Server or a trusted admin role (bot/permissions.py)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.cogs.base import StoryCog
from bot.delivery import defer, send_followups, tell
from bot.errors import HANDLED, engine_message
from bot.formatting import notice
from bot.permissions import reload_admins_only
from bot.reloading import (
    add_story,
    describe_corpus_error,
    describe_reload,
    record_refused_upload,
    reload_actor,
    reload_corpus,
    upload_refusal,
)
from bot.text import safe
from retrieval import CorpusError, IngestReport, ReloadInProgressError, StoryFileError

if TYPE_CHECKING:
    from bot.app import StoryBot

log = logging.getLogger(__name__)

# interaction.extras key: the name of the story file uploaded with this /reload.
UPLOAD = "storybot_upload"
NOTHING_OF_ITS_OWN = (
    "This server has no stories of its own yet, so there is nothing of its own to re-index: add one with "
    "`/reload file:`. The stories shared with every server are reloaded by the bot's operator."
)


class Reload(StoryCog):
    """Re-indexes the corpus without stopping the bot."""

    @app_commands.command(name="reload")
    @app_commands.describe(file="A story to add (or replace) first: a .txt forum export or a .json story")
    @app_commands.guild_only()
    # Hidden from members without Manage Server unless a server admin opens it (Server Settings →
    # Integrations); the check below is what is enforced.
    @app_commands.default_permissions(manage_guild=True)
    @reload_admins_only()
    async def reload(self, interaction: discord.Interaction, file: discord.Attachment | None = None) -> None:
        """Re-index the story files, optionally adding one (Manage Server or an admin role)."""
        actor = reload_actor(interaction.user)
        guild = interaction.guild_id
        assert guild is not None  # guild_only
        if file is None:
            await defer(interaction, ephemeral=True)
            operator = self.bot.settings.is_operator_guild(guild)
            report = await reload_corpus(self.bot.corpora, guild, operator=operator, requested_by=actor)
            if report is None:
                await tell(interaction, NOTHING_OF_ITS_OWN)
                return
        else:
            interaction.extras[UPLOAD] = file.filename
            report = await self.upload(interaction, file, actor)
            if report is None:
                return
        self.bot.prepare_engine(self.bot.engine_for(guild))
        upload = file.filename if file else None
        await send_followups(interaction, notice(describe_reload(report, upload=upload)), ephemeral=True)

    async def upload(
        self, interaction: discord.Interaction, file: discord.Attachment, actor: str
    ) -> IngestReport | None:
        """Add the uploaded story and reload; None if the member was already told why not."""
        guild = interaction.guild_id
        assert guild is not None  # guild_only
        engine, limit = self.bot.engine_for(guild), self.bot.settings.max_story_bytes
        # Judged by its name and the size Discord declares: nothing is downloaded to refuse a file.
        if (refusal := upload_refusal(file.filename, file.size, limit)) is not None:
            message, reason = refusal
            await tell(interaction, message)
            await record_refused_upload(engine, requested_by=actor, file_name=file.filename, reason=reason)
            return None
        await defer(interaction, ephemeral=True)
        try:
            data = await file.read()
        except discord.HTTPException:
            log.warning("could not download the upload %s", file.filename, exc_info=True)
            await tell(
                interaction,
                f"I could not download {safe(file.filename)} from Discord, so nothing was saved. "
                "Please try again.",
            )
            return None
        operator = self.bot.settings.is_operator_guild(guild)
        return await add_story(
            self.bot.corpora, guild, file.filename, data, operator=operator, requested_by=actor
        )

    @reload.error
    async def reload_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        # The command layer: what an admin needs to know about a reload that did not happen.
        original = getattr(error, "original", error)
        upload = interaction.extras.get(UPLOAD)
        if isinstance(original, StoryFileError) and upload:
            message = f"**{safe(upload)} was not added; nothing was saved.** {safe(original.reason)}"
        elif isinstance(original, CorpusError) and original.problems:
            message = describe_corpus_error(original)
            if upload:
                message += f"\n-# The story files are as they were before {safe(upload)} was uploaded."
        elif isinstance(original, ReloadInProgressError):
            message = engine_message(original) + (f" {safe(upload)} was not saved." if upload else "")
        else:
            return
        interaction.extras[HANDLED] = True
        log.info("/reload by %s not done: %s", interaction.user.id, original)
        await tell(interaction, message[:2000])


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Reload(bot))
