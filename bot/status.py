"""/sources and /status as Discord payloads: the stories loaded, and how the bot runs."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.formatting import (
    ANSWER_COLOUR,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    Reply,
    Section,
    mode_label,
    pack,
)
from bot.text import code, safe, story_field, trim
from retrieval import Backend, IndexStatus, StoryInfo

# -- information -------------------------------------------------------------------------------------


def _story_field(story: StoryInfo) -> tuple[str, str]:
    # Every field here is the story's own: the id in a code span that no backtick can close, the rest
    # neutralised and escaped; the URL stays a link (it is the story's declared source) without a preview.
    details = [code(story.id), f"{story.paragraphs} paragraphs", f"{story.comments} reader comments"]
    if story.published:
        details.append(f"published {story_field(story.published, 40)}")
    if story.source:
        details.append(story_field(story.source, 80))
    value = " · ".join(details)
    if story.url:
        value += f"\n{safe(trim(story.url, 300))}"
    return story_field(story.title or story.id, FIELD_NAME_LIMIT - 10), value


def sources_replies(stories: Sequence[StoryInfo], corpus_version: str | None) -> list[Reply]:
    if not stories:
        return [Reply("Nothing is indexed yet: an admin can run /reload.")]
    footer = f"corpus {corpus_version} · {len(stories)} {'story' if len(stories) == 1 else 'stories'}"
    return pack("", Section("Stories I can answer about", [_story_field(s) for s in stories], footer))


def duration(seconds: float) -> str:
    """'45 s', '12 min', '2 h 5 min', '3 d 4 h'."""
    seconds = max(0, int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min" if minutes else f"{secs} s"


def index_label(backend: Backend, *, detail: bool) -> str:
    """'local store' or 'Chroma server' (its address only for those who administer the bot)."""
    if backend.kind == "local":
        return "local store"
    return f"Chroma server at {backend.url}" if detail and backend.url else "Chroma server"


def problems_label(problems: Sequence[str], *, detail: bool) -> str | None:
    """What is wrong beside the index, for /status: each problem and its fix for those who administer the
    bot (file paths are theirs to see), a plain sentence for everyone else; None if nothing is."""
    if not problems:
        return None
    if not detail:
        return "Votes or the reload history are unavailable right now; answers are not affected."
    return "\n".join(f"⚠️ {safe(p)}" for p in problems)


def status_replies(
    status: IndexStatus,
    *,
    uptime_seconds: float,
    shard: str,
    index: str,
    problems: str | None = None,
    bindings: Sequence[tuple[int, str]] = (),
) -> list[Reply]:
    embed = discord.Embed(title="storybot status", colour=ANSWER_COLOUR)
    built = f"<t:{int(status.built_at)}:R>" if status.built_at else "unknown"
    embed.add_field(name="Corpus", value=f"`{status.corpus_version}` · generation {status.generation}")
    embed.add_field(name="Indexed", value=built)
    embed.add_field(name="Stories", value=str(len(status.stories)))
    embed.add_field(
        name="Chunks",
        value=f"{status.chunks} ({status.article_chunks} article, {status.comment_chunks} comment)",
    )
    embed.add_field(name="Answers", value=mode_label(status.mode))
    embed.add_field(name="Index", value=safe(index))
    embed.add_field(name="Embeddings", value=safe(status.embedding or "?"))
    embed.add_field(name="Uptime", value=duration(uptime_seconds))
    embed.add_field(name="Shard", value=shard)
    last, unknown = status.last_reload, "unknown" if problems else "none recorded"
    last_line = safe(trim(last.describe(), FIELD_VALUE_LIMIT // 2)) if last else unknown
    embed.add_field(name="Last reload", value=last_line, inline=False)
    if bindings:
        titles = {s.id: s.title for s in status.stories}
        lines = [f"<#{channel}> → {safe(trim(titles.get(story, story), 80))}" for channel, story in bindings]
        embed.add_field(name="Bound channels", value=trim("\n".join(lines), FIELD_VALUE_LIMIT), inline=False)
    if problems:
        embed.add_field(name="Problems", value=problems[:FIELD_VALUE_LIMIT], inline=False)
    return [Reply(embeds=[embed])]
