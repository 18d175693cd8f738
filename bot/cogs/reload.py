"""Admin reload: ``/reload`` re-indexes the story files, for members with Manage Server or an admin role."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.cogs.base import StoryCog
from bot.delivery import defer, send_followups, tell
from bot.errors import HANDLED
from bot.formatting import notice
from bot.permissions import reload_admins_only
from bot.reloading import describe_corpus_error, describe_reload, reload_corpus
from retrieval.errors import CorpusError

if TYPE_CHECKING:
    from bot.app import StoryBot


class Reload(StoryCog):
    """Re-indexes the corpus without stopping the bot."""

    @app_commands.command(name="reload")
    @app_commands.guild_only()
    @reload_admins_only()
    async def reload(self, interaction: discord.Interaction) -> None:
        """Re-index the story files (Manage Server or an admin role); questions keep being answered."""
        await defer(interaction, ephemeral=True)
        report = await reload_corpus(
            self.bot.engine, requested_by=f"discord:{interaction.user.name} ({interaction.user.id})"
        )
        await send_followups(interaction, notice(describe_reload(report)), ephemeral=True)

    @reload.error
    async def reload_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        # The command layer: a broken story file is worth a list, not one line.
        original = getattr(error, "original", error)
        if isinstance(original, CorpusError) and original.problems:
            interaction.extras[HANDLED] = True
            await tell(interaction, describe_corpus_error(original)[:2000])


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Reload(bot))
