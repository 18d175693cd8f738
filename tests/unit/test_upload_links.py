"""An upload never writes through a link in the corpus folder (issue 10): not through a story file the
operator linked in, and not through anything left at the upload's staging name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval import StoryFileError


def _story(title: str) -> bytes:
    return json.dumps({"title": title, "paragraphs": [f"{title} opens on Monday."]}).encode()


def test_an_upload_named_as_a_linked_story_is_refused_and_the_link_and_its_file_stay(
    tmp_path: Path, corpus_copy: Path, engine_factory, counting_embeddings
) -> None:
    outside = tmp_path / "elsewhere" / "shared.json"
    outside.parent.mkdir()
    outside.write_bytes(_story("Shared story"))
    (corpus_copy / "shared.json").symlink_to(outside)
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy, follow_symlinks=True)
    engine.ingest()

    with pytest.raises(StoryFileError, match="link"):
        engine.add_story("shared.json", _story("Forged story"))

    assert (corpus_copy / "shared.json").is_symlink()
    assert outside.read_bytes() == _story("Shared story")
    assert "Forged story" not in [s.title for s in engine.status().stories]


def test_a_link_at_the_staging_name_is_replaced_not_written_through(
    tmp_path: Path, corpus_copy: Path, engine_factory, counting_embeddings
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (corpus_copy / ".ferry.json.upload").symlink_to(victim)
    engine = engine_factory(counting_embeddings, corpus_dir=corpus_copy)

    engine.add_story("ferry.json", _story("Ferry"))

    assert victim.read_text() == "keep me"
    saved = corpus_copy / "ferry.json"
    assert not saved.is_symlink() and saved.read_bytes() == _story("Ferry")
    assert not (corpus_copy / ".ferry.json.upload").exists()
