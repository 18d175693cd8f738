"""The corpus lifecycle: incremental, atomic, crash-safe, single-flight reloads with validation — on the
local store and on a Chroma server (`chroma run` on 127.0.0.1; fixtures in conftest.py). Uploads and the
audit trail: test_lifecycle_uploads_and_audit.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pydantic import ConfigDict

from retrieval import build_engine
from retrieval.errors import CorpusError, ReloadInProgressError
from retrieval.index.locks import FileReloadLock
from retrieval.settings import load_settings
from tests.support.chroma_server import ChromaServer
from tests.support.paths import REPO
from tests.support.reload_process import FAKE_DIMENSIONS, FakeEmbeddings
from tests.support.story_files import edit_first_story, write_story

pytestmark = pytest.mark.integration


class GatedEmbeddings(FakeEmbeddings):
    """Embeds documents only once ``gate`` is set (questions embed with embed_query and never wait)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    gate: threading.Event

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        assert self.gate.wait(60), "no questions were answered during the reload"
        return super().embed_documents(texts)


def test_incremental_counts(make_engine, corpus):
    engine = make_engine()
    write_story(corpus, "second", 20)
    first = engine.ingest()
    assert (first.stories, first.embedded, first.reused, first.removed) == (2, first.chunks, 0, 0)

    unchanged = engine.ingest()
    assert (unchanged.embedded, unchanged.removed, unchanged.changed) == (0, 0, False)

    edit_first_story(corpus)
    edited = engine.ingest()
    assert (edited.embedded, edited.removed, edited.stories_changed) == (1, 1, ("iraq-coalition-letter",))
    assert edited.story_diffs[0].comments_added == 1 and edited.story_diffs[0].comments_removed == 1

    write_story(corpus, "third", 10)
    added = engine.ingest()
    assert (added.stories_added, added.embedded, added.removed) == (("third",), 2, 0)

    (corpus / "second.json").unlink()
    removed = engine.ingest()
    second_chunks = first.chunks - 8  # the first story has 8
    assert (removed.stories_removed, removed.embedded, removed.removed) == (("second",), 0, second_chunks)
    # Never duplicates: what is stored is exactly what is served.
    assert len(engine.reloading.store.chunks.get(include=[])["ids"]) == removed.chunks
    assert engine.reloading.store.count_visible(removed.generation) == removed.chunks


def _texts_by_version(engine, corpus: Path) -> set[str]:
    from retrieval.corpus import load_corpus

    return {c.text for s in load_corpus(corpus).stories for c in engine.reloading.ingestor.chunk(s)}


def test_questions_during_a_reload_see_the_old_or_the_new_corpus(make_engine, corpus):
    write_story(corpus, "codes", 10, code_word="ALPHA")
    engine = make_engine()
    old = engine.ingest()
    old_texts = _texts_by_version(engine, corpus)

    write_story(corpus, "codes", 10, code_word="BRAVO")
    write_story(corpus, "bulk", 3000)  # several write steps: the new records land over a while
    new_texts = _texts_by_version(engine, corpus)
    # The reload's embedding waits until questions have been answered mid-reload, so the two overlap
    # however busy the machine is.
    overlap = threading.Event()
    engine = make_engine(embeddings=GatedEmbeddings(size=FAKE_DIMENSIONS, gate=overlap))
    reloaded: dict = {}
    thread = threading.Thread(target=lambda: reloaded.setdefault("report", engine.ingest()))
    thread.start()
    answers = []
    while thread.is_alive() or len(answers) < 5:
        answers.append(engine.ask("What is the code word of codes?"))
        if len(answers) == 3:
            overlap.set()
    thread.join()
    new = reloaded["report"]
    versions = {a.corpus_version for a in answers}
    assert versions <= {old.corpus_version, new.corpus_version}
    assert old.corpus_version in versions  # questions were answered while the reload ran
    for answer in answers:
        texts = old_texts if answer.corpus_version == old.corpus_version else new_texts
        assert not answer.abstained and answer.citations
        assert all(c.text in texts for c in answer.citations), answer.corpus_version
    assert engine.ask("What is the code word of codes?").corpus_version == new.corpus_version


# The reload killed below writes in steps of STEP_PIECES pieces (one a sentence): the bulk story takes three,
# so a kill while embedding the third leaves two in the store.
STEP_PIECES = 256
BULK_SENTENCES = 700


@pytest.mark.parametrize("point", ["embedding", "retire", "validate", "activate", "after-activate"])
def test_kill_9_at_any_point_leaves_a_serving_index_and_the_next_reload_finishes(
    make_engine, corpus, backend, tmp_path, point
):
    engine = make_engine()
    old = engine.ingest()
    edit_first_story(corpus)
    write_story(corpus, "bulk", BULK_SENTENCES)
    command = [
        sys.executable,
        "-m",
        "tests.support.reload_process",
        str(tmp_path / "data"),
        str(corpus),
        "--kill-at",
        point,
        "--step-pieces",
        str(STEP_PIECES),
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO), "STORYBOT_RELOAD_LEASE_SECONDS": "2"}
    if backend.get("chroma_url"):
        command += ["--chroma-url", backend["chroma_url"]]
        env["STORYBOT_INDEX_NAMESPACE"] = backend["index_namespace"]
    killed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300, env=env)
    assert killed.returncode == -9, killed.stderr[-2000:]

    # A restarted process serves the last good index: the old one, or the new one if the pointer flipped.
    restarted = make_engine()
    served = restarted.status().corpus_version
    assert served == old.corpus_version if point != "after-activate" else served != old.corpus_version
    answer = restarted.ask("Who called the letter poorly worded?")
    assert answer.corpus_version == served and answer.citations

    if backend.get("chroma_url"):
        # The dead process's lease still blocks reloads, with a message saying when it runs out.
        with pytest.raises(ReloadInProgressError, match="if that process died, its lease runs out at"):
            restarted.ingest()
        time.sleep(2.5)
    finished = restarted.ingest()
    assert {"bulk"} <= {s.id for s in restarted.stories()}
    assert restarted.reloading.store.count_visible(finished.generation) == finished.chunks
    if point == "embedding" and backend.get("chroma_url"):
        # The server keeps every write the dead client finished: that step is reused, not embedded again.
        # (Chroma's local store flushes vectors in batches, so a kill can lose the last writes' vectors;
        # those records are dropped as unreadable and embedded again.)
        assert finished.pieces_embedded <= BULK_SENTENCES + 4 - STEP_PIECES
    again = restarted.ingest()
    assert (again.embedded, again.changed) == (0, False)


def test_a_broken_file_aborts_a_strict_reload_and_the_old_index_serves(make_engine, corpus):
    engine = make_engine()
    old = engine.ingest(actor="admin")
    write_story(corpus, "fine", 10)
    (corpus / "broken.json").write_text('{"title": "T", "paragraphs": "not a list"}')
    with pytest.raises(CorpusError, match="broken.json: 'paragraphs' must be a list of strings"):
        engine.ingest(strict=True, actor="admin")
    assert engine.status().corpus_version == old.corpus_version
    assert [s.id for s in engine.stories()] == ["iraq-coalition-letter"]
    last = engine.reloads(1)[0]
    assert (last.actor, last.result) == ("admin", "failed") and "broken.json" in last.error


def test_a_second_reload_is_refused_while_one_runs(make_engine, corpus):
    engine = make_engine()
    engine.ingest()
    write_story(corpus, "bulk", 3000)
    errors: list[Exception] = []
    thread = threading.Thread(target=engine.ingest)
    thread.start()
    while not engine.reloading._guard.locked():
        time.sleep(0.001)
    try:
        engine.ingest(actor="second admin")
    except ReloadInProgressError as exc:
        errors.append(exc)
    thread.join()
    assert len(errors) == 1 and "already running" in str(errors[0])
    assert any(r.result == "refused" and r.actor == "second admin" for r in engine.reloads(5))


def test_a_reload_in_another_process_is_refused(make_engine, corpus, backend, tmp_path):
    engine = make_engine()
    engine.ingest()
    if backend.get("chroma_url"):
        other = make_engine()
        other.reloading.lock.acquire()  # another process's lease, held
        release = other.reloading.lock.release
    else:
        lock = FileReloadLock(tmp_path / "data" / "reload.lock")
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import fcntl,sys,time; f=open(sys.argv[1],'a'); fcntl.flock(f, fcntl.LOCK_EX);"
                " print('held', flush=True); time.sleep(60)",
                str(lock.path),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert holder.stdout.readline().strip() == "held"

        def release() -> None:
            holder.kill()
            holder.wait()

    try:
        with pytest.raises(ReloadInProgressError, match="already running"):
            engine.ingest()
    finally:
        release()
    assert engine.ingest().embedded == 0


def test_two_processes_share_one_chroma_server(tmp_path, corpus):
    server = ChromaServer(tmp_path / "shared-chroma").start()
    try:
        settings = load_settings(data_dir=tmp_path / "b-data", corpus_dir=corpus, chroma_url=server.url)
        shard_b = build_engine(settings, embeddings=FakeEmbeddings(size=FAKE_DIMENSIONS))
        first = shard_b.ingest()
        assert shard_b.ask("Who called the letter poorly worded?").corpus_version == first.corpus_version

        # Shard A, another process with its own data dir, reloads a changed corpus.
        edit_first_story(corpus)
        write_story(corpus, "news", 10)
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.support.reload_process",
                str(tmp_path / "a-data"),
                str(corpus),
                "--chroma-url",
                server.url,
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert run.returncode == 0, run.stderr[-2000:]
        reloaded = json.loads(run.stdout)
        assert reloaded["stories_added"] == ["news"] and reloaded["embedded"] == 3

        # Shard B sees it at once (the pointer lives in the store), without reloading anything itself.
        answer = shard_b.ask("What is the code word of news?")
        assert answer.corpus_version == reloaded["corpus_version"] != first.corpus_version
        assert {s.id for s in shard_b.stories()} == {"iraq-coalition-letter", "news"}
        assert shard_b.ingest().embedded == 0
    finally:
        server.stop()
