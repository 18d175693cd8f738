"""How summaries and summary-shaped answers are worded, numbered and kept within their length.

A line is written twice: once to measure it (with the widest citation markers it could get), once for
real, in reading order, so markers run [1], [2], ... down the text whatever order the lines were chosen
in. Lines are chosen by priority (the thesis, then the largest readers' position, ...) and one that
would push the text over its limit is left out; the next, shorter one may still fit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from retrieval.answer.framing import quote
from retrieval.answer.positions import POINT_MAX_WORDS
from retrieval.answer.summary import Point, SentenceRef
from retrieval.answer.untrusted import neutralise, safe_quote
from retrieval.index.manifest import StoryEntry
from retrieval.index.passage import Passage
from retrieval.models import Citation, published_at
from retrieval.text import plural

# Counts at or above this are rounded off ("About 30"): a clustering puts a comment or two either way.
ABOUT_FROM = 10


class Citations:
    """Numbers passages in the order the text first cites them, and gathers what it quotes of each."""

    def __init__(self, published: Mapping[str, str | None] | None = None) -> None:
        self.published = published or {}  # each story's date, for the citations to carry
        self.refs: dict[str, int] = {}
        self.cited: list[Passage] = []
        self.quoted: dict[str, list[str]] = {}

    def ref_of(self, passage: Passage) -> int:
        if passage.record_id not in self.refs:
            self.refs[passage.record_id] = len(self.refs) + 1
            self.cited.append(passage)
        return self.refs[passage.record_id]

    def quote(self, passage: Passage, text: str) -> None:
        if text not in self.quoted.setdefault(passage.record_id, []):
            self.quoted[passage.record_id].append(text)

    def cite(self, sentence: SentenceRef) -> int:
        """Cite ``sentence``'s passage, quoting the sentence; its marker number."""
        self.quote(sentence.passage, sentence.text)
        return self.ref_of(sentence.passage)

    def citations(self) -> tuple[Citation, ...]:
        return tuple(
            replace(
                Citation.of(
                    i,
                    {**p.metadata, "record_id": p.record_id},
                    p.text,
                    1.0,
                    safe_quote(" ".join(self.quoted.get(p.record_id, [])), p.kind),
                ),
                story_published=self.published.get(p.story),
            )
            for i, p in enumerate(self.cited, 1)
        )


class _Measuring(Citations):
    """Citations that give every passage a two-digit marker: a line measured with them is never shorter
    than it will be."""

    def ref_of(self, passage: Passage) -> int:
        super().ref_of(passage)
        return 99


# A line of text, written with the citations it draws on.
Write = Callable[[Citations], str]


@dataclass(frozen=True)
class Line:
    write: Write
    priority: int  # lower is kept first
    order: int  # where it goes in the text
    section: str = ""  # what part of the text it belongs to, for the joiner
    size: int = 0  # how many comments it speaks for (a readers' position)


def lines_text(texts: Sequence[tuple[str, str]]) -> str:
    """Plain lines, one under the other."""
    return "\n".join(text for _, text in texts)


def fit(
    lines: Sequence[Line], limit: int, joiner: Callable[[Sequence[tuple[str, str]]], str] = lines_text
) -> list[Line]:
    """The lines that fit in ``limit`` characters once joined (``joiner`` gets each line's section and
    text), chosen by priority, in reading order."""
    kept: list[Line] = []
    for line in sorted(lines, key=lambda item: item.priority):
        trial = sorted([*kept, line], key=lambda item: item.order)
        measuring = _Measuring()
        if len(joiner([(item.section, item.write(measuring)) for item in trial])) <= limit:
            kept = trial
    return kept


def write(lines: Sequence[Line], refs: Citations) -> list[str]:
    """The lines' texts, in reading order, numbering citations as they come."""
    return [line.write(refs) for line in sorted(lines, key=lambda item: item.order)]


# -- wording -----------------------------------------------------------------------------------------


def story_date(published: str | None) -> str | None:
    """ "9 February 2016" for an ISO date or time; what the story says otherwise."""
    when = published_at(published)
    if when is None:
        return (published or "").strip()[:40] or None
    return f"{when.day} {when:%B %Y}"


def story_label(entry: StoryEntry | None, story: str) -> str:
    """ "“Title” (9 February 2016)": which story, and of when."""
    title = quote(entry.title if entry is not None else story)
    date = story_date(entry.published) if entry is not None else None
    return f"{title} ({date})" if date else title


def comments_count(size: int) -> str:
    """ "About 30 reader comments", "3 reader comments", "1 reader comment"."""
    if size >= ABOUT_FROM:
        return f"About {size} reader comments"
    return plural(size, "reader comment")


def short_quote(sentence: SentenceRef) -> str:
    """A reader's sentence as quoted in a point: neutralised, and cut to a point's length if it is long."""
    text = neutralise(sentence.text).split()
    if len(text) > POINT_MAX_WORDS:
        return quote(" ".join(text[:POINT_MAX_WORDS]).rstrip(",;:") + " …")
    return quote(" ".join(text))


def position_line(point: Point) -> Write:
    """ "About 30 reader comments: “...” [3]" (one reader named by name)."""
    s = point.sentences[0]

    def line(refs: Citations) -> str:
        ref = refs.cite(s)
        if point.size == 1:
            author = s.passage.metadata.get("author")
            who = f"One reader ({author})" if author else "One reader"
            return f"{who}: {short_quote(s)} [{ref}]"
        return f"{comments_count(point.size)}: {short_quote(s)} [{ref}]"

    return line


def article_line(sentence: SentenceRef, lead: str = "") -> Write:
    def line(refs: Citations) -> str:
        return f"{lead}{sentence.text} [{refs.cite(sentence)}]"

    return line


def readers_line(positions: Sequence[Point], comment_count: int) -> Write | None:
    """One line on what readers say, for an overview: the largest position and how far it goes."""
    if not positions:
        return None
    largest = positions[0]
    s = largest.sentences[0]
    total = max(comment_count, sum(p.size for p in positions))

    def line(refs: Citations) -> str:
        said = f"{short_quote(s)} [{refs.cite(s)}]"
        if largest.size * 2 > total:
            return f"Readers: most of the {total} comments share one view: {said}"
        if largest.size == 1:
            return f"Readers ({total} comments) each make a different point; the first says {said}"
        return f"Readers ({total} comments) differ; the largest group, about {largest.size}, says {said}"

    return line
