"""Who may administer the bot (run /reload): members with Manage Server, or with a role named in settings.

Enforced by an app command check on every invocation, not only by the command's default permissions,
which server admins can change and which know nothing of the role names in settings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import discord
from discord import app_commands

from bot.errors import NotReloadAdminError
from bot.settings import BotSettings

T = TypeVar("T")


def may_reload(interaction: discord.Interaction, settings: BotSettings) -> bool:
    permissions = interaction.permissions
    if permissions.manage_guild or permissions.administrator:
        return True
    roles = getattr(interaction.user, "roles", ())
    allowed = {name.casefold() for name in settings.admin_roles}
    return any(role.name.casefold() in allowed for role in roles)


def refusal(settings: BotSettings) -> str:
    roles = ", ".join(f"“{name}”" for name in settings.admin_roles)
    who = "members with the Manage Server permission" + (f" or the role {roles}" if roles else "")
    return f"Sorry, only {who} may reload the stories. Nothing was reloaded."


def reload_admins_only() -> Callable[[T], T]:
    """The app command check for /reload."""

    async def predicate(interaction: discord.Interaction) -> bool:
        settings: BotSettings = interaction.client.settings  # type: ignore[attr-defined]
        if may_reload(interaction, settings):
            return True
        raise NotReloadAdminError(refusal(settings))

    return app_commands.check(predicate)
