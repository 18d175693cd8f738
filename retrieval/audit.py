"""The audit trail of reloads: who, when, what changed, the result and how long it took.

Stored in ``<data_dir>/storybot.sqlite3`` (table ``reloads``), which the bot also uses for its own tables.
Every reload attempt is recorded, including refused and failed ones: an admin asking "what happened to
the corpus?" needs the failures most.

Questions never touch this file, and nothing here raises at start-up: a corrupted, locked or read-only
database costs the reload history, not the answers. Its failure is logged once (with the traceback) and kept
in ``problem`` for ``status``; a reload checks first that it can be recorded and is refused (nothing
changed) if not.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from retrieval.datadir import DatabaseProblems, NewerDatabaseError
from retrieval.errors import StorybotError

log = logging.getLogger(__name__)

Result = Literal["ok", "unchanged", "failed", "refused"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS reloads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    actor TEXT NOT NULL,
    started_at REAL NOT NULL,
    duration_s REAL NOT NULL,
    result TEXT NOT NULL,
    corpus_version TEXT,
    previous_version TEXT,
    changes TEXT NOT NULL DEFAULT '{}',
    error TEXT,
    upload TEXT
)
"""


# Reading for ``status`` must not hang a /status reply behind another process's long write.
READ_TIMEOUT_SECONDS = 0.25
# A reload is not on the answer path: it may wait out a vote or another shard's audit write.
WRITE_TIMEOUT_SECONDS = 5.0


# The layout of storybot.sqlite3 (its PRAGMA user_version): 0, files from before it was numbered, hold
# the same tables (created if missing: that is the whole migration); a newer number is refused, not misread.
DATABASE_SCHEMA = 1


def _check_version(db: sqlite3.Connection) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > DATABASE_SCHEMA:
        raise NewerDatabaseError(f"layout {version}; this one reads up to {DATABASE_SCHEMA}")


def database_path(data_dir: Path) -> Path:
    return data_dir / "storybot.sqlite3"


class AuditUnavailableError(StorybotError):
    """The audit database cannot be written (its message names the file and the fix)."""


@dataclass(frozen=True)
class ReloadRecord:
    actor: str
    started_at: float
    duration_s: float
    result: Result
    corpus_version: str | None = None
    previous_version: str | None = None
    changes: dict = field(default_factory=dict)
    error: str | None = None
    upload: str | None = None
    id: int | None = None

    def describe(self) -> str:
        """One line for people: '2026-11-24 03:40 UTC by admin: ok, 2 stories changed (1.2s)'."""
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(self.started_at))
        parts = [f"{when} by {self.actor}: {self.result}"]
        if self.upload:
            parts.append(f"upload {self.upload}")
        c = self.changes
        labels = (("stories_added", "added"), ("stories_changed", "changed"), ("stories_removed", "removed"))
        for key, label in labels:
            if c.get(key):
                parts.append(f"{label} {', '.join(c[key])}")
        if c.get("embedded") is not None and self.result == "ok":
            parts.append(f"{c['embedded']} chunks embedded, {c.get('removed', 0)} removed")
        if self.error:
            parts.append(self.error)
        return "; ".join(parts) + f" ({self.duration_s:.1f}s)"

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "actor": self.actor,
            "started_at": self.started_at,
            "duration_s": round(self.duration_s, 3),
            "result": self.result,
            "corpus_version": self.corpus_version,
            "previous_version": self.previous_version,
            "changes": self.changes,
            "error": self.error,
            "upload": self.upload,
        }


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._schema_ready = False
        self._problems = DatabaseProblems(path, log, "audit trail")

    @property
    def problem(self) -> str | None:
        """What is wrong with the database, as last seen; None once a write has worked."""
        return self._problems.current

    def _connect(self, timeout: float) -> sqlite3.Connection:
        # A connection per call: cheap, and safe from the bot's worker threads.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=timeout)
        if not self._schema_ready:
            try:
                with db:
                    _check_version(db)
                    db.execute("PRAGMA journal_mode=WAL")
                    db.execute(SCHEMA)
                    db.execute(f"PRAGMA user_version = {DATABASE_SCHEMA}")
            except BaseException:
                db.close()
                raise
            self._schema_ready = True
        return db

    def _failed(self, exc: BaseException) -> AuditUnavailableError:
        """Keep and log (once per problem, not per call) why the database failed; the error to raise."""
        return AuditUnavailableError(self._problems.failed(exc))

    def _worked(self) -> None:
        self._problems.worked()

    def check(self, timeout: float | None = None) -> None:
        """Raise AuditUnavailableError unless a record could be written now (a write, rolled back); waits
        for another writer up to ``timeout`` (WRITE_TIMEOUT_SECONDS, as a reload's own write would)."""
        try:
            with closing(self._connect(WRITE_TIMEOUT_SECONDS if timeout is None else timeout)) as db:
                db.isolation_level = None
                db.execute("BEGIN IMMEDIATE")
                try:
                    # BEGIN IMMEDIATE alone succeeds on a read-only file: only a real write tells.
                    db.execute(
                        "INSERT INTO reloads (actor, started_at, duration_s, result)"
                        " VALUES ('check', 0, 0, 'ok')"
                    )
                finally:
                    db.execute("ROLLBACK")
        except (sqlite3.Error, OSError) as exc:
            raise self._failed(exc) from exc
        self._worked()

    def health(self, timeout: float = READ_TIMEOUT_SECONDS) -> str | None:
        """None if reloads can be recorded now, else what is wrong and the fix (for status)."""
        try:
            self.check(timeout)
        except AuditUnavailableError as exc:
            return str(exc)
        return None

    def record(self, entry: ReloadRecord) -> ReloadRecord:
        """Write ``entry``; AuditUnavailableError (logged once) if the database cannot take it."""
        try:
            with closing(self._connect(WRITE_TIMEOUT_SECONDS)) as db, db:
                cursor = db.execute(
                    "INSERT INTO reloads (actor, started_at, duration_s, result, corpus_version,"
                    " previous_version, changes, error, upload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        entry.actor,
                        entry.started_at,
                        entry.duration_s,
                        entry.result,
                        entry.corpus_version,
                        entry.previous_version,
                        json.dumps(entry.changes),
                        entry.error,
                        entry.upload,
                    ),
                )
                row_id = cursor.lastrowid
        except (sqlite3.Error, OSError) as exc:
            raise self._failed(exc) from exc
        self._worked()
        return ReloadRecord(**{**entry.__dict__, "id": row_id})

    def recent(self, limit: int = 5) -> list[ReloadRecord]:
        """The latest records, newest first; none when the database cannot be read (``problem`` says why)."""
        try:
            with closing(self._connect(READ_TIMEOUT_SECONDS)) as db:
                rows = db.execute(
                    "SELECT id, actor, started_at, duration_s, result, corpus_version, previous_version,"
                    " changes, error, upload FROM reloads ORDER BY id DESC LIMIT ?",
                    (limit,),
                ).fetchall()
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)
            return []
        return [
            ReloadRecord(
                id=r[0],
                actor=r[1],
                started_at=r[2],
                duration_s=r[3],
                result=r[4],
                corpus_version=r[5],
                previous_version=r[6],
                changes=json.loads(r[7] or "{}"),
                error=r[8],
                upload=r[9],
            )
            for r in rows
        ]
