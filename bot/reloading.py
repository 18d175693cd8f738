"""Reloading the corpus from Discord: what the /reload command calls, and how its results read.

The reload runs in a worker thread, so the bot keeps answering while it embeds; it is strict, so a broken
story file aborts it and the index already served stays as it was. A story uploaded with /reload is
validated by the core before it is saved; one too large, or not a story file by its name, is refused here
before it is even downloaded. Every attempt, including one refused to a member who may not reload, goes into
the core's audit trail, with the member as the actor.
"""

from __future__ import annotations

import asyncio
import logging

import discord

from bot.text import plural, safe
from retrieval import (
    CorpusError,
    IngestReport,
    ServerCorpora,
    StoryDiff,
    StoryEngine,
    is_story_file,
    unsupported_type,
)

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 10


def reload_actor(user: discord.abc.User) -> str:
    """How the audit trail names a member: ``discord:NAME (ID)``."""
    return f"discord:{user.name} ({user.id})"


async def reload_corpus(
    corpora: ServerCorpora, guild_id: int, *, operator: bool, requested_by: str
) -> IngestReport | None:
    """Re-index (strictly) the shared stories, from an operator's server, or else the server's own; None
    when the server has no stories of its own. Raises the core's errors for the caller to report."""
    log.info(
        "reload requested by %s in server %s%s", requested_by, guild_id, " (operator)" if operator else ""
    )
    # ``actor`` names the member in the core's audit trail of reloads.
    if operator:
        report = await asyncio.to_thread(corpora.reload_shared, actor=requested_by)
    else:
        report = await asyncio.to_thread(corpora.reload, guild_id, actor=requested_by)
    if report is not None:
        log.info("reload by %s: %s", requested_by, report.summary_line())
    return report


async def add_story(
    corpora: ServerCorpora, guild_id: int, file_name: str, data: bytes, *, operator: bool, requested_by: str
) -> IngestReport:
    """Validate an uploaded story, save it (among the shared stories, from an operator's server, else among
    the server's own) and reload; raises the core's errors (``StoryFileError``: nothing was saved;
    ``CorpusError``: the reload failed and the file was taken out)."""
    log.info("story upload %s (%d bytes) by %s in server %s", file_name, len(data), requested_by, guild_id)
    if operator:
        report = await asyncio.to_thread(corpora.add_shared_story, file_name, data, actor=requested_by)
    else:
        report = await asyncio.to_thread(corpora.add_story, guild_id, file_name, data, actor=requested_by)
    log.info("upload of %s by %s: %s", file_name, requested_by, report.summary_line())
    return report


def size_label(size: int) -> str:
    """'850 bytes', '12.5 kB', '2 MB' (decimal units, as Discord shows file sizes)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.3g} MB"
    if size >= 1_000:
        return f"{size / 1_000:.3g} kB"
    return f"{size} bytes"


def upload_refusal(file_name: str, size: int, limit: int) -> tuple[str, str] | None:
    """Why an upload is refused before it is downloaded (judged by its name and the size Discord declares):
    the message for the member and the reason for the audit trail; None if it may be downloaded."""
    if not is_story_file(file_name):
        return (
            f"{safe(file_name)} is not a story file: upload a .txt forum export or a .json story. "
            "Nothing was saved.",
            unsupported_type(file_name),
        )
    if size > limit:
        return (
            f"{safe(file_name)} is {size_label(size)}; story files may be at most {size_label(limit)} "
            f"({limit:,} bytes). Nothing was saved.",
            f"file is {size:,} bytes; the limit is {limit:,}",
        )
    return None


async def record_refused_upload(
    engine: StoryEngine, *, requested_by: str, file_name: str, reason: str
) -> None:
    """Put an upload refused before the core saw it into the core's audit trail, like the core's own."""
    try:
        await asyncio.to_thread(engine.record_refused_upload, file_name, reason, actor=requested_by)
    except Exception:
        log.warning("could not record the refused upload of %s in the audit trail", file_name, exc_info=True)


async def record_refused_reload(
    engine: StoryEngine, *, requested_by: str, reason: str, upload: str | None = None
) -> None:
    """Put a /reload refused before it started (the member may not reload) into the core's audit trail."""
    try:
        await asyncio.to_thread(engine.record_refused_reload, reason, actor=requested_by, upload=upload)
    except Exception:
        log.warning("could not record a refused reload by %s in the audit trail", requested_by, exc_info=True)


def _story_changes(story: str, diff: StoryDiff | None, *, added: bool) -> str:
    """ "library (2 paragraphs, 1 comment)" for an added story; "letter (1 paragraph changed, 1 comment
    added)" for a changed one."""
    if diff is None:
        return safe(story)
    if added:
        details = [plural(diff.paragraphs_changed, "paragraph"), plural(diff.comments_added, "comment")]
    else:
        details = [
            f"{plural(diff.paragraphs_changed, 'paragraph')} changed" if diff.paragraphs_changed else "",
            f"{plural(diff.comments_added, 'comment')} added" if diff.comments_added else "",
            f"{plural(diff.comments_removed, 'comment')} removed" if diff.comments_removed else "",
        ]
    shown = [d for d in details if d]
    return safe(story) + (f" ({', '.join(shown)})" if shown else "")


def describe_reload(report: IngestReport, *, upload: str | None = None) -> str:
    """The reply to /reload: counts, the corpus version, and what changed, story by story."""
    lines = [f"Saved **{safe(upload)}** in the story files." if upload else ""]
    lines.append(
        f"**Reloaded** {plural(report.stories, 'story', 'stories')}, {plural(report.chunks, 'chunk')}: "
        f"{report.embedded} embedded, {report.reused} reused, {report.removed} removed "
        f"({report.seconds:.1f} s). Corpus `{report.corpus_version}`"
        + ("." if report.changed else " — no changes.")
    )
    diffs = {d.story: d for d in report.story_diffs}
    if report.stories_added:
        added = [_story_changes(s, diffs.get(s), added=True) for s in report.stories_added]
        lines.append(f"Added: {', '.join(added)}")
    if report.stories_changed:
        changed = [_story_changes(s, diffs.get(s), added=False) for s in report.stories_changed]
        lines.append(f"Changed: {', '.join(changed)}")
    if report.stories_removed:
        lines.append(f"Removed: {safe(', '.join(report.stories_removed))}")
    if report.changed:
        lines.append(
            f"-# In all: {plural(report.paragraphs_changed, 'paragraph')} new or changed, "
            f"{plural(report.comments_added, 'comment')} added, "
            f"{plural(report.comments_removed, 'comment')} removed."
        )
    if report.audit_problem:  # applied all the same: the switch came before the audit write failed
        lines.append(f"-# ⚠️ Applied, but not recorded in the audit trail: {safe(report.audit_problem)}")
    return "\n".join(line for line in lines if line)


def describe_corpus_error(error: CorpusError) -> str:
    lines = [f"**Reload aborted; the stories served are unchanged.** {safe(str(error))}"]
    problems = [safe(str(p)) for p in error.problems]
    lines += [f"- {p}" for p in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(f"- … and {len(problems) - MAX_PROBLEMS_SHOWN} more (see the log)")
    return "\n".join(lines)
