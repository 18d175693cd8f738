"""Slash commands for summaries, information and the admin reload, through SimCord."""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, Any

import discord
import pytest
from langchain_core.embeddings import Embeddings

from bot.errors import NotReloadAdminError
from bot.permissions import REFUSED_REASON
from retrieval import StoryEngine

if TYPE_CHECKING:
    from tests.bot.conftest import Server

REFUSAL = (
    "Sorry, only members with the Manage Server permission or the role “Storybot Admin” may reload the "
    "stories. Nothing was reloaded."
)


def _fields(embed: discord.Embed) -> dict[str, str]:
    return {f.name or "": f.value or "" for f in embed.fields}


# -- /summary ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "heading", "article", "readers"),
    [
        ("article", "**Summary of the article**", True, False),
        ("comments", "**Summary of the reader comments**", False, True),
        ("all", "**Summary of the article and its reader comments**", True, True),
    ],
)
async def test_summary_for_each_scope(server: Server, scope: str, heading: str, article: bool, readers: bool):
    result = await server.alice.slash(server.general, "summary", scope=scope)

    assert not result.ephemeral
    assert result.response is not None
    messages = [result.response, *result.followups]  # the full summary runs over 2,000 characters
    assert all(len(m.content) <= 2000 and not m.ephemeral for m in messages)
    text = "\n".join(m.content for m in messages)
    assert text.startswith(f"{heading} — US Military & Coalition Leaving Iraq")
    assert ("**The article**" in text) is article
    assert ("**What readers say** (3 comments)" in text) is readers
    assert "[1]" in text
    [sources] = messages[-1].embeds
    assert sources.title == "Sources"
    version = server.bot.engine.status().corpus_version
    assert sources.footer.text == f"corpus {version} · offline summary"
    if readers:
        assert any(name.startswith("[") and "Reader comment #" in name for name in _fields(sources))


async def test_summary_of_several_stories_takes_the_newest_when_none_is_named(server: Server):
    story = server.add_story()
    await server.manager.slash(server.general, "reload")

    # Neither story has a date: the first listed counts as the newest, and the reply says which it took.
    result = await server.alice.slash(server.general, "summary", scope="article")
    assert result.response is not None and not result.ephemeral
    text = result.response.content
    assert text.startswith("**Summary of the article** — US Military & Coalition Leaving Iraq")
    assert "-# 2 stories are loaded and none was named, so this summarises the newest: “US Military" in text
    assert server.env.errors == []

    result = await server.alice.slash(server.general, "summary", scope="article", story=story)
    assert result.response is not None and "Library to close on Sundays" in result.response.content


# -- /sources and /status ----------------------------------------------------------------------------


async def test_sources_lists_the_stories(server: Server):
    result = await server.alice.slash(server.general, "sources")

    assert result.ephemeral
    [embed] = result.response.embeds
    assert embed.title == "Stories I can answer about"
    fields = _fields(embed)
    title = "US Military & Coalition Leaving Iraq Per the Head of US Forces In Iraq"
    assert fields[title] == "`iraq-coalition-letter` · 9 paragraphs · 3 reader comments"
    version = server.bot.engine.status().corpus_version
    assert embed.footer.text == f"corpus {version} · 1 story"


async def test_status_reports_corpus_index_mode_and_uptime(server: Server):
    result = await server.alice.slash(server.general, "status")

    assert result.ephemeral
    fields = _fields(result.response.embeds[0])
    version = server.bot.engine.status().corpus_version
    assert fields["Corpus"] == f"`{version}` · generation 1"
    assert fields["Chunks"] == "8 (3 article, 5 comment)"
    assert fields["Stories"] == "1"
    assert fields["Answers"] == "offline"
    assert fields["Index"] == "local store"
    assert fields["Shard"] == "0 of 1"
    assert fields["Uptime"] == "0 s"

    await server.env.advance_time(2 * 3600 + 5 * 60)
    result = await server.alice.slash(server.general, "status")
    assert _fields(result.response.embeds[0])["Uptime"] == "2 h 5 min"


# -- /reload -----------------------------------------------------------------------------------------


async def test_reload_by_a_member_with_manage_server(server: Server):
    story = server.add_story()

    result = await server.manager.slash(server.general, "reload")

    assert result.ephemeral
    [report] = result.followups if result.followups else [result.response]
    assert report.content.startswith("**Reloaded** 2 stories, 10 chunks: 2 embedded, 8 reused, 0 removed")
    assert f"Added: {story}" in report.content
    stories = await server.alice.slash(server.general, "sources")
    assert "Library to close on Sundays" in _fields(stories.response.embeds[0])
    [latest, *_] = server.bot.engine.reloads(1)
    assert (latest.actor, latest.result) == (f"discord:manager ({server.manager.id})", "ok")
    # Both stories' summary digests are built in the background, before anyone asks for a summary.
    engine = server.bot.engine
    snapshot = engine.snapshots.current()
    stories = [s.id for s in snapshot.manifest.stories]
    for _ in range(200):
        if all(engine.summarising.digests.holds(snapshot, s) for s in stories):
            break
        await asyncio.sleep(0.05)
    assert [engine.summarising.digests.holds(snapshot, s) for s in stories] == [True, True]


async def test_reload_by_a_member_with_an_admin_role(server: Server):
    server.add_story()
    result = await server.keeper.slash(server.general, "reload")
    assert result.response is not None and result.response.content.startswith("**Reloaded** 2 stories")


async def test_reload_is_refused_to_an_ordinary_member(server: Server):
    server.add_story()
    before = server.bot.engine.status()
    # A server admin has shown /reload to everyone (Integrations): the bot's own check still refuses.
    command = server.env.backend.find_command("reload", server.guild.id)
    server.guild.set_command_permissions(int(command["id"]), {server.guild.default_role: True})

    result = await server.alice.slash(server.general, "reload")

    assert result.ephemeral
    assert result.response is not None and result.response.content == REFUSAL
    after = server.bot.engine.status()
    assert (after.generation, after.corpus_version, len(after.stories)) == (
        before.generation,
        before.corpus_version,
        1,
    )
    [error] = server.env.errors
    assert isinstance(error, NotReloadAdminError)
    # The refused attempt is in the audit trail.
    [latest, *_] = server.bot.engine.reloads(1)
    assert (latest.actor, latest.result) == (f"discord:alice ({server.alice.id})", "refused")
    assert (latest.error, latest.upload) == (REFUSED_REASON, None)


async def test_a_broken_story_file_aborts_the_reload_and_keeps_the_index(server: Server):
    (server.corpus / "broken.json").write_text("{not json", encoding="utf-8")
    before = server.bot.engine.status()

    result = await server.manager.slash(server.general, "reload")

    [report] = result.followups if result.followups else [result.response]
    assert report.ephemeral
    assert report.content.startswith("**Reload aborted; the stories served are unchanged.**")
    assert "- broken.json: " in report.content
    assert server.bot.engine.status().corpus_version == before.corpus_version
    [error] = server.env.errors
    assert type(error).__name__ == "CommandInvokeError"


class ReloadProbeEmbeddings(Embeddings):
    """The real model, plus a hook run inside the next reload's embedding step, in its worker thread."""

    def __init__(self, model: Embeddings) -> None:
        self.model = model
        self.during_reload: Any = None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        hook, self.during_reload = self.during_reload, None
        if hook is not None:
            hook()
        return self.model.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.model.embed_query(text)


@pytest.fixture
def story_embeddings(local_embeddings: Embeddings) -> ReloadProbeEmbeddings:
    return ReloadProbeEmbeddings(local_embeddings)


async def test_questions_are_answered_while_a_reload_runs(server: Server, story_engine: StoryEngine):
    server.add_story()  # something for the reload to embed
    loop = asyncio.get_running_loop()
    answered = threading.Event()
    observed: dict[str, bool] = {}

    async def on_message(message: discord.Message) -> None:
        if message.author == server.bot.user and message.channel.id == server.general.id:
            answered.set()

    server.bot.add_listener(on_message)

    def ask_while_reloading() -> None:
        # Runs in the reload's worker thread, mid-embedding: alice's question reaches the bot now, and the
        # reload waits until the bot has answered it. If the reload held the event loop, it never would.
        question = server.mention("Who wrote the letter?")
        loop.call_soon_threadsafe(
            server.env.backend.create_message, server.general.id, server.alice.id, question
        )
        observed["answered during the reload"] = answered.wait(timeout=30)

    assert isinstance(story_engine.reloading.ingestor.embeddings, ReloadProbeEmbeddings)
    story_engine.reloading.ingestor.embeddings.during_reload = ask_while_reloading

    result = await server.manager.slash(server.general, "reload")

    assert observed == {"answered during the reload": True}
    [answer] = server.bot_messages(server.general)
    assert "Seely" in answer.content
    assert result.response is not None and result.response.content.startswith("**Reloaded** 2 stories")
