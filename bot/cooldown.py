"""One per-member question budget, shared by channel questions and /ask (discord.py's own cooldown buckets).

Time is the question's own timestamp (the message's or the interaction's snowflake time), as discord.py
does for app command cooldowns, so the budget cannot drift with the event loop's clock.
"""

from __future__ import annotations

from datetime import datetime

import discord
from discord import app_commands
from discord.ext import commands


def _member_key(user: discord.abc.Snowflake) -> int:
    return user.id


class QuestionCooldown:
    def __init__(self, rate: int, per: float) -> None:
        self.rate = rate
        self.per = per
        self._buckets: commands.CooldownMapping[discord.abc.Snowflake] | None = (
            commands.CooldownMapping(app_commands.Cooldown(rate, per), _member_key) if per > 0 else None
        )

    def retry_after(self, user: discord.abc.Snowflake, at: datetime) -> float | None:
        """Take one question from ``user``'s budget; seconds to wait if it is spent, else None."""
        if self._buckets is None:
            return None
        now = at.timestamp()
        bucket = self._buckets.get_bucket(user, now)
        return bucket.update_rate_limit(now) if bucket is not None else None

    def check(self, user: discord.abc.Snowflake, at: datetime) -> None:
        """As ``retry_after``, raising discord.py's CommandOnCooldown for the app command error handlers."""
        retry = self.retry_after(user, at)
        if retry is not None:
            raise app_commands.CommandOnCooldown(app_commands.Cooldown(self.rate, self.per), retry)
