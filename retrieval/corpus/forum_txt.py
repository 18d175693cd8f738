"""Parser for forum exports (``.txt``).

The layout, as the first story shows it::

    Headline
    <blank>
    Standfirst
    <blank>
    Article paragraph (one per line; a line without a blank before it is still its own paragraph)
    ...
    Poster's note ("For those interested, see copy of letter in this link.....")
    <blank>
      • A reader comment opens with a bullet
        and continues on indented lines, in paragraphs, sometimes with sub-headings.
      • The next comment.
    Site chrome ("Sign In or Register to comment.")

Everything after the comments that is not indented is site chrome and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from retrieval.corpus.model import Comment, Paragraph, Story
from retrieval.corpus.roles import Role, classify_comment_paragraph, classify_paragraph, looks_like_heading
from retrieval.errors import StoryFileError

__all__ = ["looks_like_heading", "parse_forum_text"]

BULLETS = ("•", "●", "▪", "◦")
# Lines forum software adds around the discussion; dropped wherever they stand.
CHROME = re.compile(
    r"^(sign in or register to comment\.?|sign in to comment\.?|log ?in to comment\.?|register to comment\.?"
    r"|share this( post| thread)?|report( post)?|quote|reply|load more comments\.?)$",
    re.IGNORECASE,
)
# How a poster introduces their own aside after the article they pasted.
POSTER_NOTE = re.compile(
    r"^(for those interested|for anyone interested|click here|h/t\b|hat tip\b"
    r"|source\s*[:\-]|link\s*[:\-]|via\s*[:\-])"
    r"|\b(see|read) (a )?(copy|the full|full)\b|\bin this link\b",
    re.IGNORECASE,
)
STANDFIRST_MAX_CHARS = 300


@dataclass(frozen=True)
class _Line:
    text: str  # stripped of indentation, bullet and trailing whitespace
    start: int
    end: int
    indented: bool
    bullet: bool


def _lines(source: str) -> list[_Line | None]:
    """Each line as a _Line, or None for a blank line, with offsets into ``source``."""
    out: list[_Line | None] = []
    offset = 0
    for raw in source.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if not stripped:
            out.append(None)
        else:
            lead = len(body) - len(body.lstrip())
            bullet = stripped.startswith(BULLETS)
            text_start = offset + lead
            if bullet:
                after = stripped[1:]
                text_start += 1 + (len(after) - len(after.lstrip()))
                stripped = after.strip()
            out.append(_Line(stripped, text_start, text_start + len(stripped), lead > 0, bullet))
        offset += len(raw)
    return out


def _paragraph(line: _Line, heading: bool = False, role: Role = "body") -> Paragraph:
    return Paragraph(text=line.text, start=line.start, end=line.end, heading=heading, role=role)


def _article_paragraphs(lines: list[_Line]) -> tuple[Paragraph, ...]:
    """The article's paragraphs with their roles; a heading needs a paragraph after it to head."""
    out = []
    for i, line in enumerate(lines):
        has_next = i + 1 < len(lines)
        heading = has_next and looks_like_heading(line.text)
        role = classify_paragraph(line.text, heading=heading, has_next=has_next)
        out.append(_paragraph(line, heading=heading, role=role))
    return tuple(out)


def _comment_paragraphs(lines: list[_Line]) -> tuple[Paragraph, ...]:
    """A comment's paragraphs: its first line is never a heading (it opens the comment)."""
    out = []
    for i, line in enumerate(lines):
        heading = 0 < i < len(lines) - 1 and looks_like_heading(line.text)
        out.append(
            _paragraph(line, heading=heading, role=classify_comment_paragraph(line.text, heading=heading))
        )
    return tuple(out)


def parse_forum_text(source: str, path: Path, story_id: str, file_hash: str = "") -> Story:
    lines = _lines(source)
    preamble: list[_Line] = []
    comments: list[list[_Line]] = []
    dropped: list[str] = []
    in_comments = False
    ended = False
    for line in lines:
        if line is None:
            continue
        if ended:
            dropped.append(line.text)
            continue
        if CHROME.match(line.text):
            dropped.append(line.text)
            continue
        if line.bullet:
            in_comments = True
            comments.append([line])
        elif in_comments:
            if line.indented:
                comments[-1].append(line)
            else:
                # Comments are indented; a flush-left line after them is the site's footer.
                ended = True
                dropped.append(line.text)
        else:
            preamble.append(line)

    if not preamble:
        raise StoryFileError(path, "no headline: the file has no text before the comments")
    headline = preamble[0]
    rest = preamble[1:]
    standfirst: _Line | None = None
    if len(rest) >= 2 and len(rest[0].text) <= STANDFIRST_MAX_CHARS:
        standfirst, rest = rest[0], rest[1:]
    note: list[_Line] = []
    while rest and POSTER_NOTE.search(rest[-1].text):
        note.insert(0, rest.pop())
    if not rest:
        raise StoryFileError(path, "no article paragraphs after the headline")

    return Story(
        id=story_id,
        title=headline.text,
        source_path=str(path),
        format="txt",
        headline=_paragraph(headline, heading=True),
        standfirst=_paragraph(standfirst, role=classify_paragraph(standfirst.text)) if standfirst else None,
        paragraphs=_article_paragraphs(rest),
        note=tuple(_paragraph(n) for n in note),
        comments=tuple(
            Comment(number=i, paragraphs=_comment_paragraphs(c)) for i, c in enumerate(comments, 1)
        ),
        file_hash=file_hash,
        dropped=tuple(dropped),
    )
