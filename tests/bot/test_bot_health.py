"""The heartbeat `storybot health` reads, written by the running bot (through SimCord)."""

from __future__ import annotations

import asyncio
import os
from typing import TYPE_CHECKING

from bot.health import heartbeat_path, now, read_heartbeat

if TYPE_CHECKING:
    from tests.bot.conftest import Server


async def test_the_running_bot_writes_a_heartbeat_that_says_it_serves(server: Server):
    path = heartbeat_path(server.bot.settings.data_dir)
    for _ in range(100):  # the first beat is written as the bot starts
        if read_heartbeat(path) is not None:
            break
        await asyncio.sleep(0.05)
    assert read_heartbeat(path) is not None
    await server.bot.get_cog("HealthCog").beat()  # the next beat, as the loop writes it every 30 s
    beat = read_heartbeat(path)
    assert beat is not None
    assert beat.pid == os.getpid() and beat.servers == len(server.bot.guilds) >= 1
    assert beat.generation == server.bot.engine.status().generation
    assert beat.problem(now()) is None
