"""Who may administer the bot (run /reload): members with Manage Server, or with a trusted admin role.

Admin roles are trusted by id. ``STORYBOT_ADMIN_ROLE_IDS`` are trusted as given. ``STORYBOT_ADMIN_ROLES``
(names) are a convenience that resolves to ids when the bot connects to a server or joins it, never at the
moment of a /reload: a role created or renamed later is not trusted until the next start. Even then a name
match is refused if the role sits below the bot's own top role and under a role with Manage Roles (or
Administrator), because a member holding that role could have created it and given it to themselves or a
friend; the bot cannot see who made a role, only where it sits.

Enforced by an app command check on every invocation, not only by the command's default permissions
(Manage Server), which server admins can change and which know nothing of the roles in settings. A
refused attempt goes into the core's audit trail of reloads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import discord
from discord import app_commands

from bot.errors import NotReloadAdminError
from bot.reloading import record_refused_reload, reload_actor
from bot.settings import BotSettings

log = logging.getLogger(__name__)

T = TypeVar("T")

REFUSED_REASON = "not an admin: no Manage Server permission and no trusted admin role"


def could_be_forged(role: discord.Role, guild: discord.Guild) -> bool:
    """Whether a member with Manage Roles could have made ``role`` where it sits: it is below the bot's own
    top role, and another role with Manage Roles or Administrator sits above it (a member may create and
    hand out roles only below their own top role)."""
    me = guild.me
    if me is None:
        return True
    if role > me.top_role:
        return False
    own = {r.id for r in me.roles}
    return any(
        (r.permissions.manage_roles or r.permissions.administrator) and r > role and r.id not in own
        for r in guild.roles
    )


class AdminRoles:
    """The role ids trusted to run /reload in each server: those in settings by id, plus the roles named in
    settings as the bot found them when the server became available to it."""

    def __init__(self, settings: BotSettings) -> None:
        self.settings = settings
        self._resolved: dict[int, frozenset[int]] = {}

    def resolve(self, guild: discord.Guild) -> None:
        """Pin the ids of the roles named in settings (at start-up, or when the bot joins a server)."""
        names = {name.casefold() for name in self.settings.admin_roles}
        if not names:
            return
        trusted: set[int] = set()
        for role in guild.roles:
            if role.name.casefold() not in names:
                continue
            if could_be_forged(role, guild):
                log.warning(
                    "server %s: not trusting the role %r (%s) as an admin role: it sits below a role with "
                    "Manage Roles, whose members could have made it; put its id in STORYBOT_ADMIN_ROLE_IDS "
                    "or move it above those roles",
                    guild.id,
                    role.name,
                    role.id,
                )
                continue
            trusted.add(role.id)
            log.info("server %s: admin role %r is role %s", guild.id, role.name, role.id)
        self._resolved[guild.id] = frozenset(trusted)

    def forget(self, guild_id: int) -> None:
        self._resolved.pop(guild_id, None)

    def trusted(self, guild_id: int | None) -> frozenset[int]:
        resolved = self._resolved.get(guild_id, frozenset()) if guild_id is not None else frozenset()
        return frozenset(self.settings.admin_role_ids) | resolved


def may_reload(interaction: discord.Interaction, settings: BotSettings) -> bool:
    permissions = interaction.permissions
    if permissions.manage_guild or permissions.administrator:
        return True
    admin_roles = getattr(interaction.client, "admin_roles", None)
    if isinstance(admin_roles, AdminRoles):
        trusted = admin_roles.trusted(interaction.guild_id)
    else:
        trusted = frozenset(settings.admin_role_ids)
    return any(role.id in trusted for role in getattr(interaction.user, "roles", ()))


def refusal(settings: BotSettings) -> str:
    roles = ", ".join(f"“{name}”" for name in settings.admin_roles)
    if roles:
        who = f"members with the Manage Server permission or the role {roles}"
    elif settings.admin_role_ids:
        who = "members with the Manage Server permission or an admin role"
    else:
        who = "members with the Manage Server permission"
    return f"Sorry, only {who} may reload the stories. Nothing was reloaded."


def reload_admins_only() -> Callable[[T], T]:
    """The app command check for /reload; a refusal is logged and audited."""

    async def predicate(interaction: discord.Interaction) -> bool:
        bot = interaction.client
        settings: BotSettings = bot.settings  # type: ignore[attr-defined]
        if may_reload(interaction, settings):
            return True
        upload = getattr(interaction.namespace, "file", None)
        file_name = upload.filename if isinstance(upload, discord.Attachment) else None
        log.warning("/reload refused to %s in server %s", interaction.user.id, interaction.guild_id)
        await record_refused_reload(
            bot.engine_for(interaction.guild_id),  # type: ignore[attr-defined]
            requested_by=reload_actor(interaction.user),
            reason=REFUSED_REASON,
            upload=file_name,
        )
        raise NotReloadAdminError(refusal(settings))

    return app_commands.check(predicate)
