"""What every cog shares: the bot, and the cog layer of error handling."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import handle_known_error

if TYPE_CHECKING:
    from bot.app import StoryBot


class StoryCog(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    async def cog_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await handle_known_error(interaction, error)
