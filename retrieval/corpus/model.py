"""What a parsed story looks like: plain, immutable data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from retrieval.corpus.roles import Role

Kind = Literal["article", "comment"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of text and where it sits in its source.

    ``start``/``end`` are character offsets: into the file for ``.txt`` stories, into the decoded JSON
    string named by ``field`` (a JSON pointer such as ``/paragraphs/3``) for ``.json`` stories.
    ``heading`` marks a sub-heading line (short, no closing punctuation) inside a comment or article.
    ``role`` says what the paragraph is (see :mod:`retrieval.corpus.roles`): body text, or a subhead, photo
    caption or page boilerplate — kept for context, never an answer's lead sentence or a summary point.
    """

    text: str
    start: int
    end: int
    field: str | None = None
    heading: bool = False
    role: Role = "body"


@dataclass(frozen=True)
class Comment:
    """A reader comment: numbered from 1 in the order the source lists them."""

    number: int
    paragraphs: tuple[Paragraph, ...]
    id: str | None = None
    author: str | None = None
    parent: str | None = None
    posted: str | None = None
    votes: int | None = None  # net votes (up minus down), when the source counts them
    # Later comments with the same text, folded into this one (see retrieval.corpus.limits), and their ids.
    repeats: int = 0
    aliases: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def start(self) -> int:
        return self.paragraphs[0].start

    @property
    def end(self) -> int:
        return self.paragraphs[-1].end


@dataclass(frozen=True)
class Story:
    """An article with its reader comments."""

    id: str
    title: str
    source_path: str
    format: Literal["txt", "json"]
    paragraphs: tuple[Paragraph, ...]
    comments: tuple[Comment, ...] = ()
    standfirst: Paragraph | None = None
    headline: Paragraph | None = None
    note: tuple[Paragraph, ...] = ()
    url: str | None = None
    published: str | None = None
    source: str | None = None
    file_hash: str = ""
    dropped: tuple[str, ...] = field(default=(), compare=False)

    @property
    def comment_numbers_by_id(self) -> dict[str, int]:
        numbers = {alias: c.number for c in self.comments for alias in c.aliases}
        numbers.update((c.id, c.number) for c in self.comments if c.id)
        return numbers

    @property
    def has_article_text(self) -> bool:
        """False when every article paragraph is a subhead, caption or boilerplate: a page that reached
        us as a video player's ad form, say, has nothing to answer from."""
        lead = [self.standfirst] if self.standfirst else []
        return any(p.role == "body" for p in (*lead, *self.paragraphs))
