"""Running the bot until it is stopped, with start-up failures turned into one-line errors."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

import aiohttp
import discord

from bot.app import StoryBot
from retrieval import ConfigError, StorybotError

log = logging.getLogger(__name__)


async def serve(bot: StoryBot, token: str) -> None:
    """Log in, connect and answer until the connection ends or the process is asked to stop.

    SIGTERM (``docker stop``, systemd) closes the bot cleanly, like Ctrl-C does.
    """
    stop = asyncio.Event()
    with contextlib.suppress(NotImplementedError):  # no signal handlers on some platforms
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with bot:
        running = asyncio.create_task(bot.start(token))
        stopping = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if running not in done:
            log.info("asked to stop; closing the connection")
            await bot.close()
        stopping.cancel()
        await running  # re-raises a failed login or connection


def run_bot(bot: StoryBot, token: str) -> None:
    """Serve until stopped; errors users can act on become StorybotErrors with one-line messages."""
    try:
        asyncio.run(serve(bot, token))
    except KeyboardInterrupt:
        log.info("interrupted; the bot has stopped")
    except discord.LoginFailure as exc:
        raise ConfigError(
            "Discord rejected the bot token in DISCORD_TOKEN: check it in the developer portal "
            "(your application → Bot → Reset Token)"
        ) from exc
    except discord.PrivilegedIntentsRequired as exc:
        raise ConfigError(
            "Discord refused the Message Content intent: turn it on in the developer portal "
            "(your application → Bot → Privileged Gateway Intents)"
        ) from exc
    except (aiohttp.ClientError, OSError) as exc:
        raise StorybotError(f"cannot reach Discord: {exc}") from exc
