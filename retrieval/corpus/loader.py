"""Reading a corpus directory: every ``.txt`` and ``.json`` story in it, each parsed on its own.

A broken file never takes the rest of the corpus down with it: it becomes a :class:`StoryFileError`
in ``CorpusLoad.problems`` and the other stories load as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from retrieval.corpus.forum_txt import parse_forum_text
from retrieval.corpus.limits import DEFAULT_LIMITS, StoryLimits, check_story, fold_comments
from retrieval.corpus.model import Story
from retrieval.corpus.story_json import parse_story_json
from retrieval.errors import CorpusError, StoryFileError
from retrieval.text import digest

log = logging.getLogger(__name__)

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
    name: str,
    data: bytes,
    *,
    path: Path | None = None,
    max_bytes: int | None = None,
    limits: StoryLimits | None = None,
) -> Story:
    """Parse one story from its bytes; ``name`` (a file name) chooses the format and the default id.

    Every failure is a StoryFileError naming the file: a parser tripping over hostile input (a RecursionError,
    a ValueError) is reported like any other broken file, never as an unexpected failure of the whole run.
    """
    where = path or Path(name)
    limits = limits or DEFAULT_LIMITS
    max_bytes = limits.max_story_bytes if max_bytes is None else max_bytes
    try:
        return _parse(name, data, where, max_bytes, limits)
    except StoryFileError:
        raise
    except (RecursionError, MemoryError, ValueError, UnicodeError, TypeError) as exc:
        log.warning("story file %s could not be parsed", where, exc_info=True)
        raise StoryFileError(where, f"cannot be read as a story ({exc.__class__.__name__})") from exc


def _parse(name: str, data: bytes, where: Path, max_bytes: int, limits: StoryLimits) -> Story:
    if not is_story_file(name):
        raise StoryFileError(where, unsupported_type(name))
    if len(data) > max_bytes:
        raise StoryFileError(where, too_large(len(data), max_bytes))
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
        story = parse_story_json(text, where, stem, digest, limits)
    else:
        story = parse_forum_text(text, where, stem, digest)
        story = replace(story, comments=fold_comments(list(story.comments), limits.near_repeats))
    check_story(story, limits, where)
    return story


def too_large(size: int, limit: int) -> str:
    return f"file is {size:,} bytes; the limit is {limit:,}"


def story_files(corpus_dir: Path) -> list[Path]:
    """The story files of a folder (a directory named like a story, or a dangling link, is not one)."""
    return sorted(
        p
        for p in corpus_dir.iterdir()
        if p.is_file() and is_story_file(p.name) and not p.name.startswith(".")
    )


def _read_bounded(path: Path, max_bytes: int, follow_symlinks: bool) -> bytes:
    """The file's bytes, read only when its size is within the limit: a 1 GB file is refused by its size,
    not read first. The read is bounded too, in case the file grows between the two."""
    if path.is_symlink() and not follow_symlinks:
        corpus = path.parent.resolve()
        target = path.resolve()
        if not target.is_relative_to(corpus):
            raise StoryFileError(
                path,
                "a link to a file outside the corpus folder (set STORYBOT_FOLLOW_SYMLINKS=true to allow)",
            )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise StoryFileError(path, too_large(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise StoryFileError(path, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise StoryFileError(path, f"file grew past the limit of {max_bytes:,} bytes while it was read")
    return data


def load_story(
    path: Path,
    max_bytes: int | None = None,
    *,
    limits: StoryLimits | None = None,
    follow_symlinks: bool = False,
) -> Story:
    limits = limits or DEFAULT_LIMITS
    max_bytes = limits.max_story_bytes if max_bytes is None else max_bytes
    data = _read_bounded(path, max_bytes, follow_symlinks)
    return parse_story_bytes(path.name, data, path=path, max_bytes=max_bytes, limits=limits)


def _claim_order(path: Path, incumbents: Mapping[str, str], story_id: str) -> tuple[int, float, str]:
    """Which of several files claiming one story id keeps it: the file already serving it, else the oldest
    (by modification time), else the first by name. A newcomer cannot take a served story's id."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = float("inf")
    return (0 if incumbents.get(story_id) == path.name else 1, mtime, path.name)


def load_corpus(
    corpus_dir: Path,
    max_bytes: int | None = None,
    *,
    limits: StoryLimits | None = None,
    follow_symlinks: bool = False,
    incumbents: Mapping[str, str] | None = None,
) -> CorpusLoad:
    """Parse every story in ``corpus_dir``. Raises CorpusError only when the directory itself is unusable.

    ``incumbents`` maps a served story id to the file name serving it, so that a new file claiming that id
    is the one refused."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory not found: {corpus_dir}")
    limits = limits or DEFAULT_LIMITS
    if max_bytes is not None:
        limits = replace(limits, max_story_bytes=max_bytes)
    problems: list[StoryFileError] = []
    claims: dict[str, list[tuple[Path, Story]]] = {}
    for path in story_files(corpus_dir):
        try:
            story = load_story(path, limits=limits, follow_symlinks=follow_symlinks)
        except StoryFileError as exc:
            problems.append(exc)
            continue
        claims.setdefault(story.id, []).append((path, story))
    stories: list[Story] = []
    for story_id, claimants in claims.items():
        claimants.sort(key=lambda claim: _claim_order(claim[0], incumbents or {}, story_id))
        holder = claimants[0][0]
        stories.append(claimants[0][1])
        problems.extend(
            StoryFileError(path, f"story id '{story_id}' is already used by {holder.name}")
            for path, _ in claimants[1:]
        )
    stories.sort(key=lambda s: Path(s.source_path).name)
    problems.sort(key=lambda p: p.path.name)
    return CorpusLoad(tuple(stories), tuple(problems))
