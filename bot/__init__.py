"""The Discord edge: formats and delivers what the core (``retrieval``) answers; knows nothing of Chroma.

``create_bot(settings=None)`` returns the fully wired bot; ``storybot run`` starts it. Names load on first
use, so ``storybot health`` can read ``bot.health`` without importing discord.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.app import StoryBot, create_bot

__all__ = ["StoryBot", "create_bot"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from bot import app

        return getattr(app, name)
    raise AttributeError(f"module 'bot' has no attribute {name!r}")
