"""Reading a corpus directory: every ``.txt`` and ``.json`` story in it, each parsed on its own.

A broken file never takes the rest of the corpus down with it: it becomes a :class:`StoryFileError`
in ``CorpusLoad.problems`` and the other stories load as usual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from retrieval.corpus.forum_txt import parse_forum_text
from retrieval.corpus.model import Story
from retrieval.corpus.story_json import parse_story_json
from retrieval.errors import CorpusError, StoryFileError
from retrieval.text import digest

STORY_SUFFIXES = (".txt", ".json")


def is_story_file(name: str) -> bool:
    """The story-file rule: a ``.txt`` forum export or a ``.json`` story."""
    return Path(name).suffix.lower() in STORY_SUFFIXES


def unsupported_type(name: str) -> str:
    """Why a file that breaks the story-file rule is refused."""
    return f"unsupported file type '{Path(name).suffix.lower() or name}': use .txt or .json"


@dataclass(frozen=True)
class CorpusLoad:
    stories: tuple[Story, ...]
    problems: tuple[StoryFileError, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def file_hash(data: bytes) -> str:
    return digest(data)


def parse_story_bytes(
    name: str, data: bytes, *, path: Path | None = None, max_bytes: int | None = None
) -> Story:
    """Parse one story from its bytes; ``name`` (a file name) chooses the format and the default id."""
    where = path or Path(name)
    if not is_story_file(name):
        raise StoryFileError(where, unsupported_type(name))
    if max_bytes is not None and len(data) > max_bytes:
        raise StoryFileError(where, f"file is {len(data):,} bytes; the limit is {max_bytes:,}")
    if not data.strip():
        raise StoryFileError(where, "file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StoryFileError(where, f"not UTF-8 text (byte {exc.start})") from exc
    if "\x00" in text:
        raise StoryFileError(where, "binary data, not a text story")
    digest = file_hash(data)
    stem = Path(name).stem
    if Path(name).suffix.lower() == ".json":
        return parse_story_json(text, where, stem, digest)
    return parse_forum_text(text, where, stem, digest)


def story_files(corpus_dir: Path) -> list[Path]:
    return sorted(
        p
        for p in corpus_dir.iterdir()
        if p.is_file() and is_story_file(p.name) and not p.name.startswith(".")
    )


def load_story(path: Path, max_bytes: int | None = None) -> Story:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoryFileError(path, f"cannot read: {exc.strerror or exc}") from exc
    return parse_story_bytes(path.name, data, path=path, max_bytes=max_bytes)


def load_corpus(corpus_dir: Path, max_bytes: int | None = None) -> CorpusLoad:
    """Parse every story in ``corpus_dir``. Raises CorpusError only when the directory itself is unusable."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory not found: {corpus_dir}")
    stories: list[Story] = []
    problems: list[StoryFileError] = []
    seen: dict[str, Path] = {}
    for path in story_files(corpus_dir):
        try:
            story = load_story(path, max_bytes)
        except StoryFileError as exc:
            problems.append(exc)
            continue
        if story.id in seen:
            problems.append(
                StoryFileError(path, f"story id '{story.id}' is already used by {seen[story.id].name}")
            )
            continue
        seen[story.id] = path
        stories.append(story)
    return CorpusLoad(tuple(stories), tuple(problems))
