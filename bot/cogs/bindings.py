"""``/bind`` and ``/unbind``: an admin ties a channel (or forum) to one story, so questions there, and
``/summary`` there, are about it without naming it (bot/bindings.py)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.cogs.base import StoryCog
from bot.delivery import tell
from bot.permissions import may_reload
from bot.reloading import reload_actor
from bot.stories import story_choices
from bot.text import safe

if TYPE_CHECKING:
    from bot.app import StoryBot

Place = discord.TextChannel | discord.ForumChannel
ADMINS_ONLY = "Only members with Manage Server or an admin role may bind a channel to a story."


class Bindings(StoryCog):
    """Which story a channel's questions are about."""

    @app_commands.command(name="bind")
    @app_commands.describe(
        story="The story questions here are about", channel="Another channel or forum (default: this one)"
    )
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def bind(self, interaction: discord.Interaction, story: str, channel: Place | None = None) -> None:
        """Tie a channel's questions and /summary to one story (Manage Server or an admin role)."""
        if not may_reload(interaction, self.bot.settings):
            await tell(interaction, ADMINS_ONLY)
            return
        assert interaction.guild_id is not None  # guild_only
        engine = self.bot.engine_for(interaction.guild_id)
        stories = {s.id: s for s in await asyncio.to_thread(engine.stories)}
        if story not in stories:
            await tell(interaction, f"There is no story `{safe(story)}` here; pick one from the list.")
            return
        place = channel or interaction.channel
        assert place is not None
        actor = reload_actor(interaction.user)
        await asyncio.to_thread(self.bot.bindings.bind, interaction.guild_id, place.id, story, actor=actor)
        title = safe(stories[story].title)
        await tell(
            interaction,
            f"Questions in <#{place.id}>, and `/summary` there, are now about “{title}”. "
            "`/unbind` undoes it.",
        )

    @bind.autocomplete("story")
    async def bind_story_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await story_choices(self.bot.engine_for(interaction.guild_id), current)

    @app_commands.command(name="unbind")
    @app_commands.describe(channel="Another channel or forum (default: this one)")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def unbind(self, interaction: discord.Interaction, channel: Place | None = None) -> None:
        """Let a channel's questions be about every story again (Manage Server or an admin role)."""
        if not may_reload(interaction, self.bot.settings):
            await tell(interaction, ADMINS_ONLY)
            return
        place = channel or interaction.channel
        assert place is not None
        story = await asyncio.to_thread(self.bot.bindings.unbind, place.id)
        if story is None:
            await tell(interaction, f"<#{place.id}> was not bound to a story.")
        else:
            await tell(interaction, f"Questions in <#{place.id}> are about every story again.")


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Bindings(bot))
