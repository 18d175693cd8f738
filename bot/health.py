"""The bot's heartbeat: a small JSON file in the data directory, rewritten every ``HEARTBEAT_SECONDS``, that
``storybot health`` reads for container healthchecks and monitoring.

A file rather than an HTTP port: nothing to expose or secure, and the check needs neither Discord nor the
model, so it answers in milliseconds. This module imports nothing heavy (no discord, no torch).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HEARTBEAT_FILE = "heartbeat.json"
HEARTBEAT_SECONDS = 30.0
# A beat may be late by one interval (a busy reload) before the bot counts as unhealthy.
MAX_AGE_SECONDS = 3 * HEARTBEAT_SECONDS


@dataclass(frozen=True)
class Heartbeat:
    written_at: float  # seconds since the epoch
    connected: bool  # the gateway connection is up
    servers: int
    generation: int | None  # the index generation served; None: nothing indexed yet
    pid: int

    def problem(self, now: float, max_age: float = MAX_AGE_SECONDS) -> str | None:
        """Why the bot is not healthy, or None."""
        age = now - self.written_at
        if age > max_age:
            return f"no heartbeat for {age:.0f} s (pid {self.pid}): the bot is stopped or stuck"
        if not self.connected:
            return "the bot is running but not connected to Discord"
        if self.generation is None:
            return "the bot is connected but nothing is indexed: run `storybot ingest` or /reload"
        return None


def heartbeat_path(data_dir: Path) -> Path:
    return data_dir / HEARTBEAT_FILE


def write_heartbeat(path: Path, beat: Heartbeat) -> None:
    """Replace the file in one step, so a reader never sees half of it."""
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(asdict(beat)), encoding="utf-8")
    partial.replace(path)


def read_heartbeat(path: Path) -> Heartbeat | None:
    """The last beat, or None when there is none (the bot never ran here) or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Heartbeat(
            written_at=float(data["written_at"]),
            connected=bool(data["connected"]),
            servers=int(data["servers"]),
            generation=None if data["generation"] is None else int(data["generation"]),
            pid=int(data["pid"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def now() -> float:
    return time.time()
