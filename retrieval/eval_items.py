"""The questions of a QA file (the format of ``../shared/eval/seed_dev.jsonl``), and how a set of cited
passages is matched against them: what ``storybot eval`` and the benchmark's baseline both count."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from retrieval.errors import StorybotError
from retrieval.text import normalise


class EvalFileError(StorybotError):
    """The QA file cannot be read."""


@dataclass(frozen=True)
class EvalItem:
    id: str
    question: str
    answerable: bool
    evidence: tuple[str, ...] = ()
    answer_any: tuple[str, ...] = ()
    kind: str | None = None
    story: tuple[str, ...] = ()
    qtype: str | None = None
    corpus: str | None = None
    expected: str = ""  # what a good answer says, for a reader of the report


def load_items(path: Path) -> list[EvalItem]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            items.append(
                EvalItem(
                    id=str(row["id"]),
                    question=str(row["question"]),
                    answerable=bool(row["answerable"]),
                    evidence=tuple(row.get("evidence") or ()),
                    answer_any=tuple(row.get("answer_any") or ()),
                    kind=row.get("kind"),
                    story=tuple(row.get("story") or ()),
                    qtype=row.get("qtype"),
                    corpus=row.get("corpus"),
                    expected=str(row.get("expected") or ""),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvalFileError(f"{path.name}, line {number}: not a QA item ({exc})") from exc
    if not items:
        raise EvalFileError(f"{path.name} holds no questions")
    return items


def fold(text: str) -> str:
    """Text as the metrics compare it: typographic quotes folded, case and spacing ignored."""
    return " ".join(normalise(text).casefold().split())


def fold_accents(text: str) -> str:
    """``fold`` that also drops diacritics, so a key "Zelenska" matches "Zelenská" and the reverse."""
    return "".join(c for c in unicodedata.normalize("NFKD", fold(text)) if not unicodedata.combining(c))


def evidence_found(item: EvalItem, cited_texts: Iterable[str]) -> int:
    """How many of the item's evidence strings the cited passages hold."""
    cited = fold(" ".join(cited_texts))
    return sum(1 for e in item.evidence if fold(e) in cited)


def story_hit(item: EvalItem, cited_stories: Iterable[str]) -> bool | None:
    """Whether a citation comes from one of the item's stories (None: the item names none, or is
    unanswerable)."""
    if not (item.answerable and item.story):
        return None
    return any(story in item.story for story in cited_stories)


def cited_recall(
    items: Sequence[EvalItem], cited: Sequence[Sequence[tuple[str, str]]]
) -> tuple[float | None, float | None]:
    """Evidence recall and story recall of the passages cited for each item, as ``(story, text)`` pairs:
    the definitions of ``storybot eval``, for results that are not answers (a bare retriever's)."""
    found = total = 0
    hits: list[bool] = []
    for item, passages in zip(items, cited):
        if not item.answerable:
            continue
        total += len(item.evidence)
        found += evidence_found(item, [text for _, text in passages])
        hit = story_hit(item, [story for story, _ in passages])
        if hit is not None:
            hits.append(hit)
    return (round(found / total, 4) if total else None, round(sum(hits) / len(hits), 4) if hits else None)
