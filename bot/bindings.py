"""Channels bound to a story (``/bind``): a question asked there, and ``/summary`` run there, are about that
story without naming it. Kept in ``<data_dir>/storybot.sqlite3`` (table ``channel_bindings``) and held in
memory, so answering never waits on the database; a thread or forum post follows its parent channel.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS channel_bindings (
    channel_id INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    story TEXT NOT NULL,
    bound_by TEXT NOT NULL,
    bound_at REAL NOT NULL
)
"""


@dataclass(frozen=True)
class Binding:
    channel_id: int
    guild_id: int
    story: str
    bound_by: str
    bound_at: float


class ChannelBindings:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._by_channel: dict[int, Binding] = {}
        try:
            with closing(self._connect()) as db, db:
                db.execute(SCHEMA)
                rows = db.execute(
                    "SELECT channel_id, guild_id, story, bound_by, bound_at FROM channel_bindings"
                )
                self._by_channel = {row[0]: Binding(*row) for row in rows}
        except sqlite3.Error as exc:  # answers do not need bindings: serve on without them, say why
            log.warning("channel bindings unavailable (%s: %s); questions go to every story", path, exc)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return sqlite3.connect(self.path, timeout=2)

    def story_for(self, channel: Any) -> str | None:
        """The story bound to ``channel``, or to the channel a thread or forum post is in."""
        for candidate in (getattr(channel, "id", None), getattr(channel, "parent_id", None)):
            binding = self._by_channel.get(candidate) if candidate is not None else None
            if binding is not None:
                return binding.story
        return None

    def in_guild(self, guild_id: int) -> list[Binding]:
        return sorted(
            (b for b in self._by_channel.values() if b.guild_id == guild_id), key=lambda b: b.bound_at
        )

    def bind(self, guild_id: int, channel_id: int, story: str, *, actor: str) -> None:
        binding = Binding(channel_id, guild_id, story, actor, time.time())
        with self._lock, closing(self._connect()) as db, db:
            db.execute(
                "INSERT OR REPLACE INTO channel_bindings (channel_id, guild_id, story, bound_by, bound_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (binding.channel_id, binding.guild_id, binding.story, binding.bound_by, binding.bound_at),
            )
            self._by_channel[channel_id] = binding

    def unbind(self, channel_id: int) -> str | None:
        """Remove a channel's binding; the story it was bound to, if any."""
        with self._lock, closing(self._connect()) as db, db:
            db.execute("DELETE FROM channel_bindings WHERE channel_id = ?", (channel_id,))
            binding = self._by_channel.pop(channel_id, None)
        return binding.story if binding else None
