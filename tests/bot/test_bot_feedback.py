"""👍 / 👎 under each answer: votes recorded in SQLite under the data dir, one per member and answer."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot import create_bot
from bot.settings import BotSettings
from retrieval import StoryEngine

if TYPE_CHECKING:
    from tests.bot.conftest import Server


async def test_votes_are_recorded_one_per_member(server: Server, bot_settings: BotSettings):
    await server.alice.send(server.general, server.mention("Who wrote the letter?"))
    [answer] = server.bot_messages(server.general)

    replies = [
        await server.alice.click(answer, label="Helpful"),
        await server.alice.click(answer, label="Helpful"),
        await server.alice.click(answer, label="Not helpful"),
        await server.bob.click(answer, label="Helpful"),
    ]

    assert all(r.ephemeral for r in replies)
    assert [r.response.content for r in replies] == [
        "Thanks for the feedback: recorded 👍.",
        "You already voted 👍 on this answer.",
        "Changed your vote to 👎.",
        "Thanks for the feedback: recorded 👍.",
    ]
    assert (bot_settings.data_dir / "storybot.sqlite3").is_file()
    alice_vote, bob_vote = server.bot.feedback.votes()
    expected = server.bot.engine.ask("Who wrote the letter?")
    for vote in (alice_vote, bob_vote):
        assert vote.question == "Who wrote the letter?"
        assert vote.answer == expected.answer
        assert vote.corpus_version == expected.corpus_version
        assert datetime.fromisoformat(vote.voted_at).tzinfo is not None
        assert len(vote.user_hash) == 32
    assert (alice_vote.vote, bob_vote.vote) == ("down", "up")
    assert alice_vote.user_hash != bob_vote.user_hash
    assert str(server.alice.id) not in {alice_vote.user_hash, bob_vote.user_hash}


async def test_each_answer_gets_its_own_buttons(server: Server):
    await server.alice.send(server.general, server.mention("Who wrote the letter?"))
    await server.alice.send(server.general, server.mention("Who called the letter poorly worded?"))
    first, second = server.bot_messages(server.general)

    await server.alice.click(second, label="Not helpful")

    [vote] = server.bot.feedback.votes()
    assert vote.question == "Who called the letter poorly worded?" and vote.vote == "down"
    ids = {c.custom_id for m in (first, second) for row in m.components for c in row.children}
    assert len(ids) == 4


async def test_buttons_keep_working_after_a_restart(
    server: Server, bot_settings: BotSettings, story_engine: StoryEngine
):
    result = await server.alice.slash(server.general, "ask", question="Who wrote the letter?")
    assert result.response is not None

    await server.env.restart_bot(create_bot(bot_settings, engine=story_engine))
    vote = await server.bob.click(result.response, label="Helpful")

    assert vote.response is not None and vote.response.content == "Thanks for the feedback: recorded 👍."
    [stored] = server.bot.feedback.votes()
    assert stored.question == "Who wrote the letter?"
