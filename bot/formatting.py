"""Turn the core's answers, summaries and listings into Discord message payloads, within Discord's limits.

Every function returns a list of ``Reply`` (content plus embeds), one per message to send, so a caller
never has to know the limits: 2,000 characters of content, 256 per embed title or field name, 1,024 per
field value, 25 fields per embed, 10 embeds and 6,000 embed characters per message. Long text is split
across messages rather than cut. Corpus text is escaped (``text.safe``) wherever it is quoted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import discord

from bot.text import CONTENT_LIMIT, safe, split_content, story_field, trim
from retrieval import (
    Answer,
    Citation,
    Locator,
    Mode,
    Summary,
    SummaryPoint,
    published_at,
    safe_quote,
)

FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELDS_PER_EMBED = 25
EMBEDS_PER_MESSAGE = 10
EMBED_CHARS_PER_MESSAGE = 6000
QUOTE_CHARS = 300

ANSWER_COLOUR = discord.Colour.blurple()
NO_ANSWER_COLOUR = discord.Colour.light_grey()


@dataclass
class Reply:
    """One message: its content and embeds (either may be empty, not both)."""

    content: str = ""
    embeds: list[discord.Embed] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    """A titled group of embed fields that may spill over several embeds and messages."""

    title: str
    fields: Sequence[tuple[str, str]]
    footer: str
    colour: discord.Colour = ANSWER_COLOUR


def mode_label(mode: Mode) -> str:
    """How users see the answer mode: the extractive generator runs offline."""
    return "offline" if mode == "extractive" else "language model"


# -- citations ---------------------------------------------------------------------------------------


def _article_place(locator: Locator) -> str:
    """ "¶4", "¶4–7", "¶1–3 & headline", "headline"."""
    places = []
    if locator.paragraphs:
        first, last = locator.paragraphs
        places.append(f"¶{first}–{last}" if last != first else f"¶{first}")
    if locator.lead:
        places.append(locator.lead[0])
    return " & ".join(places)


def citation_label(citation: Citation, *, with_story: bool = False) -> str:
    """ "[1] Article ¶4", "[2] Reader comment #2 — NAME", "[3] Poster's note"."""
    locator = citation.locator
    if citation.kind == "article":
        label = f"Article {_article_place(locator)}".strip()
    elif locator.comment is None:
        label = "Poster's note"
    else:
        label = f"Reader comment #{locator.comment}"
        if locator.author:
            label += f" — {locator.author}"
        if locator.parts and locator.parts > 1:
            label += f" (part {locator.part}/{locator.parts})"
    if with_story:
        label += f" · {citation.story_title or citation.story}"
    return story_field(f"[{citation.ref}] {label}", FIELD_NAME_LIMIT - 40)


def citation_quote(citation: Citation) -> str:
    """What the Sources embed quotes: the sentences the answer took from the passage.

    Story text is only ever quoted as the core sanitised it (links, images, mentions and instruction-like
    sentences removed), the article's too: an uploaded story is anyone's. Its raw text is never shown.
    """
    return safe_quote(citation.quote or citation.text, citation.kind)


def citation_field(citation: Citation, *, with_story: bool = False) -> tuple[str, str]:
    quote = trim(citation_quote(citation), QUOTE_CHARS)
    return citation_label(citation, with_story=with_story), f"“{safe(quote)}”"


def _citation_fields(citations: Sequence[Citation]) -> list[tuple[str, str]]:
    many_stories = len({c.story for c in citations}) > 1
    return [citation_field(c, with_story=many_stories) for c in citations]


# -- packing -----------------------------------------------------------------------------------------


def _embeds(section: Section) -> list[discord.Embed]:
    """The section's fields over as many embeds as the per-embed limits need; the footer on the last."""
    budget = EMBED_CHARS_PER_MESSAGE - len(section.footer) - 50

    def new_embed(first: bool) -> discord.Embed:
        return discord.Embed(
            title=section.title if first else f"{section.title} (continued)", colour=section.colour
        )

    embeds = [new_embed(True)]
    for name, value in section.fields:
        name, value = name[:FIELD_NAME_LIMIT], value[:FIELD_VALUE_LIMIT]
        current = embeds[-1]
        if len(current.fields) >= FIELDS_PER_EMBED or len(current) + len(name) + len(value) > budget:
            current = new_embed(False)
            embeds.append(current)
        current.add_field(name=name, value=value, inline=False)
    if not section.fields:
        embeds[-1].title = None
    embeds[-1].set_footer(text=section.footer)
    return embeds


def _by_message(embeds: list[discord.Embed]) -> list[list[discord.Embed]]:
    """Group embeds into messages of at most 10 embeds and 6,000 characters."""
    groups: list[list[discord.Embed]] = [[]]
    size = 0
    for embed in embeds:
        if groups[-1] and (
            len(groups[-1]) >= EMBEDS_PER_MESSAGE or size + len(embed) > EMBED_CHARS_PER_MESSAGE
        ):
            groups.append([])
            size = 0
        groups[-1].append(embed)
        size += len(embed)
    return [g for g in groups if g]


def pack(content: str, section: Section | None = None) -> list[Reply]:
    """Content split over messages, then the section's embeds: the first group rides on the last part."""
    replies = [Reply(part) for part in split_content(content, CONTENT_LIMIT)] or [Reply()]
    if section is not None:
        groups = _by_message(_embeds(section))
        replies[-1].embeds = groups[0]
        replies += [Reply(embeds=group) for group in groups[1:]]
    return replies


def notice(text: str) -> list[Reply]:
    """A short message of the bot's own (a refusal, an error), split if it must be."""
    return pack(text)


# -- answers -----------------------------------------------------------------------------------------


def answer_footer(answer: Answer) -> str:
    return f"corpus {answer.corpus_version} · {mode_label(answer.mode)} answer"


def question_line(question: str) -> str:
    return f"**Q:** {safe(trim(question, 300))}"


def answer_replies(answer: Answer, *, show_question: bool = False) -> list[Reply]:
    """The answer with its [n] markers and its notes, then the cited passages in an embed with the corpus
    version.

    ``show_question`` repeats the question first, for slash commands, where Discord hides the options.
    Notes are shown whatever the mode: an offline answer given because the language model failed says so.
    """
    lines = []
    if show_question:
        lines.append(question_line(answer.question))
    lines.append(safe(answer.answer))
    if answer.corpus_stories > 1:  # several stories loaded: say which one (and of when) this is from
        lines += [f"-# {source}" for source in story_sources(answer.citations)]
    lines += [f"-# {safe(note)}" for note in answer.notes]
    if answer.citations:
        section = Section("Sources", _citation_fields(answer.citations), answer_footer(answer))
    else:
        section = Section("", (), answer_footer(answer), NO_ANSWER_COLOUR)
    return pack("\n".join(lines), section)


# -- summaries ---------------------------------------------------------------------------------------

SCOPE_TITLES = {
    "article": "Summary of the article",
    "comments": "Summary of the reader comments",
    "all": "Summary of the article and its reader comments",
}


def story_date(published: str | None) -> str | None:
    """A story's date as members read it: a time shows as a Discord timestamp (each member sees the day
    in their own zone and language), a day alone as "9 February 2016" (a timestamp of its midnight would
    show the day before west of UTC), anything else as the story gives it."""
    when = published_at(published)
    if isinstance(when, datetime):
        return discord.utils.format_dt(when, "D")
    if when is not None:
        return f"{when.day} {when:%B %Y}"
    return story_field(published, 40) if published else None


def story_sources(citations: Sequence[Citation]) -> list[str]:
    """ "From “Title” · 9 February 2016", once per story cited, in citation order."""
    seen: dict[str, str] = {}
    for c in citations:
        if c.story not in seen:
            date = story_date(c.story_published)
            title = story_field(c.story_title or c.story, 200)
            seen[c.story] = f"From “{title}”" + (f" · {date}" if date else "")
    return list(seen.values())


def _point(point: SummaryPoint) -> str:
    # A readers' point says how many comments hold it in its own words ("About 30 reader comments: ...").
    return f"- {safe(point.text)}"


def summary_date(summary: Summary) -> str | None:
    """When the summarised story was published: its citations carry the date."""
    return next((c.story_published for c in summary.citations if c.story == summary.story), None)


def summary_replies(summary: Summary) -> list[Reply]:
    """The summary under a heading that says which story it is and of when."""
    date = story_date(summary_date(summary))
    story = story_field(summary.story_title or summary.story, 200) + (f" · {date}" if date else "")
    lines = [f"**{SCOPE_TITLES[summary.scope]}** — {story}"]
    if summary.article_points:
        lines += ["", "**The article**", *(_point(p) for p in summary.article_points)]
    if summary.comment_points:
        count = f" ({summary.comment_count} comments)" if summary.comment_count else ""
        lines += ["", f"**What readers say**{count}", *(_point(p) for p in summary.comment_points)]
    if not summary.article_points and not summary.comment_points:
        lines += ["", "There is nothing to summarise here."]
    lines += [f"-# {safe(note)}" for note in summary.notes]
    footer = f"corpus {summary.corpus_version} · {mode_label(summary.mode)} summary"
    if summary.citations:
        section = Section("Sources", _citation_fields(summary.citations), footer)
    else:
        section = Section("", (), footer, NO_ANSWER_COLOUR)
    return pack("\n".join(lines), section)
