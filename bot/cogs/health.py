"""The heartbeat (see bot/health.py): written every ``HEARTBEAT_SECONDS`` while the bot runs."""

from __future__ import annotations

import asyncio
import logging
import os
from typing import TYPE_CHECKING

from discord.ext import commands, tasks

from bot.health import HEARTBEAT_SECONDS, Heartbeat, heartbeat_path, now, write_heartbeat

if TYPE_CHECKING:
    from bot.app import StoryBot

log = logging.getLogger(__name__)


class HealthCog(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot
        self.path = heartbeat_path(bot.settings.data_dir)
        self._warned = False

    async def cog_load(self) -> None:
        self.beat.start()

    async def cog_unload(self) -> None:
        self.beat.cancel()

    @tasks.loop(seconds=HEARTBEAT_SECONDS)
    async def beat(self) -> None:
        try:
            generation: int | None = (await asyncio.to_thread(self.bot.engine.status)).generation
        except Exception:  # nothing indexed, or the store is unreachable: the beat says so
            generation = None
        beat = Heartbeat(
            now(),
            not self.bot.is_closed() and self.bot.is_ready(),
            len(self.bot.guilds),
            generation,
            os.getpid(),
        )
        try:
            await asyncio.to_thread(write_heartbeat, self.path, beat)
        except OSError as exc:  # a read-only data directory: serve on, say it once
            if not self._warned:
                log.warning(
                    "cannot write the heartbeat %s (%s); `storybot health` will report the bot down",
                    self.path,
                    exc,
                )
                self._warned = True


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(HealthCog(bot))
