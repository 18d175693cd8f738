"""Information: ``/sources`` (the stories loaded) and ``/status`` (corpus, index, answer mode, uptime)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.cogs.base import StoryCog
from bot.delivery import defer, send_followups
from bot.permissions import may_reload
from bot.status import index_label, problems_label, sources_replies, status_replies

if TYPE_CHECKING:
    from bot.app import StoryBot


class Information(StoryCog):
    """What the bot knows and how it runs. Replies are private to whoever asked."""

    @app_commands.command(name="sources")
    async def sources(self, interaction: discord.Interaction) -> None:
        """List the stories I answer about: titles, paragraph and comment counts, corpus version."""
        await defer(interaction, ephemeral=True)
        status = await asyncio.to_thread(self.bot.engine_for(interaction.guild_id).status)
        await send_followups(
            interaction, sources_replies(status.stories, status.corpus_version), ephemeral=True
        )

    @app_commands.command(name="status")
    async def status(self, interaction: discord.Interaction) -> None:
        """Show the corpus version, chunk counts, answer mode, index backend and uptime."""
        await defer(interaction, ephemeral=True)
        status = await asyncio.to_thread(self.bot.engine_for(interaction.guild_id).status)
        # The audit trail and the feedback store usually share one file: say a shared problem once.
        feedback = await asyncio.to_thread(self.bot.feedback.health)
        problems = [*status.problems, *([feedback] if feedback and feedback not in status.problems else [])]
        shard_id = interaction.guild.shard_id if interaction.guild else 0
        # The Chroma server's address and the data files' paths are for those who run the bot.
        detail = may_reload(interaction, self.bot.settings)
        replies = status_replies(
            status,
            uptime_seconds=self.bot.uptime_seconds(),
            shard=f"{shard_id} of {self.bot.shard_count or 1}",
            index=index_label(status.backend, detail=detail),
            problems=problems_label(problems, detail=detail),
            bindings=[(b.channel_id, b.story) for b in self.bot.bindings.in_guild(interaction.guild_id or 0)],
        )
        await send_followups(interaction, replies, ephemeral=True)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Information(bot))
