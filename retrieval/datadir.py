"""Errors of the data directory's files, said so that an operator can fix them: each message names the file
and what to do. The audit trail (retrieval/audit.py) and the bot's feedback store share these messages."""

from __future__ import annotations

import errno
import logging
import sqlite3
import threading
from pathlib import Path

DOCKER_UID = 10001  # the Dockerfile's storybot user


def is_read_only_error(exc: BaseException) -> bool:
    """A write refused because the file or its directory may not be written (SQLite's or the OS's word)."""
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return True
    text = str(exc).lower()
    return "readonly database" in text or "read-only file system" in text


def read_only_message(data_dir: Path) -> str:
    return (
        f"{data_dir}/ is read-only: make it writable by uid {DOCKER_UID} (Docker) "
        "or run with STORYBOT_DATA_DIR=<a writable directory>"
    )


class NewerDatabaseError(sqlite3.DatabaseError):
    """The SQLite file was written by a newer storybot (its ``user_version`` is above ours)."""


def describe_database_error(path: Path, exc: BaseException) -> str:
    """One line for a failure of the SQLite file ``path``: what is wrong and the fix."""
    if isinstance(exc, NewerDatabaseError):
        return f"{path} was written by a newer storybot ({exc}): upgrade storybot, or move the file aside"
    text = str(exc).lower()
    if is_read_only_error(exc) or (
        isinstance(exc, sqlite3.OperationalError) and "unable to open database file" in text
    ):
        # SQLite cannot open (or create) a file it may not write beside: a read-only directory.
        return read_only_message(path.parent)
    if "locked" in text or "busy" in text:
        return (
            f"{path} is locked by another process (a long transaction, a backup?): "
            "let it finish or stop that process"
        )
    if isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    ):
        return (
            f"{path} is not a SQLite database (corrupted?): move it aside and restart; "
            "reload history and votes start afresh"
        )
    return f"{path} cannot be used ({exc.__class__.__name__}: {exc})"


class DatabaseProblems:
    """What is wrong with one SQLite file, as last seen: each new problem is logged once (with its
    traceback), not on every call, and its recovery once. Shared by the audit trail and the feedback store,
    which serve on when their file fails."""

    def __init__(self, path: Path, logger: logging.Logger, what: str) -> None:
        self.path = path
        self._log = logger
        self._what = what  # "audit trail", "feedback store": how the log names the file's role
        self._current: str | None = None
        self._lock = threading.Lock()

    @property
    def current(self) -> str | None:
        return self._current

    def failed(self, exc: BaseException, consequence: str = "") -> str:
        """Remember (and log, if new) why the file failed; the one-line message, with the fix."""
        message = describe_database_error(self.path, exc)
        with self._lock:
            new, self._current = message != self._current, message
        if new:
            self._log.warning("%s unavailable%s: %s", self._what, consequence, message, exc_info=exc)
        return message

    def worked(self) -> None:
        with self._lock:
            was, self._current = self._current, None
        if was is not None:
            self._log.info("%s %s is usable again", self._what, self.path)
