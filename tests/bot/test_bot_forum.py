"""Q&A forums through SimCord: a new post in a forum named in the Q&A channel settings is a question,
answered in the post's own thread; later messages there are follow-ups, answered with the thread as context.

SimCord models forum channels and forum posts, but only the bot may create a post through its API (as the
bot's own ``ForumChannel.create_thread``). A member's post is staged on SimCord's backend as Discord
delivers one: the post's thread (owned by the member), its first message with the thread's id, then
THREAD_CREATE and MESSAGE_CREATE.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import discord
import pytest
from simcord.builders import ChannelHandle

from tests.bot.conftest import QA_CHANNEL

if TYPE_CHECKING:
    from simcord.actors import MemberActor

    from tests.bot.conftest import Server

FORUM = "story-questions"

pytestmark = pytest.mark.parametrize("bot_overrides", [{"qa_channel_names": [QA_CHANNEL, FORUM]}])


async def post(
    server: Server, forum: ChannelHandle, member: MemberActor, title: str, text: str
) -> ChannelHandle:
    """``member`` opens a post in ``forum``, as a Discord client does; returns the post's thread."""
    backend = server.env.backend
    thread = backend.create_thread(forum.id, title, member.id, broadcast=False)
    starter = dataclasses.replace(backend.prepare_message(thread.id, member.id, text), id=thread.id)
    backend.commit_message(starter, broadcast=False)
    backend.announce_thread_create(thread)
    backend.announce_message_create(starter)
    await server.env.settle()
    return ChannelHandle(server.env, server.guild, thread)


async def test_a_forum_post_is_answered_in_its_thread_and_follow_ups_use_it(server: Server):
    forum = server.guild.create_forum_channel(FORUM)
    await server.env.settle()
    assert isinstance(server.bot.get_channel(forum.id), discord.ForumChannel)

    thread = await post(server, forum, server.alice, "Who wrote the letter?", "I could not find the name.")

    [answer] = server.bot_messages(thread)
    assert "Seely" in answer.content
    assert answer.reference is None  # answered in the post, as in a Q&A channel's thread
    assert [t.id for t in forum.threads] == [thread.id]  # no second thread

    # "he" and "it" only make sense with the post as context.
    await server.bob.send(thread, "When did he send it?")
    follow_up = server.bot_messages(thread)[-1]
    assert "Monday" in follow_up.content
    assert "does not say" not in follow_up.content
    assert server.env.errors == []


async def test_a_post_in_another_forum_is_not_a_question(server: Server):
    forum = server.guild.create_forum_channel("announcements")
    thread = await post(server, forum, server.alice, "Opening hours", "Who wrote the letter?")
    assert server.bot_messages(thread) == []
