"""What an ingest reports: its progress while it embeds, and when it is done an ``IngestReport`` of what
the new generation holds and what changed, with a ``StoryDiff`` per rebuilt story."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from retrieval.index.manifest import StoryEntry
from retrieval.index.passage import Passage

# Called with (pieces embedded so far, pieces to embed in all).
EmbedProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class StoryDiff:
    """What changed in one story between the served generation and the new one."""

    story: str
    paragraphs_changed: int = 0
    comments_added: int = 0
    comments_removed: int = 0


@dataclass(frozen=True)
class IngestReport:
    stories: int
    chunks: int
    embedded: int
    reused: int
    removed: int
    corpus_version: str
    seconds: float
    generation: int
    previous_version: str | None = None
    pieces_embedded: int = 0
    stories_added: tuple[str, ...] = ()
    stories_removed: tuple[str, ...] = ()
    stories_changed: tuple[str, ...] = ()
    story_diffs: tuple[StoryDiff, ...] = ()
    problems: tuple[str, ...] = ()
    kept_from_previous: tuple[str, ...] = ()
    # Indexed, but with only boilerplate, captions or subheads for an article: nothing to answer from.
    without_article_text: tuple[str, ...] = ()
    # Set when the reload was applied but could not be recorded in the audit trail: why, and the fix.
    audit_problem: str | None = None
    superseded: tuple[Passage, ...] = field(default=(), repr=False, compare=False)

    @property
    def changed(self) -> bool:
        return self.corpus_version != self.previous_version

    @property
    def paragraphs_changed(self) -> int:
        return sum(d.paragraphs_changed for d in self.story_diffs)

    @property
    def comments_added(self) -> int:
        return sum(d.comments_added for d in self.story_diffs)

    @property
    def comments_removed(self) -> int:
        return sum(d.comments_removed for d in self.story_diffs)

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("superseded")
        data["story_diffs"] = [asdict(d) for d in self.story_diffs]
        data.update(
            changed=self.changed,
            paragraphs_changed=self.paragraphs_changed,
            comments_added=self.comments_added,
            comments_removed=self.comments_removed,
        )
        return data

    def summary_line(self) -> str:
        line = (
            f"{self.stories} stories, {self.chunks} chunks: {self.embedded} embedded, {self.reused} reused, "
            f"{self.removed} removed (corpus {self.corpus_version}, {self.seconds:.1f}s)"
        )
        if not self.changed:
            line += " — no changes"
        if self.without_article_text:
            line += f"; no article text in: {', '.join(self.without_article_text)}"
        return line


def diff_story(old: StoryEntry | None, new: StoryEntry) -> StoryDiff:
    if old is None:
        return StoryDiff(new.id, len(new.paragraph_hashes), len(new.comment_hashes), 0)
    # Paragraph changes by position-insensitive multiset, so an insertion counts once, not for every shift.
    old_p, new_p = list(old.paragraph_hashes), list(new.paragraph_hashes)
    for h in list(new_p):
        if h in old_p:
            old_p.remove(h)
            new_p.remove(h)
    old_c, new_c = set(old.comment_hashes), set(new.comment_hashes)
    return StoryDiff(new.id, max(len(old_p), len(new_p)), len(new_c - old_c), len(old_c - new_c))
