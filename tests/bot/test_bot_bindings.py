"""/bind and /unbind, through SimCord: a bound channel's questions and summaries are about its story."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.bot.conftest import Server

QUESTION = "what is being closed, and when?"


async def _answer(server: Server) -> str:
    await server.alice.send(server.general, server.mention(QUESTION))
    return server.bot_messages(server.general)[-1].content


async def test_a_bound_channel_answers_from_its_story_until_unbound(server: Server):
    library = server.add_story()
    await server.manager.slash(server.general, "reload")
    assert (
        "Library"
        not in (await server.alice.slash(server.general, "summary", scope="article")).response.content
    )

    # Hidden from members without Manage Server (and refused to them, should an admin show it).
    assert "bind" not in server.alice.available_commands(server.general)
    result = await server.manager.slash(server.general, "bind", story=library)
    assert result.ephemeral and "are now about “Library to close on Sundays”" in result.response.content

    assert "Sundays" in await _answer(server)
    summary = await server.alice.slash(server.general, "summary", scope="article")
    assert summary.response.content.startswith("**Summary of the article** — Library to close on Sundays")
    assert "none was named" not in summary.response.content
    # Another channel is not bound.
    other = await server.alice.slash(server.qa, "summary", scope="article")
    assert "Library" not in other.response.content

    status = await server.manager.slash(server.general, "status")
    fields = {f.name: f.value for f in status.response.embeds[0].fields}
    assert fields["Bound channels"] == f"<#{server.general.id}> → Library to close on Sundays"

    nothing = await server.manager.slash(server.general, "bind", story="no-such-story")
    assert "There is no story `no-such-story` here" in nothing.response.content
    await server.manager.slash(server.general, "unbind")
    summary = await server.alice.slash(server.general, "summary", scope="article")
    assert "Library" not in summary.response.content
    assert server.env.errors == []
