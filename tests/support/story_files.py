"""Story files written into a test's corpus, and the first story edited in place."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path

from retrieval import StoryEngine, build_engine, load_settings
from tests.support.paths import FIRST_STORY


def _word(number: int) -> str:
    """A different word for each number: sentences that differ only in their digits are folded at ingest
    as near-repeats, and these must stay distinct."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not number:
            return "w" + letters


def write_story(directory: Path, story_id: str, sentences: int, code_word: str = "ALPHA") -> None:
    paragraphs = [f"The code word of {story_id} is {code_word}."] + [
        " ".join(
            f"In {story_id} paragraph {p} sentence {s} states fact {_word(p * 10 + s)}." for s in range(5)
        )
        for p in range(sentences // 5)
    ]
    comments = [{"author": "Zed", "text": f"A reader of {story_id} thinks the code word is wrong."}]
    (directory / f"{story_id}.json").write_text(
        json.dumps(
            {"id": story_id, "title": f"Story {story_id}", "paragraphs": paragraphs, "comments": comments}
        )
    )


def edit_first_story(corpus: Path) -> None:
    path = corpus / FIRST_STORY.name
    path.write_text(path.read_text(encoding="utf-8").replace("Fake news.", "Fake news!"), encoding="utf-8")


# A second story beside a test's own, so that answers have to choose.
LIBRARY_STORY = {
    "title": "Library to close on Sundays",
    "published": "2025-01-15",
    "paragraphs": ["The central library will close on Sundays from March to save money."],
    "comments": [],
}


def engine_on_stories(
    tmp_path_factory, embeddings, name: str, stories: dict[str, dict]
) -> Iterator[StoryEngine]:
    """For a module fixture: an engine on ``stories`` (file name -> story), indexed with ``embeddings``."""
    corpus = tmp_path_factory.mktemp(f"{name}-corpus")
    for file_name, story in stories.items():
        (corpus / file_name).write_text(json.dumps(story), encoding="utf-8")
    data = tmp_path_factory.mktemp(f"{name}-data")
    engine = build_engine(load_settings(data_dir=data, corpus_dir=corpus), embeddings=embeddings)
    engine.ingest()
    yield engine
    engine.close()


def engines_by_story(
    tmp_path_factory, embeddings, stories: Mapping[str, dict]
) -> Iterator[Callable[[str], StoryEngine]]:
    """For a module fixture: an engine on each of ``stories`` (name -> story) alone, since the words of other
    stories would move its sentences' support, built when a test first asks for it."""
    with ExitStack() as stack:
        built: dict[str, StoryEngine] = {}

        def engine(name: str) -> StoryEngine:
            if name not in built:
                files = {f"{name}.json": stories[name]}
                on = contextmanager(engine_on_stories)(tmp_path_factory, embeddings, name, files)
                built[name] = stack.enter_context(on)
            return built[name]

        yield engine


def lead(answer: str) -> str:
    """An answer's first line, up to its first citation marker: what a reader sees first."""
    return answer.splitlines()[0].split(" [", 1)[0]
