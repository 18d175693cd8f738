"""Feedback: the 👍 / 👎 buttons under every answer, handled by any process that sees the click."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.cogs.base import StoryCog
from bot.votes import VoteButton

if TYPE_CHECKING:
    from bot.app import StoryBot


class Feedback(StoryCog):
    """Records votes on answers (see bot.feedback for what is stored)."""

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(VoteButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(VoteButton)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Feedback(bot))
