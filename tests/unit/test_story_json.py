"""The story JSON format, and how broken story files are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.corpus import load_corpus, parse_story_bytes
from retrieval.errors import CorpusError, StoryFileError
from tests.support.paths import FIRST_STORY, shared_path


def _json(data) -> bytes:
    return json.dumps(data).encode()


def test_paragraphs_comments_and_threads():
    story = parse_story_bytes(
        "my-story.json",
        _json(
            {
                "title": " A title ",
                "paragraphs": ["First.", "  ", "Second paragraph."],
                "comments": [
                    {
                        "id": "a",
                        "author": "Ann",
                        "text": "Top level.",
                        "posted": "2016-01-01",
                        "votes": {"up": 3},
                    },
                    {"id": "b", "author": "Bob", "parent": "a", "text": "A reply.\n\nWith two paragraphs."},
                ],
                "unknown_field": 42,
            }
        ),
    )
    assert story.id == "my-story"  # defaults to the file name
    assert story.title == "A title"
    assert [p.text for p in story.paragraphs] == ["First.", "Second paragraph."]
    assert [p.field for p in story.paragraphs] == ["/paragraphs/0", "/paragraphs/2"]
    first, reply = story.comments
    assert (first.number, first.author, first.parent) == (1, "Ann", None)
    assert (reply.number, reply.author, reply.parent) == (2, "Bob", "a")
    assert [p.text for p in reply.paragraphs] == ["A reply.", "With two paragraphs."]
    assert story.comment_numbers_by_id == {"a": 1, "b": 2}


def test_text_instead_of_paragraphs_and_explicit_id():
    story = parse_story_bytes("x.json", _json({"id": "custom", "title": "T", "text": "One.\n\n\nTwo.\n"}))
    assert story.id == "custom"
    text = "One.\n\n\nTwo.\n"
    assert [(p.text, text[p.start : p.end]) for p in story.paragraphs] == [("One.", "One."), ("Two.", "Two.")]


def test_shared_globe_story_keeps_its_threads():
    story = parse_story_bytes(
        "g.json", shared_path("data", "globe-comments", "globe-28494689.json").read_bytes()
    )
    assert story.id == "globe-28494689"
    # 16 repeat an earlier comment of the same reader ("This comment has been deleted"): folded, counted.
    assert len(story.comments) == 410
    assert len(story.comments) + sum(c.repeats for c in story.comments) == 426
    replies = [c for c in story.comments if c.parent]
    assert replies and all(c.parent in story.comment_numbers_by_id for c in replies)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bad.json", b'{"title": "x", "paragraphs": [', "invalid JSON at line 1"),
        ("list.json", b"[1, 2]", "expected a JSON object"),
        ("notitle.json", _json({"paragraphs": ["a"]}), "missing 'title'"),
        ("notext.json", _json({"title": "t"}), "missing article text"),
        ("empty-paragraphs.json", _json({"title": "t", "paragraphs": ["", " "]}), "no paragraphs"),
        ("wrong-type.json", _json({"title": "t", "paragraphs": "not a list"}), "must be a list of strings"),
        (
            "bad-comment.json",
            _json({"title": "t", "paragraphs": ["a"], "comments": [{"author": "x"}]}),
            "comment 1: missing 'text'",
        ),
        ("binary.txt", b"\xff\xfe\x00\x01", "not UTF-8"),
        ("empty.txt", b"   \n", "file is empty"),
        ("story.pdf", b"%PDF", "unsupported file type"),
    ],
)
def test_broken_files_get_a_clear_error_naming_the_file(name, data, reason):
    with pytest.raises(StoryFileError) as caught:
        parse_story_bytes(name, data)
    assert reason in str(caught.value)
    assert str(caught.value).startswith(f"{name}: ")


def test_size_limit():
    with pytest.raises(StoryFileError, match="limit is 10"):
        parse_story_bytes("big.txt", b"Headline\n\nBody text here.\n", max_bytes=10)


def test_a_broken_file_does_not_stop_the_rest(tmp_path: Path):
    (tmp_path / "good.txt").write_bytes(FIRST_STORY.read_bytes())
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "notes.md").write_text("ignored: not a story format")
    load = load_corpus(tmp_path)
    assert [s.id for s in load.stories] == ["good"]
    assert [p.path.name for p in load.problems] == ["broken.json"]
    assert not load.ok


def test_duplicate_story_ids_are_refused(tmp_path: Path):
    (tmp_path / "a.json").write_text(json.dumps({"id": "same", "title": "A", "paragraphs": ["x"]}))
    (tmp_path / "b.json").write_text(json.dumps({"id": "same", "title": "B", "paragraphs": ["y"]}))
    load = load_corpus(tmp_path)
    assert [s.title for s in load.stories] == ["A"]
    assert "already used by a.json" in str(load.problems[0])


def test_missing_corpus_directory(tmp_path: Path):
    with pytest.raises(CorpusError, match="corpus directory not found"):
        load_corpus(tmp_path / "nope")


def test_a_title_cut_mid_word_from_the_lede_is_shown_to_its_last_whole_word():
    lede = "As cases continue to rise, the agency plans to reassess whether the outbreak is an emergency."
    story = parse_story_bytes("cut.json", _json({"title": lede[:60], "paragraphs": [lede, "More."]}))
    assert lede[:60].endswith("reassess whet")
    assert story.title == "As cases continue to rise, the agency plans to reassess…"
    # A title that is the lede's first words, whole, or another text altogether, is shown as it is.
    story = parse_story_bytes(
        "whole.json", _json({"title": "As cases continue to rise", "paragraphs": [lede]})
    )
    assert story.title == "As cases continue to rise"
