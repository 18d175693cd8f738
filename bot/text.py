"""Text the bot posts: corpus text neutralised, trimmed, and split at Discord's limits."""

from __future__ import annotations

import re

import discord

from retrieval import clean, shown

CONTENT_LIMIT = 2000

# discord.utils.escape_mentions only breaks ids of snowflake length (17-20 digits); Discord still renders
# shorter ones such as <@&123> as mentions, so break those too.
_SHORT_MENTION = re.compile(r"@([!&]?\d+)")
_URL = re.compile(r"(?<![<\w])https?://[^\s<>]+")
_URL_TRAILING = ".,;:!?)]}'\"”’"
# Where a long text may be cut, best first: between paragraphs, lines, sentences, then words.
_CUT_POINTS = ("\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ")


def _no_link_preview(match: re.Match[str]) -> str:
    url = match.group(0)
    trailing = ""
    while url and url[-1] in _URL_TRAILING:
        trailing = url[-1] + trailing
        url = url[:-1]
    return f"<{url}>{trailing}"


def safe(text: str) -> str:
    """Corpus or user text made inert: control and bidi characters dropped (a member's RTL override must
    not reorder the bot's message), markdown and mentions escaped, link previews suppressed.

    The bot never pings anyone anyway (allowed mentions are off bot-wide); escaping also keeps a quoted
    ``@everyone`` from *looking* like a ping and a stray ``*`` from turning a quote into italics.
    """
    text = discord.utils.escape_markdown(clean(text))
    text = discord.utils.escape_mentions(text)
    text = _SHORT_MENTION.sub("@\u200b\\1", text)
    return _URL.sub(_no_link_preview, text)


def story_field(text: str, limit: int) -> str:
    """A field a story supplies (title, author, source, date): an uploaded story is anyone's, so its links,
    masked links and raw mentions are neutralised by the core's rules, then escaped like any corpus text."""
    return safe(trim(shown(text), limit))


def code(text: str, limit: int = 80) -> str:
    """``text`` (a story id) as inline code. A backtick inside would close the span early and let the rest
    render as markdown (a live masked link), so backticks are replaced, never escaped: in a code span a
    backslash shows as itself."""
    inner = trim(clean(text), limit).replace("`", "ˋ")
    return f"`{inner}`" if inner else "` `"


def trim(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters (with an ellipsis)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def split_content(text: str, limit: int = CONTENT_LIMIT) -> list[str]:
    """Split ``text`` into parts of at most ``limit`` characters, cutting at the most natural point."""
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = 0
        for point in _CUT_POINTS:
            at = rest.rfind(point, 0, limit - len(point) + 1)
            if at >= limit // 2:
                cut = at + len(point)
                break
        if not cut:
            cut = limit
            # Never leave a dangling escape backslash at the end of a part.
            while cut > 1 and rest[cut - 1] == "\\":
                cut -= 1
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def question_text(content: str, bot_id: int) -> str:
    """A message's question: its text without the bot's own mention."""
    return re.sub(rf"<@!?{bot_id}>", " ", content).strip()


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 comment", "3 comments"; ``many`` for an irregular plural ("2 stories")."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
