"""The corpus lifecycle through Discord: stories uploaded with /reload (validated, saved and indexed, or
rejected with the reason and nothing saved), change reports, single-flight reloads, the audit trail in
SQLite, and the last reload in /status. Driven through SimCord."""

from __future__ import annotations

import json
import sqlite3
import threading
from typing import TYPE_CHECKING, Any

import discord
import pytest
from langchain_core.embeddings import Embeddings

from bot.text import safe
from retrieval import StoryEngine
from retrieval.audit import database_path
from retrieval.index.locks import FileReloadLock

if TYPE_CHECKING:
    from tests.bot.conftest import Server

SECOND_STORY = {  # as tests.bot.conftest.SECOND_STORY, which is also what Server.add_story writes
    "title": "Library to close on Sundays",
    "paragraphs": [
        "The town council voted on Tuesday to close the central library on Sundays from March.",
        "The council said the closure would save 40,000 pounds a year.",
    ],
    "comments": [{"author": "Mo", "text": "Sunday is the only day working families can visit."}],
}
LIBRARY = {
    "title": "Library to close on Sundays",
    "paragraphs": [
        "The town council voted on Tuesday to close the central library on Sundays from March.",
        "The council said the closure would save 40,000 pounds a year.",
        "The library has opened on Sundays since 1998.",
    ],
    "comments": [
        {"id": "c1", "author": "Mo", "text": "Sunday is the only day working families can visit."},
        {"id": "c2", "author": "Jo", "text": "Forty thousand pounds is a rounding error for this council."},
    ],
}


def _fields(embed: discord.Embed) -> dict[str, str]:
    return {f.name or "": f.value or "" for f in embed.fields}


def _reply(result: Any) -> Any:
    """The one message an ephemeral command answered with (its response, or its first follow-up)."""
    [reply] = result.followups if result.followups else [result.response]
    assert reply.ephemeral
    return reply


def audit_rows(server: Server) -> list[dict[str, Any]]:
    """The audit trail as the SQLite file under the data dir holds it, newest first."""
    path = database_path(server.bot.settings.data_dir)
    with sqlite3.connect(path) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM reloads ORDER BY id DESC").fetchall()
    return [{**dict(row), "changes": json.loads(row["changes"])} for row in rows]


def _story_bytes(story: dict[str, Any]) -> bytes:
    return json.dumps(story).encode()


# -- uploads ---------------------------------------------------------------------------------------------


async def test_an_uploaded_story_is_validated_saved_and_indexed(server: Server):
    before = set(p.name for p in server.corpus.iterdir())

    result = await server.manager.slash(
        server.general, "reload", file=("library-sundays.json", _story_bytes(SECOND_STORY))
    )

    report = _reply(result)
    lines = report.content.splitlines()
    assert lines[0] == "Saved **library-sundays.json** in the story files."
    assert lines[1].startswith("**Reloaded** 2 stories, 10 chunks: 2 embedded, 8 reused, 0 removed")
    assert lines[2] == "Added: library-sundays (2 paragraphs, 1 comment)"
    assert lines[3] == "-# In all: 2 paragraphs new or changed, 1 comment added, 0 comments removed."
    assert set(p.name for p in server.corpus.iterdir()) == before | {"library-sundays.json"}
    assert (server.corpus / "library-sundays.json").read_bytes() == _story_bytes(SECOND_STORY)

    # Indexed and served at once: listed, and answered about.
    sources = await server.alice.slash(server.general, "sources")
    assert "Library to close on Sundays" in _fields(sources.response.embeds[0])
    await server.alice.send(server.general, server.mention("How much would closing the library save?"))
    assert "40,000 pounds" in server.bot_messages(server.general)[-1].content

    [latest, *_] = audit_rows(server)
    assert latest["actor"] == f"discord:manager ({server.manager.id})"
    assert (latest["result"], latest["upload"]) == ("ok", "library-sundays.json")
    assert latest["changes"]["stories_added"] == ["library-sundays"]
    assert latest["corpus_version"] == server.bot.engine.status().corpus_version
    assert latest["duration_s"] > 0


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.json", b'{"title": "Half a story", ', "invalid JSON"),
        ("no-paragraphs.json", b'{"title": "Nothing to read", "paragraphs": []}', "paragraph"),
        ("latin1.txt", "Caf\xe9 society".encode("latin-1"), "not UTF-8 text"),
        ("../escape.json", _story_bytes(SECOND_STORY), "a story file name may use only"),
    ],
)
async def test_an_invalid_upload_is_rejected_with_the_reason_and_nothing_is_saved(
    server: Server, name: str, data: bytes, reason: str
):
    before = sorted(p.name for p in server.corpus.iterdir())
    version = server.bot.engine.status().corpus_version

    result = await server.keeper.slash(server.general, "reload", file=(name, data))

    reply = _reply(result)
    assert reply.content.startswith(f"**{safe(name)} was not added; nothing was saved.** ")
    assert reason in reply.content
    assert sorted(p.name for p in server.corpus.iterdir()) == before
    assert server.bot.engine.status().corpus_version == version
    [latest, *_] = audit_rows(server)
    assert (latest["actor"], latest["result"]) == (f"discord:keeper ({server.keeper.id})", "failed")
    assert latest["upload"] == name and reason in latest["error"]
    assert [type(e).__name__ for e in server.env.errors] == ["CommandInvokeError"]


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        (
            "huge.json",
            10_000_001,
            "huge.json is 10 MB; story files may be at most 10 MB (10,000,000 bytes). Nothing was saved.",
        ),
        (
            "scan.pdf",
            100,
            "scan.pdf is not a story file: upload a .txt forum export or a .json story. Nothing was saved.",
        ),
    ],
)
async def test_a_file_too_large_or_not_a_story_is_refused_before_it_is_downloaded(
    server: Server, monkeypatch: pytest.MonkeyPatch, name: str, size: int, message: str
):
    downloads: list[str] = []
    fetch = server.bot.http.get_from_cdn

    async def counting_fetch(url: str) -> bytes:
        downloads.append(url)
        return await fetch(url)

    monkeypatch.setattr(server.bot.http, "get_from_cdn", counting_fetch)
    before = sorted(p.name for p in server.corpus.iterdir())

    result = await server.manager.slash(server.general, "reload", file=(name, b"x" * size))

    assert downloads == []
    assert not result.deferred  # refused at once
    assert result.ephemeral and result.response is not None
    assert result.response.content == message
    assert sorted(p.name for p in server.corpus.iterdir()) == before
    [latest, *_] = audit_rows(server)
    assert (latest["actor"], latest["result"], latest["upload"]) == (
        f"discord:manager ({server.manager.id})",
        "failed",
        name,
    )
    assert server.env.errors == []

    # The same route downloads a file that passes: the check above is what kept it from downloading.
    await server.manager.slash(server.general, "reload", file=("library.json", _story_bytes(SECOND_STORY)))
    assert len(downloads) == 1


async def test_an_upload_that_breaks_the_reload_is_taken_back_out(server: Server):
    clash = {**SECOND_STORY, "id": "iraq-coalition-letter"}  # the id of the story already served
    version = server.bot.engine.status().corpus_version

    result = await server.manager.slash(server.general, "reload", file=("clash.json", _story_bytes(clash)))

    reply = _reply(result)
    assert reply.content.startswith("**Reload aborted; the stories served are unchanged.**")
    # The newcomer is refused, by name, and the served story keeps its id.
    refusal = "clash.json: story id 'iraq-coalition-letter' is already used by iraq-coalition-letter.txt"
    assert refusal in reply.content
    assert reply.content.endswith("-# The story files are as they were before clash.json was uploaded.")
    assert not (server.corpus / "clash.json").exists()
    assert server.bot.engine.status().corpus_version == version
    assert audit_rows(server)[0]["result"] == "failed"
    server.env.errors  # noqa: B018 — acknowledged: the CorpusError went through the error handlers


# -- change reports --------------------------------------------------------------------------------------


@pytest.mark.parametrize("story_corpus", [{"library.json": LIBRARY}], indirect=True)
async def test_a_replaced_story_reports_what_changed(server: Server):
    changed = {
        **LIBRARY,
        "paragraphs": [*LIBRARY["paragraphs"][:2], "The library has opened on Sundays since 2001."],
        "comments": [
            LIBRARY["comments"][0],
            {"id": "c3", "author": "Al", "text": "Saturday opening until eight would help."},
        ],
    }

    result = await server.keeper.slash(server.general, "reload", file=("library.json", _story_bytes(changed)))

    lines = _reply(result).content.splitlines()
    assert lines[2] == "Changed: library (1 paragraph changed, 1 comment added, 1 comment removed)"
    assert lines[3] == "-# In all: 1 paragraph new or changed, 1 comment added, 1 comment removed."
    [latest, *_] = audit_rows(server)
    assert latest["changes"]["stories_changed"] == ["library"]
    assert (latest["changes"]["comments_added"], latest["changes"]["comments_removed"]) == (1, 1)

    # The same file again changes nothing, and says so.
    result = await server.keeper.slash(server.general, "reload", file=("library.json", _story_bytes(changed)))
    content = _reply(result).content
    assert content.splitlines()[1].endswith("— no changes.")
    assert "Changed:" not in content
    assert audit_rows(server)[0]["result"] == "unchanged"


async def test_a_reload_reports_stories_added_and_removed(server: Server):
    server.add_story()
    await server.manager.slash(server.general, "reload")
    (server.corpus / "library-sundays.json").unlink()

    result = await server.manager.slash(server.general, "reload")

    content = _reply(result).content
    assert content.startswith("**Reloaded** 1 story, 8 chunks")
    assert "Removed: library-sundays" in content
    assert audit_rows(server)[0]["changes"]["stories_removed"] == ["library-sundays"]


# -- single flight ---------------------------------------------------------------------------------------


class GatedEmbeddings(Embeddings):
    """The real model; the next reload's embedding step waits at a gate the test opens."""

    def __init__(self, model: Embeddings) -> None:
        self.model = model
        self.reached = threading.Event()
        self.gate = threading.Event()
        self.gate.set()

    def hold_next_reload(self) -> None:
        self.reached.clear()
        self.gate.clear()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.reached.set()
        assert self.gate.wait(30), "the test never opened the gate"
        return self.model.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.model.embed_query(text)


@pytest.fixture
def story_embeddings(local_embeddings: Embeddings) -> GatedEmbeddings:
    return GatedEmbeddings(local_embeddings)


@pytest.mark.parametrize("upload", [False, True], ids=["reload", "upload"])
async def test_a_second_reload_is_refused_while_one_runs(server: Server, story_engine: StoryEngine, upload):
    server.add_story()  # something for the running reload to embed
    embeddings = story_engine.reloading.ingestor.embeddings
    assert isinstance(embeddings, GatedEmbeddings)
    embeddings.hold_next_reload()
    # A reload already running in this process (the CLI's, or another member's), held mid-embedding.
    running = threading.Thread(target=story_engine.ingest, kwargs={"strict": True, "actor": "cli"})
    running.start()
    try:
        assert embeddings.reached.wait(30)
        options = {"file": ("second.json", _story_bytes(LIBRARY))} if upload else {}
        result = await server.keeper.slash(server.general, "reload", **options)
    finally:
        embeddings.gate.set()
        running.join(30)

    reply = _reply(result)
    expected = "A reload is already running; try again when it has finished"
    assert reply.content == expected + (" second.json was not saved." if upload else "")
    assert not (server.corpus / "second.json").exists()
    finished, refused, *_ = audit_rows(server)
    assert (refused["actor"], refused["result"]) == (f"discord:keeper ({server.keeper.id})", "refused")
    assert refused["upload"] == ("second.json" if upload else None)
    assert (finished["actor"], finished["result"]) == ("cli", "ok")  # the first reload was not disturbed
    assert [type(e).__name__ for e in server.env.errors] == ["CommandInvokeError"]


async def test_a_reload_running_in_another_process_is_refused(server: Server):
    other_process = FileReloadLock(server.bot.settings.data_dir / "reload.lock")
    other_process.acquire()
    try:
        result = await server.manager.slash(server.general, "reload")
    finally:
        other_process.release()

    content = _reply(result).content
    assert content.startswith("A reload is already running (process ")
    assert content.endswith("; try again when it has finished")
    assert audit_rows(server)[0]["result"] == "refused"
    server.env.errors  # noqa: B018 — acknowledged: the refusal went through the error handlers

    result = await server.manager.slash(server.general, "reload")  # the lock is free again
    assert _reply(result).content.startswith("**Reloaded** 1 story")


# -- /status -----------------------------------------------------------------------------------------


async def test_status_shows_the_last_reload_to_every_member(server: Server):
    result = await server.alice.slash(server.general, "status")
    last = _fields(result.response.embeds[0])["Last reload"]
    assert " by cli: ok; added iraq-coalition-letter; 8 chunks embedded, 0 removed (" in last

    await server.manager.slash(
        server.general, "reload", file=("library-sundays.json", _story_bytes(SECOND_STORY))
    )
    result = await server.alice.slash(server.general, "status")

    assert result.ephemeral
    last = _fields(result.response.embeds[0])["Last reload"]
    [record, *_] = server.bot.engine.reloads(1)
    assert last == safe(record.describe())
    assert (
        f"by discord:manager ({server.manager.id}): ok; upload library-sundays.json; added library-sundays"
        in last
    )
