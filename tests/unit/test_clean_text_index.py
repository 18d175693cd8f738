"""Clean text at ingest, downstream: chunks carry sentence roles; answers and summaries skip non-body
sentences; ingest reports and flags a story with no article text, and reloads follow rule changes.

Every story here is made up for the test (tests/data/clean-text-story.json, video-only-story.json).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import chromadb
import numpy as np
import pytest
from langchain_core.documents import Document
from langchain_core.embeddings import DeterministicFakeEmbedding

from retrieval.answer.scoring import QuestionProfile, score_sentences
from retrieval.answer.summary import article_points
from retrieval.chunking import chunk_story, sentence_roles
from retrieval.corpus import load_corpus, load_story
from retrieval.index import ingest as ingest_module
from retrieval.index.ingest import Ingestor
from retrieval.index.manifest import Manifest, StoryEntry
from retrieval.index.passage import Passage
from retrieval.index.snapshot import Snapshot
from retrieval.index.store import ChromaStore

DATA = Path(__file__).resolve().parent.parent / "data"
STORY = DATA / "clean-text-story.json"
VIDEO_ONLY = DATA / "video-only-story.json"


# --- chunks carry the roles --------------------------------------------------------------------------


def test_chunk_sentences_carry_their_paragraph_roles():
    story = load_story(STORY)
    chunks = chunk_story(story, chunk_size=700)
    by_sentence = {text: role for c in chunks for text, role in zip(c.sentence_texts(), c.roles, strict=True)}
    assert by_sentence["Commuters crossed the bridge at dawn on Tuesday."] == "caption"
    assert by_sentence["Maria Okafor/Example Photo Agency"] == "caption"
    assert by_sentence["Why did the repairs take so long?"] == "subhead"
    assert by_sentence["RELATED: City council approves new ferry route"] == "boilerplate"
    body = (
        "The Harbour Bridge reopened to traffic at 6 a.m. ET on Tuesday after eight months of repairs, "
        "the city's transport office said."
    )
    assert by_sentence[body] == "body"  # whole: "6 a.m. ET" does not end it


def test_roles_round_trip_through_metadata_and_leave_body_chunks_alone():
    story = load_story(STORY)
    for chunk in chunk_story(story, chunk_size=120):  # small chunks: some hold body text only
        meta = chunk.metadata()
        assert sentence_roles(meta, len(chunk.sentences)) == list(chunk.roles)
        if all(r == "body" for r in chunk.roles):
            # Chunks without a marked sentence keep the metadata, and so the record id, they had before.
            assert "roles" not in meta
        else:
            assert replace(chunk, roles=("body",) * len(chunk.roles)).record_id != chunk.record_id
    # A chunk stored before roles existed reads as body throughout.
    assert sentence_roles({"sents": "[[0,3]]"}, 2) == ["body", "body"]


# --- answers and summaries ---------------------------------------------------------------------------


def _documents(story_path: Path) -> list[Document]:
    chunks = chunk_story(load_story(story_path), chunk_size=700)
    return [
        Document(
            page_content=c.text,
            metadata={
                **c.metadata(),
                "sentence_spans": c.sentences,
                "sentence_roles": list(c.roles) or ["body"] * len(c.sentences),
                "sentence_sims": [0.5] * len(c.sentences),
            },
        )
        for c in chunks
        if c.section == "article"
    ]


def test_a_caption_is_never_an_answer_candidate_even_when_it_matches_best():
    documents = _documents(STORY)
    # Every word of this question is in the caption; the body says it less literally.
    profile = QuestionProfile.build("When did commuters cross the bridge at dawn?", lambda _term: 1.0)
    scored = score_sentences(profile, documents)
    caption = next(s for s in scored if s.text.startswith("Commuters crossed"))
    assert caption.role == "caption" and caption.heading  # ``heading``: never an answer sentence
    assert max(scored, key=lambda s: s.overlap) is caption
    assert all(s.heading for s in scored if s.role != "body")
    assert any(not s.heading for s in scored)


def test_summary_points_come_from_body_sentences_only():
    story = load_story(STORY)
    chunks = chunk_story(story, chunk_size=700)
    entry = StoryEntry.from_story(story, chunks)
    manifest = Manifest(generation=1, corpus_version="v", built_at=0.0, fingerprint="f", stories=(entry,))
    passages = [
        Passage.from_record(c.record_id, c.text, c.metadata()) for c in chunks if c.section == "article"
    ]
    snapshot = Snapshot(manifest, passages)
    rng = np.random.default_rng(0)

    def vectors(ids):
        return {pid: rng.normal(size=8) for pid in ids}

    points = article_points(snapshot, story.id, vectors, k=10)
    texts = [s.text for p in points for s in p.sentences]
    assert texts  # the body has points to make
    roles = {
        c.text[a:b].strip(): role for c in chunks for (a, b), role in zip(c.sentences, c.roles, strict=True)
    }
    assert {roles[t] for t in texts} == {"body"}


# --- ingest: the report, the manifest, and reloads ---------------------------------------------------


@pytest.fixture
def ingestor(tmp_path: Path) -> Ingestor:
    embeddings = DeterministicFakeEmbedding(size=16)
    store = ChromaStore(chromadb.PersistentClient(path=str(tmp_path / "chroma")), "clean", embeddings)
    return Ingestor(store, embeddings, chunk_size=700, chunk_overlap=0)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(STORY, folder)
    shutil.copy(VIDEO_ONLY, folder)
    return folder


def test_ingest_reports_a_story_with_no_article_text(ingestor, corpus):
    report = ingestor.run(load_corpus(corpus))
    assert report.without_article_text == ("video-only-page",)
    assert "no article text in: video-only-page" in report.summary_line()
    assert not report.problems  # it is indexed: a warning, not a broken file
    assert report.to_dict()["without_article_text"] == ("video-only-page",)
    manifest = ingestor.store.active()
    assert manifest is not None
    assert manifest.story("video-only-page").has_article_text is False
    assert manifest.story("harbour-bridge-reopens").has_article_text is True
    # The flag survives the manifest's round trip, and a reload that changes nothing still reports it.
    assert Manifest.from_json(manifest.to_json()).story("video-only-page").has_article_text is False
    again = ingestor.run(load_corpus(corpus))
    assert not again.changed and again.without_article_text == ("video-only-page",)


def test_a_manifest_written_before_the_flag_reads_as_having_text():
    data = {
        "generation": 1,
        "corpus_version": "v",
        "built_at": 0.0,
        "fingerprint": "chunks:700/0",
        "stories": [
            {
                "id": "s",
                "title": "t",
                "source_path": "s.json",
                "file_hash": "h",
                "format": "json",
                "paragraphs": 1,
                "comments": 0,
                "chunks": 1,
            }
        ],
    }
    assert Manifest.from_json(json.dumps(data)).story("s").has_article_text is True


def test_new_rules_re_chunk_every_story_without_embedding_again(ingestor, corpus, monkeypatch):
    monkeypatch.setattr(ingest_module, "RULES_VERSION", 0)  # an index built under older rules
    first = ingestor.run(load_corpus(corpus))
    monkeypatch.undo()
    again = ingestor.run(load_corpus(corpus))
    assert set(again.stories_changed) == {"harbour-bridge-reopens", "video-only-page"}
    assert again.pieces_embedded == 0  # every vector is reused by its text hash
    assert again.chunks == first.chunks
