"""Re-runnable, incremental ingestion into the local Chroma store (fake vectors: counts, not quality)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from retrieval.corpus import load_story
from retrieval.errors import CorpusError, IndexEmptyError
from retrieval.index import ingest
from retrieval.index.store import INF_GEN
from tests.support.paths import FIRST_STORY


def _word(number: int) -> str:
    """A number spelt in letters (12 -> "bc"): sentences that differ only in their digits are near-repeats,
    folded after the first few (retrieval.corpus.limits), so synthetic sentences differ in a word."""
    return "".join(chr(97 + int(d)) for d in str(number))


def _story_json(path: Path, story_id: str, sentences: int, title: str = "A synthetic story") -> None:
    paragraphs = [
        " ".join(
            f"In {story_id} paragraph {_word(p)} sentence {_word(s)} reports fact {_word(p * 10 + s)}."
            for s in range(5)
        )
        for p in range(sentences // 5)
    ]
    path.write_text(
        json.dumps(
            {
                "id": story_id,
                "title": title,
                "paragraphs": paragraphs,
                "comments": [{"author": "Zed", "text": f"A reader of {story_id} disagrees."}],
            }
        )
    )


def _records(engine) -> int:
    return len(engine.reloading.store.chunks.get(include=[])["ids"])


def test_first_ingest_then_rerun_embeds_nothing(engine_factory, counting_embeddings, corpus_copy):
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy)
    first = engine.ingest()
    assert (first.stories, first.chunks, first.embedded, first.reused, first.removed) == (1, 8, 8, 0, 0)
    assert first.stories_added == ("iraq-coalition-letter",)
    embedded_once = counting_embeddings.embedded

    again = engine.ingest()
    assert (again.chunks, again.embedded, again.reused, again.removed) == (8, 0, 8, 0)
    assert not again.changed
    assert again.generation == first.generation
    assert counting_embeddings.embedded == embedded_once
    assert _records(engine) == 8


def test_editing_one_comment_re_embeds_only_that_text(engine_factory, counting_embeddings, corpus_copy):
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy)
    engine.ingest()
    before = counting_embeddings.embedded
    story = corpus_copy / FIRST_STORY.name
    story.write_text(story.read_text(encoding="utf-8").replace("Fake news.", "Fake news!"), encoding="utf-8")

    report = engine.ingest()
    assert (report.chunks, report.embedded, report.reused, report.removed) == (8, 1, 7, 1)
    # Only the edited sentence is new text: its neighbour's vector is reused by text hash.
    assert counting_embeddings.embedded - before == 1
    assert report.stories_changed == ("iraq-coalition-letter",)
    assert report.story_diffs[0].comments_added == 1 and report.story_diffs[0].comments_removed == 1
    assert report.corpus_version != report.previous_version
    assert _records(engine) == 8  # the superseded record is collected (grace 0 in the test profile)


def test_adding_and_removing_stories(engine_factory, counting_embeddings, corpus_copy):
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy)
    engine.ingest()
    _story_json(corpus_copy / "extra.json", "extra", 10)
    added = engine.ingest()
    assert added.stories_added == ("extra",)
    assert (added.stories, added.embedded, added.removed) == (2, 2, 0)
    assert added.reused == 8

    (corpus_copy / "extra.json").unlink()
    removed = engine.ingest()
    assert removed.stories_removed == ("extra",)
    assert (removed.stories, removed.chunks, removed.embedded, removed.removed) == (1, 8, 0, 2)
    assert _records(engine) == 8
    assert [s.id for s in engine.stories()] == ["iraq-coalition-letter"]


def test_a_moved_paragraph_keeps_its_vectors(engine_factory, counting_embeddings, tmp_path):
    corpus = tmp_path / "moving"
    corpus.mkdir()
    paragraphs = [
        f"Paragraph {_word(i)} holds a statement. It is about topic {_word(i)}. Then {_word(i)} ends."
        for i in range(6)
    ]
    path = corpus / "s.json"
    path.write_text(json.dumps({"title": "Moving", "paragraphs": paragraphs}))
    engine = engine_factory(counting_embeddings, corpus_dir=corpus, chunk_size=200)
    engine.ingest()
    before = counting_embeddings.embedded
    path.write_text(json.dumps({"title": "Moving", "paragraphs": ["A new first paragraph.", *paragraphs]}))
    report = engine.ingest()
    assert counting_embeddings.embedded - before == 1  # only the new sentence
    assert report.embedded == 1
    # Every later paragraph's locator moved by one, and the index says so.
    wheres = sorted(p.metadata["where"] for p in engine.snapshots.current().passages)
    assert "paragraph 7" in wheres


def test_broken_file_keeps_the_last_good_version(engine_factory, counting_embeddings, corpus_copy):
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy)
    _story_json(corpus_copy / "extra.json", "extra", 10)
    engine.ingest()
    (corpus_copy / "extra.json").write_text("{broken")
    _story_json(corpus_copy / "third.json", "third", 5)

    report = engine.ingest()
    assert [p.split(":")[0] for p in report.problems] == ["extra.json"]
    assert report.kept_from_previous == ("extra",)
    assert report.stories_added == ("third",)
    assert sorted(s.id for s in engine.stories()) == ["extra", "iraq-coalition-letter", "third"]


def test_strict_ingest_changes_nothing_when_a_file_is_broken(
    engine_factory, counting_embeddings, corpus_copy
):
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy)
    served = engine.ingest().corpus_version
    (corpus_copy / "bad.json").write_text("[]")
    _story_json(corpus_copy / "new.json", "new", 5)
    with pytest.raises(CorpusError, match="bad.json"):
        engine.ingest(strict=True)
    assert engine.status().corpus_version == served
    assert [s.id for s in engine.stories()] == ["iraq-coalition-letter"]


def test_nothing_indexed_yet(engine_factory, counting_embeddings):
    engine = engine_factory(counting_embeddings)
    with pytest.raises(IndexEmptyError, match="storybot ingest"):
        engine.ask("Who wrote the letter?")


def test_empty_corpus_is_an_error(engine_factory, counting_embeddings, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CorpusError, match="no stories"):
        engine_factory(counting_embeddings, corpus_dir=empty).ingest()


def test_a_crash_mid_ingest_leaves_the_old_index_and_the_next_run_resumes(
    engine_factory, counting_embeddings, corpus_copy, monkeypatch
):
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy)
    first = engine.ingest()
    # 700 new sentences in steps of 256 pieces: three write steps; the crash comes while embedding the second.
    monkeypatch.setattr(ingest, "WRITE_STEP_PIECES", 256)
    _story_json(corpus_copy / "big.json", "big", 700)
    counting_embeddings.fail_after_calls = counting_embeddings.calls + 1
    with pytest.raises(RuntimeError, match="simulated crash"):
        engine.ingest()
    # The served generation is untouched: same version, same stories, answers still work.
    assert engine.status().corpus_version == first.corpus_version
    assert [s.id for s in engine.stories()] == ["iraq-coalition-letter"]
    answer = engine.ask("Who called the letter poorly worded?")
    assert answer.corpus_version == first.corpus_version
    assert all(c.story == "iraq-coalition-letter" for c in answer.citations)

    # Whole write steps reached the store before the crash, invisible to readers.
    written = len(
        engine.reloading.store.piece_records.get(where={"gen_from": {"$gt": first.generation}}, include=[])[
            "ids"
        ]
    )
    assert ingest.WRITE_STEP_PIECES <= written < 700

    counting_embeddings.fail_after_calls = None
    before = counting_embeddings.embedded
    resumed = engine.ingest()
    assert resumed.stories_added == ("big",)
    # What was written before the crash is not embedded again.
    new_texts = {
        t
        for c in engine.reloading.ingestor.chunk(load_story(corpus_copy / "big.json"))
        for t in c.piece_texts()
    }
    assert counting_embeddings.embedded - before == len(new_texts) - written
    visible = engine.reloading.store.count_visible(resumed.generation)
    assert visible == resumed.chunks == _records(engine)


def test_records_are_versioned_and_the_pointer_flips_once(engine_factory, counting_embeddings, corpus_copy):
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy, gc_grace_seconds=3600)
    first = engine.ingest()
    story = corpus_copy / FIRST_STORY.name
    story.write_text(story.read_text(encoding="utf-8").replace("Fake news.", "Fake news!"), encoding="utf-8")
    second = engine.ingest()
    assert second.generation == first.generation + 1
    # With a long grace period the superseded record is still there, visible only to the old generation.
    metas = engine.reloading.store.chunks.get(include=["metadatas"])["metadatas"]
    old = [m for m in metas if m["gen_to"] != INF_GEN]
    assert len(old) == 1 and old[0]["gen_to"] == second.generation
    assert (
        engine.reloading.store.count_visible(first.generation)
        == engine.reloading.store.count_visible(second.generation)
        == 8
    )


def test_the_index_survives_a_new_process(engine_factory, counting_embeddings, corpus_copy, tmp_path):
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy)
    version = engine.ingest().corpus_version
    other = engine_factory(counting_embeddings, corpus_dir=corpus_copy)
    assert other.status().corpus_version == version
    shutil.rmtree(corpus_copy)
    assert other.ask("What did Trump threaten?").corpus_version == version
