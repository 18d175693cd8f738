"""Asking questions through Discord: mentions, Q&A channels and their threads, /ask, bounds and cooldowns.

Driven through SimCord: the real bot (real discord.py) against a simulated Discord, answering from the
first story indexed with the real local model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.bot.conftest import Server


def _callback_types(server: Server) -> list[int]:
    """The interaction callback types the bot sent (4 = message, 5 = deferred "thinking…")."""
    return [r.json["type"] for r in server.env.http_requests if r.path.endswith("/callback")]


async def test_a_mention_is_answered_with_citations(server: Server):
    question = await server.alice.send(server.general, server.mention("Who called the letter poorly worded?"))

    [reply] = server.bot_messages(server.general)
    assert reply.reference is not None and reply.reference.message_id == question.id
    assert "Poorly worded, implies withdrawal" in reply.content
    assert "[1]" in reply.content
    [sources] = reply.embeds
    assert sources.title == "Sources"
    assert sources.fields[0].name.startswith("[1] Reader comment #1")
    assert "Poorly worded" in sources.fields[0].value
    assert any(f.name.startswith("[") and "Article ¶" in f.name for f in sources.fields)
    version = server.bot.engine.status().corpus_version
    assert sources.footer.text == f"corpus {version} · offline answer"
    buttons = [c.label for row in reply.components for c in row.children]
    assert buttons == ["Helpful", "Not helpful"]
    # The member saw "storybot is typing…" while the answer was worked out.
    assert any(r.method == "POST" and r.path.endswith("/typing") for r in server.env.http_requests)


async def test_messages_that_are_not_questions_for_the_bot_are_ignored(server: Server):
    await server.alice.send(server.general, "Anyone read the story about the letter?")
    assert server.bot_messages(server.general) == []


async def test_a_question_in_a_qa_channel_is_answered_in_a_thread_and_follow_ups_use_it(server: Server):
    question = await server.alice.send(server.qa, "Who wrote the letter?")

    [thread] = server.qa.threads
    assert thread.name == "Who wrote the letter?"
    assert thread.id == question.id  # opened on the question itself
    assert server.bot_messages(server.qa) == []  # the channel stays a list of questions
    [first] = server.bot_messages(thread)
    assert "Seely" in first.content

    # "he" and "it" only make sense with the thread's first question as context.
    await server.alice.send(thread, "When did he do it?")
    follow_up = server.bot_messages(thread)[-1]
    assert "Monday" in follow_up.content
    assert "does not say" not in follow_up.content

    # Asked cold, outside the thread, the same words find nothing.
    await server.bob.send(server.general, server.mention("When did he do it?"))
    [cold] = server.bot_messages(server.general)
    assert "does not say" in cold.content


async def test_ask_defers_then_answers_publicly(server: Server):
    result = await server.alice.slash(server.general, "ask", question="Who called the letter poorly worded?")

    assert _callback_types(server) == [5]  # deferred before any slow work
    assert not result.ephemeral
    answer = result.response
    assert answer is not None
    assert answer.content.startswith("**Q:** Who called the letter poorly worded?")
    assert "Poorly worded, implies withdrawal" in answer.content
    assert answer.embeds[0].title == "Sources"
    assert [c["label"] for row in answer.components for c in row["components"]] == ["Helpful", "Not helpful"]


async def test_ask_can_be_limited_to_one_story(server: Server):
    story = server.bot.engine.stories()[0].id
    result = await server.alice.slash(server.general, "ask", question="Who wrote the letter?", story=story)
    assert result.response is not None and "Seely" in result.response.content

    choices = await server.alice.autocomplete(server.general, "ask", "story", "coalition")
    assert [c["value"] for c in choices] == [story]


async def test_an_unknown_story_is_refused_privately(server: Server):
    result = await server.alice.slash(server.general, "ask", question="Who wrote the letter?", story="nope")

    [notice] = result.followups
    assert notice.ephemeral
    assert notice.content.startswith("No story 'nope' in the index")
    # The public "thinking…" message was closed and removed: nobody else sees the error.
    assert [m for m in server.general.history() if m.author.id == server.bot.user.id] == []
    [error] = server.env.errors
    assert type(error).__name__ == "CommandInvokeError"


async def test_empty_and_overlong_questions_get_a_clear_message(server: Server):
    await server.alice.send(server.general, server.mention("   "))
    await server.alice.send(server.general, server.mention("why " * 130))
    usage, too_long = server.bot_messages(server.general)
    assert usage.content.startswith("Ask me something about the story")
    assert too_long.content == "Questions are limited to 500 characters; yours has 519."
    assert not usage.embeds and not too_long.embeds

    empty = await server.alice.slash(server.general, "ask", question="  ")
    assert empty.ephemeral and empty.response is not None
    assert empty.response.content == "Please ask a question: the text is empty."
    long = await server.alice.slash(server.general, "ask", question="x" * 501)
    assert long.ephemeral and long.response is not None
    assert long.response.content == "Questions are limited to 500 characters; yours has 501."
    assert _callback_types(server) == [4, 4]  # refused at once, nothing deferred
    assert len(server.env.errors) == 2  # both went through the error handlers, as QuestionError


@pytest.mark.parametrize("bot_overrides", [{"user_cooldown_questions": 1, "user_cooldown_seconds": 60}])
async def test_the_per_member_cooldown_refuses_politely(server: Server):
    await server.alice.send(server.general, server.mention("Who wrote the letter?"))
    await server.alice.send(server.general, server.mention("Who called the letter poorly worded?"))
    answer, refusal = server.bot_messages(server.general)
    assert "Seely" in answer.content
    assert refusal.content == (
        "Please give me a moment: you can ask again in 60 seconds (up to 1 question every 60 seconds)."
    )

    # /ask shares the budget, and says so privately.
    result = await server.alice.slash(server.general, "ask", question="Who wrote the letter?")
    assert result.ephemeral and result.response is not None
    assert result.response.content.startswith("Please give me a moment")
    assert [type(e).__name__ for e in server.env.errors] == ["CommandOnCooldown"]

    # Another member is not held up, and the budget comes back with time.
    await server.bob.send(server.general, server.mention("Who wrote the letter?"))
    assert "Seely" in server.bot_messages(server.general)[-1].content
    await server.env.advance_time(61)
    await server.alice.send(server.general, server.mention("Who called the letter poorly worded?"))
    assert "Poorly worded" in server.bot_messages(server.general)[-1].content
