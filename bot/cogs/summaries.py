"""Summaries: ``/summary`` of the article, its reader comments, or both, cited like answers."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.cogs.base import StoryCog
from bot.delivery import defer, send_followups
from bot.formatting import summary_replies
from bot.stories import story_choices
from retrieval import Scope

if TYPE_CHECKING:
    from bot.app import StoryBot


class Summaries(StoryCog):
    """Summarises a story's article and what its readers say."""

    @app_commands.command(name="summary")
    @app_commands.describe(
        scope="What to summarise: the article, the reader comments, or both (the default)",
        story="Which story (the newest when none is named)",
    )
    async def summary(
        self,
        interaction: discord.Interaction,
        scope: Scope = "all",
        story: str | None = None,
    ) -> None:
        """Summarise the article's key points and the main points readers make, each cited."""
        await defer(interaction, ephemeral=False)
        # With no story named the core summarises the newest; the reply's heading and note say which.
        result = await asyncio.to_thread(
            self.bot.engine_for(interaction.guild_id).summarize,
            scope,
            story or self.bot.bindings.story_for(interaction.channel),
        )
        await send_followups(interaction, summary_replies(result))

    @summary.autocomplete("story")
    async def summary_story_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await story_choices(self.bot.engine_for(interaction.guild_id), current)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Summaries(bot))
