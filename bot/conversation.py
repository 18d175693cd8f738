"""A Q&A thread's earlier questions and answers, read back from Discord, as context for a follow-up.

Discord is the record: nothing is kept in memory, so context survives restarts and works on any shard.
A Q&A channel's thread opens on the first question (its starter message, in the parent channel); a forum
post's thread opens with the post itself (its first message, inside the thread, whose question is the
post's title and text). After that, each member's message is a question and the bot's messages that follow
it are its answer.
"""

from __future__ import annotations

import logging

import discord

from bot.text import question_text
from retrieval import Turn

log = logging.getLogger(__name__)

MESSAGES_PER_TURN = 3  # a question, and an answer that may span a couple of messages


def post_text(message: discord.Message, thread: discord.Thread, bot_id: int) -> str:
    """A forum post's question: its title, then its text (the text alone if it already holds the title)."""
    text = question_text(message.content, bot_id).strip()
    title = (thread.name or "").strip()
    if not title or title.casefold() in text.casefold():
        return text
    return f"{title}\n{text}" if text else title


def _is_forum_post(message: discord.Message, thread: discord.Thread) -> bool:
    return message.id == thread.id and isinstance(thread.parent, discord.ForumChannel)


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
    # A Q&A thread's starter is in the parent channel; a forum post's is the thread's own first message.
    starter = await _starter(thread) if len(messages) < fetch else None
    if starter is not None and all(m.id != starter.id for m in messages):
        messages.insert(0, starter)

    questions: list[str] = []
    answers: list[list[str]] = []
    for message in messages:
        if message.author.id == bot_id:
            if questions and message.content:
                answers[-1].append(message.content)
        elif not message.author.bot and (
            text := post_text(message, thread, bot_id)
            if _is_forum_post(message, thread)
            else question_text(message.content, bot_id)
        ):
            questions.append(text)
            answers.append([])
    turns = [Turn(question, "\n".join(parts)) for question, parts in zip(questions, answers)]
    return turns[-limit:]
