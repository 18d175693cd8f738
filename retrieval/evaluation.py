"""Answer quality on a QA file, the format of ``../shared/eval/seed_dev.jsonl``.

Each line: ``{"id", "question", "answerable", "evidence": [...], "answer_any": [...], "kind",
"story": [...]}``.
Every item is answered by the same engine in one process; the metrics are:

- evidence recall: over answerable items with evidence, the share of evidence strings found in the
  text of the cited passages (case and typographic quotes ignored);
- story recall: over answerable items naming stories, the share with a citation from one of them;
- keyword hit rate: over answerable items with ``answer_any``, the share whose answer contains one;
- abstention accuracy: over all items, the share where "abstained" matches "not answerable";
- attribution accuracy: over answers citing a reader comment, the share in which every line that
  cites a comment frames it as a reader's claim, plus, for items whose fact lives in the comments
  (kind "comment"), that a comment is cited;
- latency p50/p95 of the answers, in milliseconds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from retrieval.answer.framing import is_reader_framed
from retrieval.errors import StorybotError
from retrieval.models import Answer
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


def _lines_citing(answer: str, ref: int) -> list[str]:
    return [line for line in answer.splitlines() if re.search(rf"\[{ref}\]", line)]


def attribution_ok(answer: Answer, item: EvalItem | None = None) -> bool | None:
    """None when the answer cites no comment (and none was needed)."""
    comment_refs = [c.ref for c in answer.citations if c.kind == "comment"]
    needs_comment = item is not None and item.kind == "comment" and item.answerable
    if not comment_refs:
        return False if needs_comment and not answer.abstained else None
    framed = all(is_reader_framed(line) for ref in comment_refs for line in _lines_citing(answer.answer, ref))
    return framed


@dataclass
class ItemResult:
    item: EvalItem
    answer: Answer
    evidence_found: int = 0
    story_hit: bool | None = None
    keyword_hit: bool | None = None
    abstention_ok: bool = False
    attribution: bool | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.item.id,
            **self.answer.to_dict(),
            "checks": {
                "evidence_found": self.evidence_found,
                "evidence_total": len(self.item.evidence),
                "story_hit": self.story_hit,
                "keyword_hit": self.keyword_hit,
                "abstention_ok": self.abstention_ok,
                "attribution_ok": self.attribution,
            },
        }


def check(item: EvalItem, answer: Answer) -> ItemResult:
    result = ItemResult(item, answer)
    cited = fold(" ".join(c.text for c in answer.citations))
    result.evidence_found = sum(1 for e in item.evidence if fold(e) in cited)
    if item.answerable and item.story:
        result.story_hit = any(c.story in item.story for c in answer.citations)
    if item.answerable and item.answer_any:
        text = fold(answer.answer)
        result.keyword_hit = any(fold(k) in text for k in item.answer_any)
    result.abstention_ok = answer.abstained == (not item.answerable)
    result.attribution = attribution_ok(answer, item)
    return result


def _share(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


@dataclass
class EvalReport:
    results: list[ItemResult] = field(default_factory=list)

    @property
    def metrics(self) -> dict:
        answerable = [r for r in self.results if r.item.answerable]
        with_evidence = [r for r in answerable if r.item.evidence]
        evidence_total = sum(len(r.item.evidence) for r in with_evidence)
        latencies = [r.answer.latency_ms for r in self.results]
        return {
            "items": len(self.results),
            "answerable": len(answerable),
            "evidence_recall": round(sum(r.evidence_found for r in with_evidence) / evidence_total, 4)
            if evidence_total
            else None,
            "story_recall": _share([r.story_hit for r in answerable if r.story_hit is not None]),
            "keyword_hit_rate": _share([r.keyword_hit for r in answerable if r.keyword_hit is not None]),
            "abstention_accuracy": _share([r.abstention_ok for r in self.results]),
            "false_abstentions": sum(1 for r in answerable if r.answer.abstained),
            "attribution_accuracy": _share(
                [r.attribution for r in self.results if r.attribution is not None]
            ),
            "latency_ms_p50": round(float(np.percentile(latencies, 50)), 2) if latencies else None,
            "latency_ms_p95": round(float(np.percentile(latencies, 95)), 2) if latencies else None,
        }

    def to_dict(self) -> dict:
        return {"items": [r.to_dict() for r in self.results], "metrics": self.metrics}


def evaluate(ask: Callable[[str], Answer], items: list[EvalItem]) -> EvalReport:
    """Answer every item with ``ask`` (one engine, one process) and check each answer."""
    return EvalReport([check(item, ask(item.question)) for item in items])
