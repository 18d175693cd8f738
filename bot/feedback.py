"""Feedback on answers: 👍 / 👎 votes in SQLite under the data dir.

Each answer the bot posts is recorded first (``record_answer``), and its buttons carry that record's id, so
a vote still finds its question and answer after a restart or on another shard. A vote row holds the
question, the answer, the corpus version, the vote, a keyed hash of the user id and the time; a member has
one vote per answer and may change it. The hash keeps raw Discord ids out of the file and lets votes be
counted per member, but it is pseudonymous, not anonymous: its key lives in the same file.

Tables live in ``<data_dir>/storybot.sqlite3`` beside the core's own, prefixed ``feedback_``. Every call
opens its own connection, so the store is safe to use from worker threads (never on the event loop).

Answers never depend on this store. Recording an answer waits at most ``ANSWER_TIMEOUT_SECONDS`` for a
locked database; a store that fails raises FeedbackUnavailableError, whose message names the file and the
fix, is logged once per problem (not per answer) and is kept in ``problem`` for /status.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from retrieval import DatabaseProblems

log = logging.getLogger(__name__)

# Every answer is recorded before it is posted (its buttons need the id): a locked database may hold it up
# only this long; the answer then goes out without buttons.
ANSWER_TIMEOUT_SECONDS = 0.25
# A vote is a click Discord wants answered within 3 s; another shard's write finishes well within this.
VOTE_TIMEOUT_SECONDS = 1.0

Vote = Literal["up", "down"]
VoteOutcome = Literal["recorded", "changed", "unchanged"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feedback_answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    corpus_version TEXT NOT NULL,
    mode TEXT NOT NULL,
    answered_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback_votes (
    answer_id INTEGER NOT NULL REFERENCES feedback_answers(id),
    user_hash TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    corpus_version TEXT NOT NULL,
    voted_at TEXT NOT NULL,
    PRIMARY KEY (answer_id, user_hash)
);
"""


class FeedbackUnavailableError(Exception):
    """The store's database cannot be used; the message names the file and the fix."""


class UnknownAnswerError(LookupError):
    """A vote for an answer the store does not hold (the database was reset or replaced)."""


@dataclass(frozen=True)
class VoteRecord:
    answer_id: int
    user_hash: str
    vote: Vote
    question: str
    answer: str
    corpus_version: str
    voted_at: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._key: bytes | None = None
        self._problems = DatabaseProblems(path, log, "feedback store")

    @property
    def problem(self) -> str | None:
        """What is wrong with the database, as last seen; None once it has worked again."""
        return self._problems.current

    @contextmanager
    def _connect(self, timeout: float) -> Iterator[sqlite3.Connection]:
        """A connection in a transaction; any failure of the file comes out as FeedbackUnavailableError."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Several bot processes (shards) may share the file: wait a little for each other's writes.
            with closing(sqlite3.connect(self.path, timeout=timeout)) as connection, connection:
                connection.executescript(SCHEMA)
                yield connection
        except (sqlite3.Error, OSError) as exc:
            raise self._failed(exc) from exc
        self._worked()

    def _failed(self, exc: BaseException) -> FeedbackUnavailableError:
        return FeedbackUnavailableError(self._problems.failed(exc, ", answers go out without vote buttons"))

    def _worked(self) -> None:
        self._problems.worked()

    def health(self, timeout: float = ANSWER_TIMEOUT_SECONDS) -> str | None:
        """None if an answer could be recorded now (a write, rolled back), else what is wrong and the fix."""
        try:
            with self._connect(timeout) as connection:
                connection.execute(
                    "INSERT INTO feedback_answers (question, answer, corpus_version, mode, answered_at) "
                    "VALUES ('', '', '', '', '')"
                )
                connection.rollback()
        except FeedbackUnavailableError as exc:
            return str(exc)
        return None

    def _hash_key(self, connection: sqlite3.Connection) -> bytes:
        if self._key is None:
            connection.execute(
                "INSERT OR IGNORE INTO feedback_meta (key, value) VALUES ('user_hash_key', ?)",
                (secrets.token_hex(32),),
            )
            row = connection.execute("SELECT value FROM feedback_meta WHERE key = 'user_hash_key'").fetchone()
            self._key = bytes.fromhex(row[0])
        return self._key

    def user_hash(self, connection: sqlite3.Connection, user_id: int) -> str:
        return hmac.new(self._hash_key(connection), str(user_id).encode(), hashlib.sha256).hexdigest()[:32]

    def record_answer(self, question: str, answer: str, corpus_version: str, mode: str) -> int:
        """Keep an answer so votes on it can name it; returns the id its buttons carry."""
        with self._connect(ANSWER_TIMEOUT_SECONDS) as connection:
            cursor = connection.execute(
                "INSERT INTO feedback_answers (question, answer, corpus_version, mode, answered_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (question, answer, corpus_version, mode, _now()),
            )
            return int(cursor.lastrowid or 0)

    def record_vote(self, answer_id: int, user_id: int, vote: Vote) -> VoteOutcome:
        with self._connect(VOTE_TIMEOUT_SECONDS) as connection:
            answer = connection.execute(
                "SELECT question, answer, corpus_version FROM feedback_answers WHERE id = ?", (answer_id,)
            ).fetchone()
            if answer is None:
                raise UnknownAnswerError(answer_id)
            user = self.user_hash(connection, user_id)
            previous = connection.execute(
                "SELECT vote FROM feedback_votes WHERE answer_id = ? AND user_hash = ?", (answer_id, user)
            ).fetchone()
            if previous is not None and previous[0] == vote:
                return "unchanged"
            connection.execute(
                "INSERT INTO feedback_votes "
                "(answer_id, user_hash, vote, question, answer, corpus_version, voted_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (answer_id, user_hash) "
                "DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at",
                (answer_id, user, vote, *answer, _now()),
            )
            return "recorded" if previous is None else "changed"

    def votes(self) -> list[VoteRecord]:
        """Every vote, oldest first."""
        with self._connect(VOTE_TIMEOUT_SECONDS) as connection:
            rows = connection.execute(
                "SELECT answer_id, user_hash, vote, question, answer, corpus_version, voted_at "
                "FROM feedback_votes ORDER BY voted_at, rowid"
            ).fetchall()
        return [VoteRecord(*row) for row in rows]
