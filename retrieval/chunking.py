"""Paragraph-aware chunking.

Each section of a story is chunked on its own, so article text and comment text never share a chunk:
the article (headline, standfirst and body), the poster's note, and each reader comment.
Within a section LangChain's RecursiveCharacterTextSplitter packs whole paragraphs up to ``chunk_size``
and only cuts a paragraph that is longer than that, at sentence boundaries first.

A chunk's id is a hash of its content (story, kind, text, and which repeat of that text it is), so
the same text always gets the same id and is never embedded twice. Its *record id* adds a hash of
its metadata (locator, offsets), so a paragraph that merely moves gets a new record but keeps its vectors.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from langchain_text_splitters import RecursiveCharacterTextSplitter

from retrieval.corpus.limits import DEFAULT_LIMITS, Folder
from retrieval.corpus.model import Comment, Kind, Paragraph, Story
from retrieval.corpus.roles import ROLES, Role, asks
from retrieval.text import digest, embedding_pieces, sentence_spans

PARAGRAPH_BREAK = "\n\n"
HEADING_BREAK = "\n"
# A full stop that ends an abbreviation rather than a sentence: "5 p.m. ET", "Dr. Jones", "H. Seely",
# "the U.S. Army". A long paragraph is not cut there (the splitter takes the next sentence end instead).
_NOT_AFTER_ABBREVIATION = (
    r"(?<!\b[A-Za-z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bNo\.)(?<!\bMrs\.)(?<!\bGen\.)"
    r"(?<!\bGov\.)(?<!\bSen\.)(?<!\bRep\.)(?<!\bSgt\.)(?<!\bCol\.)(?<!\bProf\.)(?<!\bCapt\.)(?<!\bJan\.)"
    r"(?<!\bFeb\.)(?<!\bAug\.)(?<!\bSept\.)(?<!\bOct\.)(?<!\bNov\.)(?<!\bDec\.)(?<!\bInc\.)(?<!\bvs\.)"
)
# Paragraphs first, then lines, then sentence ends, then clauses, then words.
SEPARATORS = [
    r"\n\n",
    r"\n",
    rf"(?<=[.!?…]){_NOT_AFTER_ABBREVIATION}\s+",
    r"(?<=[;:])\s+",
    r"(?<=,)\s+",
    r"\s+",
    "",
]


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    story_id: str
    kind: Kind
    section: str  # article | note | comment
    where: str  # human locator: "paragraph 4", "comment 2 by NAME"
    text: str
    start: int  # offsets in the source (see Paragraph)
    end: int
    ordinal: int  # position within the story, for reading order
    sentences: tuple[tuple[int, int], ...]  # offsets within ``text``
    pieces: tuple[tuple[int, int, int], ...]  # embedding units: (start, end, sentence number) within ``text``
    field: str | None = None
    comment: int | None = None
    author: str | None = None
    reply_to: int | None = None
    votes: int | None = None  # a comment's net votes, when its story counts them
    paragraphs: tuple[int, int] | None = None  # first and last article paragraph number (1-based)
    lead: tuple[str, ...] = ()  # "headline" and/or "standfirst" when the chunk holds them
    # The role of each sentence's paragraph (see retrieval.corpus.roles), aligned with ``sentences``.
    roles: tuple[Role, ...] = ()
    part: int | None = None  # part k of n of a paragraph or comment split over several chunks
    parts: int | None = None
    repeats: int = 0  # later comments with this comment's text, folded into it

    @property
    def meta_hash(self) -> str:
        return digest(json.dumps(self.metadata(), sort_keys=True))[:10]

    @property
    def record_id(self) -> str:
        return f"{self.chunk_id}.{self.meta_hash}"

    def sentence_texts(self) -> list[str]:
        return [self.text[a:b] for a, b in self.sentences]

    def piece_texts(self) -> list[str]:
        return [self.text[a:b] for a, b, _ in self.pieces]

    def metadata(self) -> dict[str, str | int]:
        """Chroma metadata (no None values: Chroma refuses them). The story's own metadata (its title) is
        not repeated here: the manifest holds it once per story, and the snapshot hands it to readers."""
        meta: dict[str, str | int] = {
            "chunk_id": self.chunk_id,
            "story": self.story_id,
            "kind": self.kind,
            "section": self.section,
            "where": self.where,
            "start": self.start,
            "end": self.end,
            "ordinal": self.ordinal,
            "sents": json.dumps(self.sentences, separators=(",", ":")),
            "pieces": json.dumps(self.pieces, separators=(",", ":")),
        }
        # Only chunks holding a subhead, caption or boilerplate carry roles, so all-body chunks keep
        # the record ids they had before roles existed (and are not rewritten on the next reload).
        if any(role != "body" for role in self.roles):
            meta["roles"] = json.dumps(self.roles, separators=(",", ":"))
        optional = {
            "field": self.field,
            "comment": self.comment,
            "author": self.author,
            "reply_to": self.reply_to,
            "votes": self.votes,
            "para_first": self.paragraphs[0] if self.paragraphs else None,
            "para_last": self.paragraphs[1] if self.paragraphs else None,
            "lead": ",".join(self.lead) or None,
            "part": self.part,
            "parts": self.parts,
            "repeats": self.repeats or None,
        }
        meta.update({k: v for k, v in optional.items() if v is not None})
        return meta


def sentence_roles(metadata: Mapping[str, object], count: int) -> list[Role]:
    """The role of each of a stored chunk's ``count`` sentences: "body" unless its metadata says otherwise
    (chunks indexed before roles existed are all body)."""
    raw = metadata.get("roles")
    if not isinstance(raw, str):
        return ["body"] * count
    roles = [r if r in ROLES else "body" for r in json.loads(raw)]
    return (roles + ["body"] * count)[:count]


def text_hash(text: str) -> str:
    """Key of an embedding: the same sentence text always maps to the same vector."""
    return digest(text)[:24]


@lru_cache(maxsize=8)
def _splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=SEPARATORS,
        is_separator_regex=True,
        keep_separator=True,
        add_start_index=True,
    )


@dataclass(frozen=True)
class _Piece:
    text: str
    paragraphs: tuple[int, ...]  # indexes into the section's paragraph list
    start: int
    end: int
    field: str | None
    # Where each covered paragraph starts within ``text`` (0 for one begun in an earlier piece), and its role.
    paragraph_roles: tuple[tuple[int, Role], ...] = ()


def _split_section(paragraphs: tuple[Paragraph, ...], chunk_size: int, chunk_overlap: int) -> list[_Piece]:
    """Pack a section's paragraphs into pieces of at most ``chunk_size`` characters."""
    offsets: list[int] = []
    breaks: list[str] = []
    position, joined = 0, False
    for p in paragraphs:
        # A line break, not a paragraph break, joins a subhead that asks (and a subhead under it) to what
        # answers it: the splitter cuts at paragraph breaks first, so "How much?" stays with the amount.
        joined = p.role == "subhead" and (joined or asks(p.text))
        breaks.append(HEADING_BREAK if joined else PARAGRAPH_BREAK)
        offsets.append(position)
        position += len(p.text) + len(breaks[-1])
    section_text = "".join(p.text + gap for p, gap in zip(paragraphs, breaks)).rstrip("\n")
    pieces = []
    for doc in _splitter(chunk_size, chunk_overlap).create_documents([section_text]):
        text = doc.page_content
        begin = doc.metadata["start_index"]
        finish = begin + len(text)
        covered = tuple(
            i for i, p in enumerate(paragraphs) if offsets[i] < finish and offsets[i] + len(p.text) > begin
        )
        first, last = paragraphs[covered[0]], paragraphs[covered[-1]]
        start = first.start + max(0, begin - offsets[covered[0]])
        end = last.start + min(len(last.text), finish - offsets[covered[-1]])
        paragraph_roles = tuple((max(0, offsets[i] - begin), paragraphs[i].role) for i in covered)
        pieces.append(_Piece(text, covered, start, end, first.field, paragraph_roles))
    return pieces


def _roles_of(
    sentences: list[tuple[int, int]], paragraph_roles: tuple[tuple[int, Role], ...]
) -> tuple[Role, ...]:
    """Each sentence takes the role of the paragraph it starts in: a sentence never spans a paragraph."""
    roles: list[Role] = []
    for start, _ in sentences:  # the last paragraph begun at or before the sentence's start
        roles.append(next((role for offset, role in reversed(paragraph_roles) if offset <= start), "body"))
    return tuple(roles)


def _paragraph_locator(numbers: list[int], part: int | None, parts: int) -> str:
    label = (
        f"paragraph {numbers[0]}" if numbers[0] == numbers[-1] else f"paragraphs {numbers[0]}–{numbers[-1]}"
    )
    if part is not None and numbers[0] == numbers[-1] and parts > 1:
        label += f" (part {part})"
    return label


def _comment_locator(comment: Comment, reply_to: int | None, part: int, parts: int) -> str:
    label = f"comment {comment.number}"
    if comment.author:
        label += f" by {comment.author}"
    if reply_to is not None:
        label += f", reply to comment {reply_to}"
    if parts > 1:
        label += f", part {part} of {parts}"
    return label


def _part_of(part: int | None, parts: int) -> dict[str, int]:
    """Part k of n, for a paragraph or comment split over several chunks; nothing when it is whole."""
    return {"part": part, "parts": parts} if part is not None and parts > 1 else {}


def chunk_story(
    story: Story,
    chunk_size: int = 700,
    chunk_overlap: int = 0,
    near_repeats: int = DEFAULT_LIMITS.near_repeats,
) -> list[Chunk]:
    """All chunks of a story, in reading order."""
    drafts: list[dict] = []

    # The headline and standfirst open the article section, so they share a chunk with the first paragraphs:
    # a citation of the lead then carries the paragraphs that bear it out.
    lead = [p for p in (story.headline, story.standfirst) if p is not None]
    lead_names = ["headline", "standfirst"][: len(lead)] if story.headline else ["standfirst"]
    body = _split_section((*lead, *story.paragraphs), chunk_size, chunk_overlap)
    pieces_per_paragraph = Counter(i for piece in body for i in piece.paragraphs)
    seen_parts: Counter[int] = Counter()
    for piece in body:
        numbered = [i - len(lead) + 1 for i in piece.paragraphs if i >= len(lead)]
        named = [lead_names[i] for i in piece.paragraphs if i < len(lead)]
        part = None
        if len(piece.paragraphs) == 1:
            seen_parts[piece.paragraphs[0]] += 1
            part = seen_parts[piece.paragraphs[0]]
        where = [*named]
        if numbered:
            where.append(_paragraph_locator(numbered, part, pieces_per_paragraph[piece.paragraphs[0]]))
        drafts.append(
            {
                "kind": "article",
                "section": "article",
                "where": " and ".join([", ".join(where[:-1]), where[-1]]) if len(where) > 1 else where[0],
                "text": piece.text,
                "paragraph_roles": piece.paragraph_roles,
                "start": piece.start,
                "end": piece.end,
                "field": piece.field,
                "paragraphs": (numbered[0], numbered[-1]) if numbered else None,
                "lead": tuple(named),
                **_part_of(part, pieces_per_paragraph[piece.paragraphs[0]] if part is not None else 1),
            }
        )

    if story.note:
        for piece in _split_section(story.note, chunk_size, chunk_overlap):
            drafts.append(
                {
                    "kind": "comment",
                    "section": "note",
                    "where": "poster's note",
                    "text": piece.text,
                    "paragraph_roles": piece.paragraph_roles,
                    "start": piece.start,
                    "end": piece.end,
                    "field": piece.field,
                    "author": "the poster",
                }
            )

    numbers_by_id = story.comment_numbers_by_id
    for comment in story.comments:
        reply_to = numbers_by_id.get(comment.parent) if comment.parent else None
        pieces = _split_section(comment.paragraphs, chunk_size, chunk_overlap)
        for part, piece in enumerate(pieces, 1):
            drafts.append(
                {
                    "kind": "comment",
                    "section": "comment",
                    "where": _comment_locator(comment, reply_to, part, len(pieces)),
                    "text": piece.text,
                    "paragraph_roles": piece.paragraph_roles,
                    "start": piece.start,
                    "end": piece.end,
                    "field": piece.field,
                    "comment": comment.number,
                    "author": comment.author,
                    "reply_to": reply_to,
                    "votes": comment.votes,
                    "repeats": comment.repeats,
                    **_part_of(part, len(pieces)),
                }
            )

    chunks = []
    occurrences: Counter[tuple[str, str]] = Counter()
    # Each distinct sentence of the story is embedded and stored once (see retrieval.corpus.limits): a
    # repeat keeps its place in the text but gets no vector of its own, so a sentence pasted 16,000 times
    # cannot fill the vector search's candidates. A chunk holding nothing but repeats is dropped, unless it
    # opens the article, the note or a comment (that comment's only way to be found).
    folder = Folder(near_repeats)
    first_article = True
    for ordinal, draft in enumerate(drafts):
        paragraph_roles = draft.pop("paragraph_roles")
        sentences = sentence_spans(draft["text"]) or [(0, len(draft["text"]))]
        every_piece = [
            (a, b, number)
            for number, span in enumerate(sentences)
            for a, b in embedding_pieces(draft["text"], span)
        ]
        pieces = tuple(p for p in every_piece if folder.fold(draft["text"][p[0] : p[1]], 0) is None)
        opens = draft.get("part", 1) == 1 and (draft["section"] != "article" or first_article)
        first_article = first_article and draft["section"] != "article"
        if not pieces:
            if not opens:
                continue
            pieces = tuple(every_piece[:1])
        key = (draft["kind"], draft["text"])
        occurrence = occurrences[key]
        occurrences[key] += 1
        chunk_id = digest(f"{story.id}\x1f{draft['kind']}\x1f{occurrence}\x1f{draft['text']}")[:24]
        chunks.append(
            Chunk(
                chunk_id=chunk_id,
                story_id=story.id,
                ordinal=ordinal,
                sentences=tuple(sentences),
                roles=_roles_of(sentences, paragraph_roles),
                pieces=pieces,
                **draft,
            )
        )
    return chunks
