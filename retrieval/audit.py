"""The audit trail of reloads: who, when, what changed, the result and how long it took.

Stored in ``<data_dir>/storybot.sqlite3`` (table ``reloads``), which the bot also uses for its own tables.
Every reload attempt is recorded, including refused and failed ones: an admin asking "what happened to
the corpus?" needs the failures most.
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

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


def database_path(data_dir: Path) -> Path:
    return data_dir / "storybot.sqlite3"


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
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        # A connection per call: cheap, and safe from the bot's worker threads.
        return sqlite3.connect(self.path, timeout=10)

    def record(self, entry: ReloadRecord) -> ReloadRecord:
        with closing(self._connect()) as db, db:
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
        return ReloadRecord(**{**entry.__dict__, "id": row_id})

    def recent(self, limit: int = 5) -> list[ReloadRecord]:
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT id, actor, started_at, duration_s, result, corpus_version, previous_version, changes,"
                " error, upload FROM reloads ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
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
