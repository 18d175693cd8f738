"""A "now" question is answered from the newest story on it even when older stories on the same topic fill
the passages retrieval finds best: the newest story is looked for more widely (as a summary's story is), and
its own best passages join the search's (on stories of our own making, answered offline with the real
embedding model). The corpus is small, so one passage per search (``passages=1``) plays the part of six
among a hundred stories."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from retrieval import StoryEngine, Turn, build_engine, load_settings
from tests.support.story_files import lead

PEOPLE = [
    ("harbour", "nurse"),
    ("island", "cleaner"),
    ("village", "student"),
    ("council", "teacher"),
    ("church", "porter"),
    ("school", "baker"),
    ("market", "driver"),
    ("pier", "cook"),
    ("museum", "carer"),
    ("lighthouse", "farmer"),
    ("quay", "guard"),
    ("bridge", "clerk"),
    ("station", "painter"),
    ("chapel", "welder"),
    ("garage", "tailor"),
    ("bakery", "miner"),
]
# An older story that talks about ferry fares at length: its passages fill a search for ferry fares.
FERRY_2024 = {
    "title": "Riders ask for a fare freeze",
    "published": "2024-03-01",
    "paragraphs": [
        f"At the {place} meeting a {job} said the ferry fare of $9 was too high for riders, and asked the "
        "operator to freeze ferry fares this year."
        for place, job in PEOPLE
    ],
}
FERRY_2025 = {
    "title": "New ferry timetable",
    "published": "2025-03-01",
    "paragraphs": [
        "The island's ferry operator published its spring timetable on Monday, with crossings every hour.",
        "A ferry fare is now $14 for riders, up from $9, the operator said.",
        "The first boat leaves at 6 a.m. on weekdays.",
    ],
}


@pytest.fixture(scope="module")
def ferry_engine(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    corpus = tmp_path_factory.mktemp("ferry-corpus")
    for name, story in (("ferry-2024", FERRY_2024), ("ferry-2025", FERRY_2025)):
        (corpus / f"{name}.json").write_text(json.dumps(story), encoding="utf-8")
    settings = load_settings(data_dir=tmp_path_factory.mktemp("ferry-data"), corpus_dir=corpus, passages=1)
    engine = build_engine(settings, embeddings=local_embeddings)
    engine.ingest()
    yield engine
    engine.close()


def test_now_is_answered_from_the_newest_story_on_it(ferry_engine):
    answer = ferry_engine.ask("how much is a ferry fare now?")
    assert (
        lead(answer.answer) == "Article: A ferry fare is now $14 for riders, up from $9, the operator said."
    )
    assert answer.citations[0].story == "ferry-2025", answer.citations


def test_a_follow_up_about_now_searches_the_newest_story_with_the_thread(ferry_engine):
    # "and what is it now?" says what "it" is only through the question before it.
    answer = ferry_engine.ask("and what is it now?", history=[Turn("how much is a ferry fare?")])
    assert lead(answer.answer).startswith("Article: A ferry fare is now $14"), answer.answer
