"""Parser for the story JSON format.

``{"id"?, "title", "url"?, "published"?, "source"?, "paragraphs": [str] | "text": str,
"comments": [{"id"?, "author"?, "posted"?, "parent"?, "votes"?, "text", ...}]}``; unknown fields are ignored.
Offsets of each paragraph are into the decoded string at its JSON pointer (``Paragraph.field``).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from retrieval.corpus.model import Comment, Paragraph, Story
from retrieval.corpus.roles import classify_comment_paragraph, classify_paragraph, looks_like_heading
from retrieval.errors import StoryFileError

_BLANK_LINE = re.compile(r"\n\s*\n")


def split_paragraphs(text: str, field: str) -> list[Paragraph]:
    """Blank-line separated paragraphs of ``text``, each with its offsets into ``text``."""
    out = []
    position = 0
    for piece in [*_BLANK_LINE.split(text)]:
        found = text.index(piece, position)
        position = found + len(piece)
        stripped = piece.strip()
        if stripped:
            start = found + (len(piece) - len(piece.lstrip()))
            out.append(Paragraph(text=stripped, start=start, end=start + len(stripped), field=field))
    return out


def _with_role(paragraph: Paragraph, has_next: bool) -> Paragraph:
    """An article paragraph marked as a heading (a short line heading the next one) and with its role."""
    heading = has_next and looks_like_heading(paragraph.text)
    role = classify_paragraph(paragraph.text, heading=heading, has_next=has_next)
    return replace(paragraph, heading=heading, role=role)


def _optional_str(data: dict[str, Any], key: str, where: str, path: Path) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise StoryFileError(path, f"{where}'{key}' must be a string, not {type(value).__name__}")
    return value.strip() or None


def _votes(raw: object) -> int | None:
    """Net votes: a number, or ``{"up": n, "down": m}``. Votes only break ties between readers' sentences,
    so a malformed or absurd count is ignored rather than refused."""
    if isinstance(raw, dict):
        up, down = raw.get("up", 0), raw.get("down", 0)
        counts = (up, down)
        if all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n < 10**9 for n in counts):
            return up - down
        return None
    if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) < 10**9:
        return raw
    return None


def parse_story_json(source: str, path: Path, default_id: str, file_hash: str = "") -> Story:
    try:
        data = json.loads(source)
    except json.JSONDecodeError as exc:
        raise StoryFileError(
            path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    if not isinstance(data, dict):
        raise StoryFileError(path, f"expected a JSON object, found {type(data).__name__}")

    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise StoryFileError(path, "missing 'title'")

    paragraphs: list[Paragraph]
    if "paragraphs" in data:
        raw = data["paragraphs"]
        if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
            raise StoryFileError(path, "'paragraphs' must be a list of strings")
        paragraphs = []
        for i, text in enumerate(raw):
            stripped = text.strip()
            if stripped:
                start = len(text) - len(text.lstrip())
                paragraphs.append(Paragraph(stripped, start, start + len(stripped), field=f"/paragraphs/{i}"))
    elif "text" in data:
        if not isinstance(data["text"], str):
            raise StoryFileError(path, "'text' must be a string")
        paragraphs = split_paragraphs(data["text"], "/text")
    else:
        raise StoryFileError(path, "missing article text: give 'paragraphs' or 'text'")
    if not paragraphs:
        raise StoryFileError(path, "the article has no paragraphs (all empty)")
    paragraphs = [_with_role(p, has_next=i + 1 < len(paragraphs)) for i, p in enumerate(paragraphs)]

    raw_comments = data.get("comments") or []
    if not isinstance(raw_comments, list):
        raise StoryFileError(path, "'comments' must be a list")
    comments: list[Comment] = []
    dropped: list[str] = []
    for i, item in enumerate(raw_comments):
        where = f"comment {i + 1}: "
        if not isinstance(item, dict):
            raise StoryFileError(path, f"{where}expected an object, found {type(item).__name__}")
        text = item.get("text")
        if not isinstance(text, str):
            raise StoryFileError(path, f"{where}missing 'text'")
        parts = [
            replace(p, role=classify_comment_paragraph(p.text))
            for p in split_paragraphs(text, f"/comments/{i}/text")
        ]
        if not parts:
            dropped.append(f"comment {i + 1} (empty)")
            continue
        comments.append(
            Comment(
                number=len(comments) + 1,
                paragraphs=tuple(parts),
                id=_optional_str(item, "id", where, path),
                author=_optional_str(item, "author", where, path),
                parent=_optional_str(item, "parent", where, path),
                posted=_optional_str(item, "posted", where, path),
                votes=_votes(item.get("votes")),
            )
        )

    story_id = _optional_str(data, "id", "", path) or default_id
    headline_start = len(title) - len(title.lstrip())
    return Story(
        id=story_id,
        title=title.strip(),
        headline=Paragraph(
            title.strip(), headline_start, headline_start + len(title.strip()), "/title", True
        ),
        source_path=str(path),
        format="json",
        paragraphs=tuple(paragraphs),
        comments=tuple(comments),
        url=_optional_str(data, "url", "", path),
        published=_optional_str(data, "published", "", path),
        source=_optional_str(data, "source", "", path),
        file_hash=file_hash,
        dropped=tuple(dropped),
    )
