"""The core's own errors. Each carries a message fit to show a user as it is."""

from __future__ import annotations

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


class IndexEmptyError(IndexUnavailableError):
    """Nothing has been indexed yet."""


class ReloadInProgressError(StorybotError):
    """Another reload holds the lock."""


class UnknownStoryError(StorybotError):
    """A story id that the index does not hold."""
