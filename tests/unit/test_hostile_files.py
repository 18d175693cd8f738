"""Hostile and broken story files (issue 10, sections 2, 4 and 5): each is refused by name, or indexed at the
cost of a normal story, and the rest of the corpus is indexed as usual."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest

from retrieval.chunking import chunk_story
from retrieval.corpus import load_corpus, load_story, parse_story_bytes
from retrieval.corpus.limits import StoryLimits
from retrieval.errors import CorpusError, StoryFileError
from tests.support.paths import FIRST_STORY


def _json(data: object) -> bytes:
    return json.dumps(data, separators=(",", ":")).encode()


def _story(**extra: object) -> dict:
    return {"title": "A fair story", "paragraphs": ["The council met on Monday."], **extra}


def _corpus(tmp_path: Path, files: dict[str, bytes]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / FIRST_STORY.name).write_bytes(FIRST_STORY.read_bytes())
    for name, data in files.items():
        (corpus / name).write_bytes(data)
    return corpus


# -- section 4: parser failures are the file's, named -------------------------------------------------

DEEP = b'{"title": "Deep", "paragraphs": ["x"], "extra": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
HUGE_NUMBER = b'{"title": "Votes", "paragraphs": ["x"], "votes": ' + b"9" * 5_000 + b"}"
SURROGATE = b'{"title": "Broken \\ud800 title", "paragraphs": ["x"]}'


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("deep.json", DEEP, "nested more than 20 levels deep"),
        ("number.json", HUGE_NUMBER, "a number with 5,000 digits"),
        ("surrogate.json", SURROGATE, "/title holds a lone surrogate"),
    ],
)
def test_a_parser_failure_is_the_named_file_error(name, data, reason):
    with pytest.raises(StoryFileError, match=reason) as caught:
        parse_story_bytes(name, data)
    assert str(caught.value).startswith(f"{name}: ")


def test_a_pair_of_surrogates_is_an_emoji_and_fine():
    story = parse_story_bytes("emoji.json", b'{"title": "Fine \\ud83d\\ude00", "paragraphs": ["x"]}')
    assert story.title == "Fine \U0001f600"


def test_the_rest_of_the_corpus_is_indexed_beside_them(tmp_path, engine_factory, counting_embeddings):
    corpus = _corpus(tmp_path, {"deep.json": DEEP, "number.json": HUGE_NUMBER, "surrogate.json": SURROGATE})
    load = load_corpus(corpus)
    assert [s.id for s in load.stories] == ["iraq-coalition-letter"]
    assert sorted(p.path.name for p in load.problems) == ["deep.json", "number.json", "surrogate.json"]

    engine = engine_factory(counting_embeddings, corpus_dir=corpus)
    report = engine.ingest()
    assert report.stories == 1 and len(report.problems) == 3
    # Strict (what /reload runs): one error that names each file and why.
    with pytest.raises(CorpusError) as caught:
        engine.ingest(strict=True)
    message = str(caught.value)
    assert "deep.json: JSON nested" in message and "number.json: a number" in message
    assert "surrogate.json: /title holds a lone surrogate" in message


# -- section 2: size before reading, limits, folding ------------------------------------------------------


def test_an_oversized_file_is_refused_by_its_size_without_being_read(tmp_path):
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: 1 GB by its size, nothing on disk
        handle.truncate(1_000_000_000)
    tracemalloc.start()
    try:
        with pytest.raises(StoryFileError, match="file is 1,000,000,000 bytes; the limit is 10,000,000"):
            load_story(huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_story(title="T" * 100_000), "the title is 100,000 characters; the limit is 500"),
        (_story(id="i" * 1_000), "the story id is 1,000 characters"),
        (_story(comments=[{"author": "A" * 5_000, "text": "hi"}]), "comment 1's author is 5,000 characters"),
        (_story(comments=[{"text": "word " * 10_000}]), "comment 1: its text is 50,000 characters"),
        (_story(paragraphs=[f"p{i}" for i in range(10_001)]), "10,001 paragraphs; the limit is 10,000"),
        (_story(url="u" * 3_000), "'url' is 3,000 characters"),
    ],
)
def test_fields_and_lists_have_limits(data, reason):
    with pytest.raises(StoryFileError, match=reason):
        parse_story_bytes("big.json", _json(data))


def test_distinct_comments_and_sentences_have_limits():
    limits = StoryLimits(max_comments=50, max_sentences=100)
    many = _story(
        comments=[{"author": f"reader {chr(97 + i // 26)}{chr(97 + i % 26)}", "text": "x"} for i in range(60)]
    )
    with pytest.raises(StoryFileError, match="more than 50 different comments"):
        parse_story_bytes("many.json", _json(many), limits=limits)
    words = [f"{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(200)]
    prose = _story(paragraphs=[" ".join(f"Point {w} stands." for w in words)])
    with pytest.raises(StoryFileError, match="about 201 different sentences; the limit is 100"):
        parse_story_bytes("prose.json", _json(prose), limits=limits)


def test_a_flood_of_repeated_comments_is_folded_and_counted():
    flood = _story(comments=[{"text": f"{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}"} for i in range(140_000)])
    data = _json(flood)
    assert len(data) < StoryLimits().max_story_bytes  # under the size limit
    story = parse_story_bytes("flood.json", data)
    assert len(story.comments) == 26 * 26  # each distinct two-letter text once
    assert len(story.comments) + sum(c.repeats for c in story.comments) == 140_000
    assert len(chunk_story(story, chunk_size=1000)) == 1 + 26 * 26


def test_comments_differing_only_in_digits_are_near_repeats():
    spam = _story(comments=[{"author": f"user{i}", "text": f"Buy now {i}"} for i in range(1_000)])
    story = parse_story_bytes("spam.json", _json(spam))
    assert len(story.comments) == 5 and story.comments[0].repeats == 995


def test_one_comment_of_near_identical_sentences_gets_a_handful_of_vectors():
    text = " ".join(f"The letter was sent by mistake {i}." for i in range(500))
    story = parse_story_bytes("pasted.json", _json(_story(comments=[{"author": "Ann", "text": text}])))
    chunks = [c for c in chunk_story(story, chunk_size=1000) if c.section == "comment"]
    assert sum(len(c.pieces) for c in chunks) == 5  # the first five; the rest fold into them
    assert len(chunks) == 1  # the comment's later chunks held nothing new


def test_the_title_is_not_copied_into_every_chunk():
    data = _story(
        title="T" * 500, comments=[{"text": f"Comment {chr(97 + i % 26)}{i // 26}"} for i in range(100)]
    )
    story = parse_story_bytes("titled.json", _json(data))
    assert all("title" not in c.metadata() for c in chunk_story(story))


def test_the_forum_format_folds_and_limits_too():
    source = "Headline\n\nStandfirst line.\n\nThe body.\n\n" + "  • ok\n" * 5_000
    story = parse_story_bytes("forum.txt", source.encode())
    assert len(story.comments) == 1 and story.comments[0].repeats == 4_999
    with pytest.raises(StoryFileError, match="the title is 600 characters"):
        parse_story_bytes("long.txt", ("H" * 600 + "\n\nStandfirst.\n\nBody.\n").encode())


# -- section 5: ids and links --------------------------------------------------------------------


def test_a_newcomer_cannot_take_a_served_story_id(tmp_path, engine_factory, counting_embeddings):
    corpus = _corpus(tmp_path, {})
    engine = engine_factory(counting_embeddings, corpus_dir=corpus)
    engine.ingest()
    impostor = corpus / "aa.json"
    impostor.write_bytes(_json({"id": "iraq-coalition-letter", "title": "Fake", "paragraphs": ["Lies."]}))
    with pytest.raises(CorpusError) as caught:
        engine.ingest(strict=True)
    assert "aa.json: story id 'iraq-coalition-letter' is already used by iraq-coalition-letter.txt" in str(
        caught.value
    )
    # Plain ingest keeps serving the genuine story, even after the genuine file is edited (newer).
    genuine = corpus / FIRST_STORY.name
    os.utime(impostor, (1, 1))
    genuine.write_text(genuine.read_text() + "\n")
    report = engine.ingest()
    assert [str(p) for p in report.problems] == [
        "aa.json: story id 'iraq-coalition-letter' is already used by iraq-coalition-letter.txt"
    ]
    entry = engine.snapshots.current().manifest.story("iraq-coalition-letter")
    assert entry is not None and Path(entry.source_path).name == FIRST_STORY.name


def test_without_a_served_story_the_older_file_keeps_the_id(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name, stamp in (("aa.json", 2_000), ("zz.json", 1_000)):
        (corpus / name).write_bytes(_json({"id": "same", "title": name, "paragraphs": ["x"]}))
        os.utime(corpus / name, (stamp, stamp))
    load = load_corpus(corpus)
    assert [s.title for s in load.stories] == ["zz.json"]
    assert [str(p) for p in load.problems] == ["aa.json: story id 'same' is already used by zz.json"]


def test_links_out_of_the_corpus_are_not_followed(tmp_path):
    corpus = _corpus(tmp_path, {})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.txt").write_text("Private notes\n\nStandfirst.\n\nSecret body text.\n")
    (corpus / "leak.txt").symlink_to(elsewhere / "notes.txt")
    (corpus / "inside.txt").symlink_to(corpus / FIRST_STORY.name)  # a link inside: read
    load = load_corpus(corpus)
    assert [str(p) for p in load.problems if p.path.name == "leak.txt"] == [
        "leak.txt: a link to a file outside the corpus folder (set STORYBOT_FOLLOW_SYMLINKS=true to allow)"
    ]
    assert "leak" not in {s.id for s in load.stories}
    assert "leak" in {s.id for s in load_corpus(corpus, follow_symlinks=True).stories}
