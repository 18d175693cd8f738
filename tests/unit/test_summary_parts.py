"""The parts of summaries that need no index: which story a summary takes when none is named, and which
sentence states a readers' position. (Summaries built through the engine are in test_summaries.py.)"""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.answer.positions import statement
from retrieval.answer.summary import SentenceRef
from retrieval.index.manifest import Manifest, StoryEntry
from retrieval.index.passage import Passage
from retrieval.index.snapshot import Snapshot
from retrieval.summarising import resolve_story


def _entry(story: str, published: str | None, has_text: bool = True) -> StoryEntry:
    return StoryEntry(
        story, story, f"{story}.json", "h", "json", 1, 0, 1, published=published, has_article_text=has_text
    )


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([("a", "2030-01-02"), ("b", "2031-06-01T09:00:00+00:00"), ("c", None)], "b"),
        ([("a", None), ("b", "2019-03-01")], "b"),  # a story without a date counts as the oldest
        ([("a", "2022-08-08"), ("b", "2022-08-08")], "a"),  # equally new: the first listed
        ([("only", None)], "only"),
    ],
)
def test_resolve_story_takes_the_newest(entries, expected):
    manifest = Manifest(1, "v", 0.0, "f", tuple(_entry(s, p) for s, p in entries))
    assert resolve_story(Snapshot(manifest, []), None) == expected


def test_resolve_story_skips_a_page_with_no_article_text_when_it_can():
    entries = (_entry("video", "2032-01-01", has_text=False), _entry("news", "2031-01-01"))
    assert resolve_story(Snapshot(Manifest(1, "v", 0.0, "f", entries), []), None) == "news"


def _sentence(text: str, vector: list[float], votes: int = 0) -> SentenceRef:
    passage = Passage("r", text, {"story": "s", "kind": "comment", "votes": votes}, ((0, len(text)),), ())
    v = np.asarray(vector, dtype=np.float32)
    return SentenceRef(passage, 0, text, v / np.linalg.norm(v))


def test_a_position_is_stated_by_its_most_central_short_sentence_and_votes_break_ties():
    centre = np.asarray([1.0, 0.0], dtype=np.float32)
    central_but_long = _sentence(" ".join(["word"] * 30) + ".", [1.0, 0.0])
    near = _sentence("Bike lanes keep my children safe on the way to school.", [0.95, 0.31])
    tied = _sentence("Protected lanes finally make riding with children feel safe.", [0.95, 0.32], votes=9)
    far = _sentence("The weather was nice on the day the lanes opened to riders.", [0.2, 0.98], votes=50)
    assert statement([central_but_long, near, far], centre) is near
    assert statement([central_but_long, near, tied, far], centre) is tied


def test_the_thesis_stands_on_its_own_rather_than_lean_on_the_sentence_before():
    """A "tl;dr" leads with the thesis: a sentence opening "But he ..." reads wrong alone, so a standalone
    sentence nearly as central to the piece states it instead."""
    texts = [
        "Ferry fares will double next spring under the council's new budget plan.",
        "But he says the rise is the only way to keep the night crossings running all year.",
        "Islanders who commute daily say they will struggle to pay the higher fares.",
        "The harbour cafe has a new owner who plans to open earlier in the mornings.",
    ]
    # The "But he ..." sentence is the most central; the opening one is close behind.
    vectors = {0: [0.95, 0.31, 0.0], 1: [1.0, 0.0, 0.05], 2: [0.7, -0.5, 0.3], 3: [0.3, 0.2, 0.9]}
    digest = _digest(texts, vectors, 3)
    assert digest.thesis is not None and digest.thesis.text == texts[0]


def test_a_point_that_leans_on_an_earlier_time_gives_way_to_one_that_stands_alone():
    """A point opening "Twenty years later, I ..." reads wrong on its own, as one opening "He ..." does."""
    texts = [
        "Ferry fares will double next spring under the council's new budget plan.",
        "Twenty years later, I rode the night crossing again to see the old ferry limp across.",
        "Islanders who commute daily say they will struggle to pay the higher fares.",
        "The harbour cafe has a new owner who plans to open earlier in the mornings.",
    ]
    # The "Twenty years later" sentence is more central than the islanders' one.
    vectors = {0: [1.0, 0.0, 0.0], 1: [0.9, 0.3, 0.1], 2: [0.75, -0.45, 0.3], 3: [0.2, 0.2, 0.95]}
    digest = _digest(texts, vectors, 2)
    assert [p.text for p in digest.points] == [texts[0], texts[2]]


def _digest(texts: list[str], vectors: dict[int, list[float]], k: int):
    """The digest of an article of ``texts`` (one passage) whose sentences have ``vectors``."""
    from retrieval.answer.summary import digest_article

    text = " ".join(texts)
    spans, start = [], 0
    for t in texts:
        spans.append((start, start + len(t)))
        start += len(t) + 1
    pieces = tuple((a, b, i) for i, (a, b) in enumerate(spans))
    meta = {"story": "ferry", "kind": "article", "section": "article"}
    passage = Passage("r", text, meta, tuple(spans), pieces)

    def fetch(ids):
        return {pid: np.asarray(vectors[int(pid.rsplit(".", 1)[1])], dtype=np.float32) for pid in ids}

    return digest_article([passage], fetch, k)
