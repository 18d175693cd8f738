"""Errors of the data directory's files, said so that an operator can fix them: each message names the file
and what to do. The audit trail (retrieval/audit.py) and the bot's feedback store share these messages."""

from __future__ import annotations

import errno
import sqlite3
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
