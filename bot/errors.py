"""Errors in layers: what the user is told, and what the log gets.

discord.py hands an app command's error to the command's own handler, then to its cog's
``cog_app_command_error``, then to the tree's ``on_error``. The first layer that knows the error tells the
user (privately) and marks it handled; the tree's handler logs whatever was not handled, with its
traceback, and apologises. The bot keeps running either way.
"""

from __future__ import annotations

import logging
import math

import discord
from discord import app_commands
from discord.ext import commands

from bot.delivery import tell
from bot.text import plural
from retrieval import StorybotError

log = logging.getLogger(__name__)

HANDLED = "storybot_error_handled"
APOLOGY = "Sorry — something went wrong on my side. It has been logged; please try again in a moment."


class NotReloadAdminError(app_commands.CheckFailure):
    """A member without Manage Server or an admin role ran /reload."""


def cooldown_message(retry_after: float, rate: int, per: float) -> str:
    wait = max(1, math.ceil(retry_after))
    return (
        f"Please give me a moment: you can ask again in {plural(wait, 'second')} "
        f"(up to {plural(rate, 'question')} every {per:g} seconds)."
    )


def engine_message(error: StorybotError) -> str:
    text = str(error).strip() or "That did not work."
    return text[0].upper() + text[1:]


def user_message(error: BaseException) -> str | None:
    """The short message for an error users can understand, or None for an unexpected one."""
    if isinstance(error, app_commands.CommandInvokeError | commands.CommandInvokeError):
        error = error.original
    if isinstance(error, StorybotError):
        return engine_message(error)
    if isinstance(error, app_commands.CommandOnCooldown):
        cooldown = error.cooldown
        return cooldown_message(error.retry_after, cooldown.rate, cooldown.per)
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command works in servers only."
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "You cannot use this command here."
    return None


async def handle_known_error(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
    """The cog layer: tell the user about errors they can act on; leave the rest to the tree."""
    if interaction.extras.get(HANDLED):
        return
    message = user_message(error)
    if message is None:
        return
    interaction.extras[HANDLED] = True
    command = interaction.command.qualified_name if interaction.command else "?"
    log.info("/%s by %s: %s", command, interaction.user.id, message)
    await tell(interaction, message)


class StoryCommandTree(app_commands.CommandTree):
    """The last layer for slash commands: log the traceback, apologise, keep running."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if interaction.extras.get(HANDLED):
            return
        command = interaction.command.qualified_name if interaction.command else "?"
        original = getattr(error, "original", error)
        log.error("/%s failed", command, exc_info=(type(original), original, original.__traceback__))
        interaction.extras[HANDLED] = True
        await tell(interaction, user_message(error) or APOLOGY)
