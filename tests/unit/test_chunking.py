"""Chunk boundaries, metadata and content-hash ids."""

from __future__ import annotations

import json

from retrieval.chunking import chunk_story
from retrieval.corpus import load_story, parse_story_bytes
from tests.support.paths import FIRST_STORY


def test_first_story_chunks_and_locators():
    story = load_story(FIRST_STORY)
    chunks = chunk_story(story, chunk_size=1000)
    assert [(c.kind, c.where) for c in chunks] == [
        ("article", "headline, standfirst and paragraphs 1–3"),
        ("article", "paragraphs 4–7"),
        ("article", "paragraphs 8–9"),
        ("comment", "poster's note"),
        ("comment", "comment 1, part 1 of 2"),
        ("comment", "comment 1, part 2 of 2"),
        ("comment", "comment 2"),
        ("comment", "comment 3"),
    ]
    assert all(len(c.text) <= 1000 for c in chunks)


def test_article_and_comment_text_never_share_a_chunk():
    story = load_story(FIRST_STORY)
    comment_texts = [p.text for c in story.comments for p in c.paragraphs]
    article_texts = [p.text for p in story.paragraphs]
    for chunk in chunk_story(story, chunk_size=400):
        if chunk.kind == "article":
            assert not any(t in chunk.text for t in comment_texts)
        else:
            assert not any(t in chunk.text for t in article_texts)


def test_each_comment_is_chunked_on_its_own():
    story = load_story(FIRST_STORY)
    chunks = [c for c in chunk_story(story, chunk_size=1000) if c.section == "comment"]
    assert [c.comment for c in chunks] == [1, 1, 2, 3]
    assert chunks[-2].text == story.comments[1].text


def test_spans_point_into_the_source_file():
    source = FIRST_STORY.read_text(encoding="utf-8")
    story = load_story(FIRST_STORY)
    for chunk in chunk_story(story, chunk_size=1000):
        if chunk.section == "article" or chunk.comment in (2, 3) or chunk.section == "note":
            # Article paragraphs and one-line comments: the span is the chunk, character for character.
            assert source[chunk.start : chunk.end] == chunk.text
        else:
            # Multi-line comments are indented in the file; the span still covers exactly the text.
            assert " ".join(source[chunk.start : chunk.end].split()) == " ".join(chunk.text.split())


def test_long_paragraphs_are_cut_at_sentence_ends():
    # Each sentence differs in its words, not only its digits: sentences differing only in digits are
    # near-repeats, folded after the first few (see retrieval.corpus.limits).
    tag = "".join
    long = " ".join(
        f"Sentence {tag(chr(97 + int(d)) for d in str(i))} says something about the story." for i in range(40)
    )
    story = parse_story_bytes("long.json", json.dumps({"title": "T", "paragraphs": [long]}).encode())
    chunks = chunk_story(story, chunk_size=300)
    assert chunks[0].where == "headline"
    body = chunks[1:]
    assert len(body) > 3
    assert [c.where for c in body][:2] == ["paragraph 1 (part 1)", "paragraph 1 (part 2)"]
    assert all(c.text.endswith(".") and len(c.text) <= 300 for c in body)


def test_ids_are_content_hashes():
    story = load_story(FIRST_STORY)
    first = chunk_story(story)
    again = chunk_story(load_story(FIRST_STORY))
    assert [c.chunk_id for c in first] == [c.chunk_id for c in again]
    assert [c.record_id for c in first] == [c.record_id for c in again]
    assert len({c.chunk_id for c in first}) == len(first)

    edited = FIRST_STORY.read_text(encoding="utf-8").replace("Fake news.", "Fake news!")
    changed = chunk_story(parse_story_bytes(FIRST_STORY.name, edited.encode()))
    differing = [(a.where, b.where) for a, b in zip(first, changed) if a.chunk_id != b.chunk_id]
    assert differing == [("comment 3", "comment 3")]


def test_metadata_carries_story_kind_locator_and_span():
    story = load_story(FIRST_STORY)
    chunk = chunk_story(story)[-1]
    meta = chunk.metadata()
    assert meta["story"] == "iraq-coalition-letter"
    assert meta["kind"] == "comment"
    assert meta["where"] == "comment 3"
    assert meta["comment"] == 3
    assert (meta["start"], meta["end"]) == (chunk.start, chunk.end)
    assert None not in meta.values()


def test_threaded_comment_locators_name_author_and_parent():
    data = {
        "title": "T",
        "paragraphs": ["Body."],
        "comments": [
            {"id": "a", "author": "Ann", "text": "Top."},
            {"id": "b", "author": "Bob", "parent": "a", "text": "Reply."},
        ],
    }
    chunks = chunk_story(parse_story_bytes("t.json", json.dumps(data).encode()))
    assert [c.where for c in chunks if c.kind == "comment"] == [
        "comment 1 by Ann",
        "comment 2 by Bob, reply to comment 1",
    ]


def test_comment_votes_reach_the_passages_and_malformed_counts_are_ignored(tmp_path):
    story = {
        "title": "Ferry timetable changes",
        "paragraphs": ["The ferry will leave at seven from next week."],
        "comments": [
            {"text": "Seven is too early for commuters.", "votes": {"up": 56, "down": 27}},
            {"text": "Seven suits the night shift.", "votes": -3},
            {"text": "Nobody asked us.", "votes": {"up": "many"}},
            {"text": "Fine by me.", "votes": True},
        ],
    }
    path = tmp_path / "ferry.json"
    path.write_text(json.dumps(story))
    chunks = [c for c in chunk_story(load_story(path), chunk_size=700) if c.section == "comment"]
    assert [c.metadata().get("votes") for c in chunks] == [29, -3, None, None]


# An explainer of our own: question subheads, each answered by the paragraphs under it.
EXPLAINER = {
    "title": "What the new bus passes mean for riders",
    "paragraphs": [
        "The city council approved a new set of monthly bus passes on Tuesday after a long debate.",
        "Who qualifies?",
        "Every resident over the age of 16 may buy one of the passes at any library branch.",
        "How much will the passes cost?",
        "The standard pass will cost $40 a month, down from $65 under the old fare system.",
        "Students and pensioners will pay $20 a month for the same pass.",
        "When do they go on sale?",
        "The passes go on sale on the first Monday of March, the council said.",
    ],
}


def test_a_subhead_never_ends_a_chunk_apart_from_the_paragraphs_it_heads(tmp_path):
    path = tmp_path / "explainer.json"
    path.write_text(json.dumps(EXPLAINER))
    story = load_story(path)
    chunks = [c for c in chunk_story(story, chunk_size=200) if c.section == "article"]
    for chunk in chunks:
        # The last sentence of every chunk is body text, and each question travels with its answer.
        assert chunk.roles[-1] == "body", chunk.text
    holding = {q: next(c for c in chunks if q in c.text) for q in ("Who qualifies?", "How much will")}
    assert "Every resident over the age of 16" in holding["Who qualifies?"].text
    assert "$40 a month" in holding["How much will"].text
    assert all(story.paragraphs[c.paragraphs[0] - 1].text in c.text for c in chunks if c.paragraphs)
