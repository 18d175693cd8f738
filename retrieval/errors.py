"""The core's own errors. Each carries a message fit to show a user as it is."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StorybotError(Exception):
    """Base class: something the user can act on, with a one-line explanation."""


class ConfigError(StorybotError):
    """Settings are missing or invalid."""


class StoryFileError(StorybotError):
    """A story file cannot be used. Nothing of it is indexed."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class CorpusError(StorybotError):
    """The corpus as a whole cannot be indexed: no directory, no stories, or broken files in strict mode."""

    def __init__(self, message: str, problems: tuple[StoryFileError, ...] = ()) -> None:
        self.problems = problems
        super().__init__(message)


class QuestionError(StorybotError):
    """The question cannot be asked as it stands (empty, too long)."""


class IndexUnavailableError(StorybotError):
    """The vector store cannot be reached or holds no index yet."""


class IndexSchemaError(StorybotError):
    """The index was written in a layout this version cannot read (by a newer storybot)."""


def is_store_failure(exc: BaseException) -> bool:
    """An error of the vector store itself (the Chroma client, its HTTP transport, the network), not of our
    code."""
    module = type(exc).__module__
    return module.startswith(("chromadb", "httpx", "httpcore")) or isinstance(
        exc, (ConnectionError, TimeoutError)
    )


@contextmanager
def store_errors(doing: str = "searched") -> Iterator[None]:
    """A failure of the vector store reaches callers as IndexUnavailableError ("the index cannot be
    DOING right now: what it said"), the same message whether a question or a reload met it."""
    try:
        yield
    except StorybotError:
        raise
    except Exception as exc:
        if is_store_failure(exc):
            raise IndexUnavailableError(f"the index cannot be {doing} right now: {exc}") from exc
        raise


class IndexEmptyError(IndexUnavailableError):
    """Nothing has been indexed yet."""


class ReloadInProgressError(StorybotError):
    """Another reload holds the lock."""


class UnknownStoryError(StorybotError):
    """A story id that the index does not hold."""
