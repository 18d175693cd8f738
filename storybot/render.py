"""How the CLI prints answers, summaries and reload changes for a person at a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrieval import published_at

if TYPE_CHECKING:  # types only: importing them would load the index code for every command
    from retrieval import Answer, Citation, IngestReport, Summary

QUOTE_CHARS = 220


def change_lines(report: IngestReport) -> list[str]:
    lines = []
    for label, ids in (
        ("added", report.stories_added),
        ("changed", report.stories_changed),
        ("removed", report.stories_removed),
    ):
        if ids:
            lines.append(f"stories {label}: {', '.join(ids)}")
    if report.stories_changed:
        lines.append(
            f"paragraphs changed: {report.paragraphs_changed}; comments added: {report.comments_added}, "
            f"removed: {report.comments_removed}"
        )
    return lines


def trim(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _source_line(citation: Citation, many_stories: bool) -> str:
    label = "Article" if citation.kind == "article" else "Reader comment"
    story = f" ({citation.story})" if many_stories else ""
    return f"  [{citation.ref}] {label}{story} · {citation.where} — “{trim(citation.quote or citation.text)}”"


def _render_sources(citations: tuple[Citation, ...]) -> list[str]:
    if not citations:
        return []
    many = len({c.story for c in citations}) > 1
    return ["", "Sources", *(_source_line(c, many) for c in citations)]


def render_answer(answer: Answer) -> str:
    lines = [answer.answer]
    if answer.corpus_stories > 1:  # several stories loaded: say which one (and of when) this is from
        stories = {c.story: (c.story_title or c.story, _date(c.story_published)) for c in answer.citations}
        lines += [f"from “{title}”" + (f", {date}" if date else "") for title, date in stories.values()]
    lines += _render_sources(answer.citations)
    mode = "offline answer" if answer.mode == "extractive" else "language-model answer"
    lines += ["", f"corpus {answer.corpus_version} · {mode} · {answer.latency_ms:.0f} ms"]
    lines += [f"note: {n}" for n in answer.notes]
    return "\n".join(lines)


def _date(published: str | None) -> str | None:
    """ "9 February 2016" for an ISO date or time; what the story says otherwise."""
    when = published_at(published)
    if when is None:
        return trim(published, 40) if published else None
    return f"{when.day} {when:%B %Y}"


def render_summary(summary: Summary) -> str:
    """The summary under the story's title, id and date (its citations carry the date)."""
    published = next((c.story_published for c in summary.citations if c.story == summary.story), None)
    date = _date(published)
    lines = [
        f"{summary.story_title} ({summary.story}{', ' + date if date else ''})",
        "",
        summary.text,
        *_render_sources(summary.citations),
    ]
    lines += [f"note: {n}" for n in summary.notes]
    if summary.usage:
        u = summary.usage
        lines.append(
            f"language model: {u['llm_calls']} calls, {u['prompt_tokens']} prompt + {u['completion_tokens']} "
            f"completion tokens, {u['llm_seconds']} s in the model, {u['seconds']} s in all"
        )
    return "\n".join(lines)
