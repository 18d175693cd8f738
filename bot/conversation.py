"""A Q&A thread's earlier questions and answers, read back from Discord, as context for a follow-up.

Discord is the record: nothing is kept in memory, so context survives restarts and works on any shard.
The thread opens on the first question (its starter message, in the parent channel); after that, each
member's message is a question and the bot's messages that follow it are its answer.
"""

from __future__ import annotations

import logging

import discord

from bot.text import question_text
from retrieval import Turn

log = logging.getLogger(__name__)

MESSAGES_PER_TURN = 3  # a question, and an answer that may span a couple of messages


async def _starter(thread: discord.Thread) -> discord.Message | None:
    if thread.starter_message is not None:
        return thread.starter_message
    parent = thread.parent
    if not isinstance(parent, discord.TextChannel):
        return None
    try:
        return await parent.fetch_message(thread.id)
    except discord.HTTPException:
        log.debug("cannot read the starter message of thread %s", thread.id, exc_info=True)
        return None


async def thread_turns(
    thread: discord.Thread, *, before: discord.Message, bot_id: int, limit: int
) -> list[Turn]:
    """Up to ``limit`` earlier turns of ``thread``, oldest first, ending just before ``before``."""
    if limit <= 0:
        return []
    fetch = limit * MESSAGES_PER_TURN
    try:
        messages = [m async for m in thread.history(limit=fetch, before=before)]
    except discord.HTTPException:
        # Without Read Message History the follow-up is still answered, only without its context.
        log.warning(
            "cannot read the history of thread %s; answering without context", thread.id, exc_info=True
        )
        return []
    messages.reverse()
    if len(messages) < fetch and (starter := await _starter(thread)) is not None:
        messages.insert(0, starter)

    questions: list[str] = []
    answers: list[list[str]] = []
    for message in messages:
        if message.author.id == bot_id:
            if questions and message.content:
                answers[-1].append(message.content)
        elif not message.author.bot and (text := question_text(message.content, bot_id)):
            questions.append(text)
            answers.append([])
    turns = [Turn(question, "\n".join(parts)) for question, parts in zip(questions, answers)]
    return turns[-limit:]
