"""The stories' proper names, which a lowercase question still names: capitalised words the stories never
write in lowercase, except in a headline made from a web address ("Mack rutherford youngest fly")."""

from __future__ import annotations

from retrieval.index.manifest import Manifest, StoryEntry
from retrieval.index.passage import Passage
from retrieval.index.snapshot import Snapshot


def _story(story: str, title: str, text: str) -> tuple[StoryEntry, Passage]:
    entry = StoryEntry(story, title, f"{story}.json", "h", "json", 1, 0, 1, published="2025-01-01")
    meta = {"story": story, "kind": "article", "section": "article", "ordinal": 0, "title": title}
    return entry, Passage(f"{story}.0", text, meta, ((0, len(text)),), ())


def test_a_name_in_a_slug_headline_is_still_a_name():
    slug = _story(
        "pilot", "Mack rutherford youngest fly", "Mack rutherford youngest fly\n\nMack Rutherford landed."
    )
    letter = _story("letter", "The Letter", "The Letter\n\nThe general's letter was real, Mr. Dickson said.")
    snapshot = Snapshot(Manifest(1, "v", 0.0, "f", (slug[0], letter[0])), [slug[1], letter[1]])
    assert {"Mack", "Rutherford", "Dickson"} <= snapshot.names
    # A word the stories also write in lowercase is no name, however its headline writes it.
    assert "Letter" not in snapshot.names
