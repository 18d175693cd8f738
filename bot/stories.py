"""Story choices for the ``story`` option of /ask and /summary (autocomplete)."""

from __future__ import annotations

import asyncio
import logging

from discord import app_commands

from bot.text import trim
from retrieval.engine import StoryEngine
from retrieval.errors import StorybotError

log = logging.getLogger(__name__)

MAX_CHOICES = 25  # Discord's limit
CHOICE_CHARS = 100  # Discord's limit for a choice's name and value


async def story_choices(engine: StoryEngine, current: str) -> list[app_commands.Choice[str]]:
    """Stories whose id or title contains what the user typed so far."""
    try:
        stories = await asyncio.to_thread(engine.stories)
    except StorybotError:
        return []
    typed = current.casefold().strip()
    matches = [s for s in stories if typed in s.id.casefold() or typed in s.title.casefold()]
    return [
        app_commands.Choice(name=trim(s.title or s.id, CHOICE_CHARS), value=s.id[:CHOICE_CHARS])
        for s in matches[:MAX_CHOICES]
    ]
