"""Parser for the story JSON format.

``{"id"?, "title", "url"?, "published"?, "source"?, "paragraphs": [str] | "text": str,
"comments": [{"id"?, "author"?, "posted"?, "parent"?, "votes"?, "text", ...}]}``; unknown fields are ignored.
Offsets of each paragraph are into the decoded string at its JSON pointer (``Paragraph.field``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from retrieval.corpus.limits import DEFAULT_LIMITS, Folder, StoryLimits, lone_surrogate, too_long
from retrieval.corpus.model import Comment, Paragraph, Story
from retrieval.corpus.roles import classify_comment_paragraph, classify_paragraph, looks_like_heading
from retrieval.errors import StoryFileError

_BLANK_LINE = re.compile(r"\n\s*\n")
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = re.compile(r"[\[\]{}]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


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


class _NumberTooLong(ValueError):
    pass


def _bounded_int(digits: str) -> int:
    # Python refuses to convert integers over 4,300 digits (a ValueError mid-parse); no story needs 30.
    if len(digits) > 30:
        raise _NumberTooLong(len(digits))
    return int(digits)


def _nesting_depth(source: str, limit: int) -> int:
    """How deeply arrays and objects nest (strings skipped), counted up to just past ``limit``: json.loads
    recurses once per level, and 100,000 levels end in RecursionError."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", source)):
        depth += 1 if bracket in "[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def _surrogate_at(value: object, pointer: str = "") -> str | None:
    """The JSON pointer of the first string holding a lone surrogate, if any."""
    if isinstance(value, str):
        return pointer if lone_surrogate(value) else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and lone_surrogate(key):
            return f"{pointer}/{key!r}"
        found = _surrogate_at(item, f"{pointer}/{key}")
        if found is not None:
            return found
    return None


def _load(source: str, path: Path, limits: StoryLimits) -> Any:
    depth = _nesting_depth(source, limits.max_json_depth)
    if depth > limits.max_json_depth:
        raise StoryFileError(path, f"JSON nested more than {limits.max_json_depth} levels deep")
    try:
        data = json.loads(source, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise StoryFileError(
            path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    except _NumberTooLong as exc:
        raise StoryFileError(path, f"a number with {exc.args[0]:,} digits (at most 30)") from exc
    # Only a \uD8xx-\uDFxx escape can put a surrogate in decoded JSON: look only when there is one.
    if _SURROGATE_ESCAPE.search(source):
        where = _surrogate_at(data)
        if where is not None:
            raise StoryFileError(
                path, f"{where or 'the document'} holds a lone surrogate: not valid Unicode text"
            )
    return data


def _article(data: dict[str, Any], path: Path, limits: StoryLimits) -> list[Paragraph]:
    paragraphs: list[Paragraph]
    if "paragraphs" in data:
        raw = data["paragraphs"]
        if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
            raise StoryFileError(path, "'paragraphs' must be a list of strings")
        if len(raw) > limits.max_paragraphs:
            raise StoryFileError(path, f"{len(raw):,} paragraphs; the limit is {limits.max_paragraphs:,}")
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
    return [_with_role(p, has_next=i + 1 < len(paragraphs)) for i, p in enumerate(paragraphs)]


def _comments(raw_comments: object, path: Path, limits: StoryLimits) -> tuple[list[Comment], list[str]]:
    """The comments, repeats folded as they are read (a flood of one text costs one comment), and the
    ones dropped as empty."""
    if not isinstance(raw_comments, list):
        raise StoryFileError(path, "'comments' must be a list")
    comments: list[Comment] = []
    dropped: list[str] = []
    folder = Folder(limits.near_repeats)
    repeats: Counter[int] = Counter()
    aliases: dict[int, list[str]] = {}
    for i, item in enumerate(raw_comments):
        where = f"comment {i + 1}: "
        if not isinstance(item, dict):
            raise StoryFileError(path, f"{where}expected an object, found {type(item).__name__}")
        text = item.get("text")
        if not isinstance(text, str):
            raise StoryFileError(path, f"{where}missing 'text'")
        if len(text) > limits.max_comment_chars:
            raise StoryFileError(path, f"{where}{too_long('its text', len(text), limits.max_comment_chars)}")
        comment_id = _optional_str(item, "id", where, path)
        if not text.strip():
            dropped.append(f"comment {i + 1} (empty)")
            continue
        author = _optional_str(item, "author", where, path)
        # The same words from the same reader (or readers named alike: "user1", "user2") are one comment.
        earlier = folder.fold(f"{author or ''}\n{text}", len(comments))
        if earlier is not None:
            # Counted aside and applied once at the end: a flood is a loop of dictionary updates.
            repeats[earlier] += 1
            if comment_id:
                aliases.setdefault(earlier, []).append(comment_id)
            continue
        if len(comments) >= limits.max_comments:
            raise StoryFileError(
                path, f"more than {limits.max_comments:,} different comments (repeats folded)"
            )
        parts = [
            replace(p, role=classify_comment_paragraph(p.text))
            for p in split_paragraphs(text, f"/comments/{i}/text")
        ]
        comments.append(
            Comment(
                number=len(comments) + 1,
                paragraphs=tuple(parts),
                id=comment_id,
                author=author,
                parent=_optional_str(item, "parent", where, path),
                posted=_optional_str(item, "posted", where, path),
                votes=_votes(item.get("votes")),
            )
        )
    for index in repeats.keys() | aliases.keys():
        comments[index] = replace(
            comments[index], repeats=repeats[index], aliases=tuple(aliases.get(index, ()))
        )
    return comments, dropped


def _whole_words(title: str, paragraphs: list[Paragraph]) -> str:
    """The title as shown. Some exports make it the lede cut at a fixed length, mid-word ("... plans to
    reassess whethe"): it is shown to its last whole word, with an ellipsis."""
    for paragraph in paragraphs[:3]:
        text = paragraph.text
        if len(text) > len(title) and text.startswith(title) and text[len(title)].isalnum() and " " in title:
            return title.rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return title


def parse_story_json(
    source: str, path: Path, default_id: str, file_hash: str = "", limits: StoryLimits = DEFAULT_LIMITS
) -> Story:
    data = _load(source, path, limits)
    if not isinstance(data, dict):
        raise StoryFileError(path, f"expected a JSON object, found {type(data).__name__}")

    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise StoryFileError(path, "missing 'title'")
    if len(title.strip()) > limits.max_title_chars:
        raise StoryFileError(path, too_long("the title", len(title.strip()), limits.max_title_chars))

    paragraphs = _article(data, path, limits)
    comments, dropped = _comments(data.get("comments") or [], path, limits)

    story_id = _optional_str(data, "id", "", path) or default_id
    headline_start = len(title) - len(title.lstrip())
    return Story(
        id=story_id,
        title=_whole_words(title.strip(), paragraphs),
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
