"""Story choices for the ``story`` option of /ask and /summary (autocomplete)."""

from __future__ import annotations

import asyncio
import logging

from discord import app_commands

from bot.text import trim
from retrieval import StorybotError, StoryEngine, StoryInfo

log = logging.getLogger(__name__)

MAX_CHOICES = 25  # Discord's limit
CHOICE_CHARS = 100  # Discord's limit for a choice's name and value


def _choice_name(story: StoryInfo) -> str:
    """The story's title, and its date when it has one: two stories on one subject differ by date."""
    title = story.title or story.id
    date = (story.published or "")[:10]
    if not date:
        return trim(title, CHOICE_CHARS)
    return f"{trim(title, CHOICE_CHARS - len(date) - 3)} · {date}"


async def story_choices(engine: StoryEngine, current: str) -> list[app_commands.Choice[str]]:
    """Stories whose id or title contains what the user typed so far, the newest first (the one a
    command takes when none is named)."""
    try:
        stories = await asyncio.to_thread(engine.stories)
    except StorybotError:
        return []
    typed = current.casefold().strip()
    matches = [s for s in stories if typed in s.id.casefold() or typed in s.title.casefold()]
    # Newest first; undated stories last, in the order the corpus lists them.
    matches.sort(key=lambda s: s.published or "", reverse=True)
    return [
        app_commands.Choice(name=_choice_name(s), value=s.id[:CHOICE_CHARS]) for s in matches[:MAX_CHOICES]
    ]
