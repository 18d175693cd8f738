"""The 👍 / 👎 buttons under an answer.

They are dynamic items: the custom id carries the answer's record id and the vote, so any process (a
restarted bot, another shard) handles a click without having kept the view in memory.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, cast

import discord

from bot.delivery import tell
from bot.feedback import FeedbackStore, FeedbackUnavailableError, UnknownAnswerError, Vote
from retrieval import Answer

log = logging.getLogger(__name__)

VOTE_EMOJI = {"up": "👍", "down": "👎"}
VOTE_LABEL = {"up": "Helpful", "down": "Not helpful"}
THANKS = {
    "recorded": "Thanks for the feedback: recorded {emoji}.",
    "changed": "Changed your vote to {emoji}.",
    "unchanged": "You already voted {emoji} on this answer.",
}


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button], template=r"storybot:vote:(?P<answer>\d+):(?P<vote>up|down)"
):
    def __init__(self, answer_id: int, vote: Vote) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                emoji=VOTE_EMOJI[vote],
                label=VOTE_LABEL[vote],
                custom_id=f"storybot:vote:{answer_id}:{vote}",
            )
        )
        self.answer_id = answer_id
        self.vote: Vote = vote

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> VoteButton:
        return cls(int(match["answer"]), cast(Vote, match["vote"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        store: FeedbackStore = interaction.client.feedback
        try:
            outcome = await asyncio.to_thread(
                store.record_vote, self.answer_id, interaction.user.id, self.vote
            )
        except UnknownAnswerError:
            await tell(
                interaction, "That answer is no longer on record, so the vote was not kept. Thanks anyway!"
            )
            return
        except FeedbackUnavailableError:  # the store logged it once; /status tells the admins
            await tell(interaction, "Sorry, voting is unavailable right now, so your vote was not kept.")
            return
        except Exception:
            log.exception("could not record a vote on answer %s", self.answer_id)
            await tell(interaction, "Sorry, I could not record your vote; please try again later.")
            return
        log.info("vote %s on answer %s (%s)", self.vote, self.answer_id, outcome)
        await tell(interaction, THANKS[outcome].format(emoji=VOTE_EMOJI[self.vote]))


async def answer_view(store: FeedbackStore, answer: Answer) -> discord.ui.View | None:
    """Record ``answer`` and return its vote buttons; None (no buttons) if it cannot be recorded.

    No buttons rather than buttons saying voting is unavailable: a button's id must name a record, and a
    dead control under every answer would only invite clicks that fail. The answer itself goes out as ever.
    """
    try:
        answer_id = await asyncio.to_thread(
            store.record_answer, answer.question, answer.answer, answer.corpus_version, answer.mode
        )
    except FeedbackUnavailableError:  # logged once by the store, not for every answer
        return None
    except Exception:
        log.warning("could not record an answer for feedback; posting it without vote buttons", exc_info=True)
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(VoteButton(answer_id, "up"))
    view.add_item(VoteButton(answer_id, "down"))
    return view
