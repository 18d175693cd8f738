"""Reloading the corpus from Discord: one function the /reload command calls, and how its result reads.

The reload runs in a worker thread, so the bot keeps answering while it embeds; it is strict, so a broken
story file aborts it and the index already served stays as it was.
"""

from __future__ import annotations

import asyncio
import logging

from bot.text import safe
from retrieval.engine import StoryEngine
from retrieval.errors import CorpusError
from retrieval.index.ingest import IngestReport

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 10


async def reload_corpus(engine: StoryEngine, *, requested_by: str) -> IngestReport:
    """Re-index the corpus directory (strictly); raises the core's errors for the caller to report."""
    log.info("reload requested by %s", requested_by)
    # ``actor`` names the member in the core's audit trail of reloads.
    report = await asyncio.to_thread(engine.ingest, strict=True, actor=requested_by)
    log.info("reload by %s: %s", requested_by, report.summary_line())
    return report


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def describe_reload(report: IngestReport) -> str:
    lines = [
        f"**Reloaded** {_count(report.stories, 'story', 'stories')}, {_count(report.chunks, 'chunk')}: "
        f"{report.embedded} embedded, {report.reused} reused, {report.removed} removed "
        f"({report.seconds:.1f} s). Corpus `{report.corpus_version}`"
        + ("." if report.changed else " — no changes.")
    ]
    for label, ids in (
        ("Added", report.stories_added),
        ("Changed", report.stories_changed),
        ("Removed", report.stories_removed),
    ):
        if ids:
            lines.append(f"{label}: {safe(', '.join(ids))}")
    return "\n".join(lines)


def describe_corpus_error(error: CorpusError) -> str:
    lines = [f"**Reload aborted; the stories served are unchanged.** {safe(str(error))}"]
    problems = [safe(str(p)) for p in error.problems]
    lines += [f"- {p}" for p in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(f"- … and {len(problems) - MAX_PROBLEMS_SHOWN} more (see the log)")
    return "\n".join(lines)
