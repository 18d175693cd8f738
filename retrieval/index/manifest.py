"""What an index generation holds: its stories, their structure and counts, and the corpus version."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from retrieval.chunking import Chunk
from retrieval.corpus.model import Story
from retrieval.errors import IndexSchemaError
from retrieval.text import digest


def _short(text: str) -> str:
    return digest(text)[:12]


@dataclass(frozen=True)
class StoryEntry:
    """A story as an index generation holds it. ``paragraph_hashes``/``comment_hashes`` let a reload
    report which paragraphs changed and which comments came and went. ``has_article_text`` is False when
    the article holds only boilerplate, captions and subheads (a scraped video player, say): the story is
    indexed, but there is nothing in it to answer from."""

    id: str
    title: str
    source_path: str
    file_hash: str
    format: str
    paragraphs: int
    comments: int
    chunks: int
    url: str | None = None
    published: str | None = None
    source: str | None = None
    paragraph_hashes: tuple[str, ...] = ()
    comment_hashes: tuple[str, ...] = ()
    has_article_text: bool = True

    @classmethod
    def from_story(cls, story: Story, chunks: list[Chunk]) -> StoryEntry:
        return cls(
            id=story.id,
            title=story.title,
            source_path=story.source_path,
            file_hash=story.file_hash,
            format=story.format,
            paragraphs=len(story.paragraphs),
            # Every comment the file holds, repeats included: the readers' count stays what it was.
            comments=len(story.comments) + sum(c.repeats for c in story.comments),
            chunks=len(chunks),
            url=story.url,
            published=story.published,
            source=story.source,
            paragraph_hashes=tuple(_short(p.text) for p in story.paragraphs),
            comment_hashes=tuple(_short(f"{c.author}\x1f{c.text}") for c in story.comments),
            has_article_text=story.has_article_text,
        )


# The layout of the index (records, metadata, this manifest). 1: until titles left the chunk records;
# 2: titles in the manifest only. An index of an older layout is read as it is and rewritten by the next
# reload (its fingerprint differs); one of a newer layout is refused, not misread.
INDEX_SCHEMA = 2


@dataclass(frozen=True)
class Manifest:
    generation: int
    corpus_version: str
    built_at: float
    fingerprint: str  # embedding model + chunking settings: a change rebuilds every story
    stories: tuple[StoryEntry, ...] = field(default=())
    schema: int = INDEX_SCHEMA

    @property
    def chunk_count(self) -> int:
        return sum(s.chunks for s in self.stories)

    @property
    def without_article_text(self) -> tuple[str, ...]:
        """Stories with nothing to answer from: their article is only boilerplate, captions or subheads."""
        return tuple(s.id for s in self.stories if not s.has_article_text)

    def story(self, story_id: str) -> StoryEntry | None:
        return next((s for s in self.stories if s.id == story_id), None)

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        data["schema"] = schema = int(data.get("schema", 1))
        if schema > INDEX_SCHEMA:
            raise IndexSchemaError(
                f"the index was written by a newer storybot (index layout {schema}; this one reads up "
                f"to {INDEX_SCHEMA}): upgrade storybot, or point STORYBOT_DATA_DIR (or the Chroma "
                "namespace) at a new place and run `storybot ingest`"
            )
        stories = tuple(
            StoryEntry(
                **{
                    **s,
                    "paragraph_hashes": tuple(s.get("paragraph_hashes", ())),
                    "comment_hashes": tuple(s.get("comment_hashes", ())),
                }
            )
            for s in data.pop("stories", [])
        )
        return cls(stories=stories, **data)


def corpus_version(entries: list[StoryEntry] | tuple[StoryEntry, ...]) -> str:
    """A content hash of the corpus: the same story files give the same version."""
    joined = "\n".join(f"{e.id}\x1f{e.file_hash}" for e in sorted(entries, key=lambda e: e.id))
    return _short(joined)
