"""The Discord edge: formats and delivers what the core (``retrieval``) answers; knows nothing of Chroma.

``create_bot(settings=None)`` returns the fully wired bot; ``storybot run`` starts it.
"""

from bot.app import StoryBot, create_bot

__all__ = ["StoryBot", "create_bot"]
