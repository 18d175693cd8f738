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

For what a reader feels (issue 9), overall and per ``qtype``: lead hit rate (``LEAD_QTYPES`` and untyped
items: the answer's first sentence, up to its first ``[n]``, holds an ``answer_any`` key); abstention
precision and recall ("should abstain" = not answerable); answer length p50 of the answers given;
overviews (``OVERVIEW_QTYPES``) answered within ``OVERVIEW_MAX_CHARS`` citing the story's article and, on a
forum story (one whose index holds comments), a comment; answers carrying ``BOILERPLATE_PATTERNS``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass, field

import numpy as np

from retrieval.answer.framing import is_reader_framed
from retrieval.eval_items import (
    EvalItem,
    evidence_found,
    fold,
    fold_accents,
    story_hit,
)
from retrieval.models import Answer, StoryInfo
from retrieval.text import sentence_spans

# Question types that ask for one fact, verdict or view: a good answer's first sentence carries it.
LEAD_QTYPES = frozenset({"factual", "yesno", "claim_check", "commenter", "opinion_article", "comment_only"})
# Question types answered with an overview of the story or its readers rather than one fact.
OVERVIEW_QTYPES = frozenset({"summary", "comments_opinion", "contrast"})
OVERVIEW_MAX_CHARS = 900
UNTYPED = "-"
# Page furniture found in story text (the CNN stories of realtimeqa-dev): ad and video-player widgets,
# photo credit lines, gallery controls, datelines, newsletter plugs. None of it belongs in an answer.
BOILERPLATE_PATTERNS: dict[str, re.Pattern[str]] = {
    "ad feedback": re.compile(r"How relevant is this ad to you", re.IGNORECASE),
    "video player": re.compile(r"Video Ad Feedback|Video (?:player was slow|content never)|Ad froze"),
    "video source line": re.compile(r"\d:\d\d - Source:|\bSource: CNN"),
    "photo credit": re.compile(
        r"\bPhotos?:|\(Photo by |\bGetty Images\b|\bHide Caption\b|\bCourtesy [A-Z][a-z]+ [A-Z][a-z]+"
        r"|\w/(?:AP|AFP|Reuters|Bloomberg|Shutterstock|EPA|Sipa USA|NurPhoto)\b"
    ),
    "gallery controls": re.compile(r"\bPrev Next\b"),
    "dateline": re.compile(r"\bCNN\s+—"),
    "newsletter plug": re.compile(r"\bSign up (?:here|for CNN)|\bweekly newsletter\b", re.IGNORECASE),
}
_CITATION_MARKER = re.compile(r"\[\d+\]")


def lead_sentence(answer: str) -> str:
    """The answer's first sentence, up to its first citation marker: what a reader sees first. (A model may
    write several sentences before its first marker, hence the split.)"""
    first_line = next((line for line in answer.splitlines() if line.strip()), "")
    before_marker = _CITATION_MARKER.split(first_line, maxsplit=1)[0].strip()
    spans = sentence_spans(before_marker)
    return before_marker[spans[0][0] : spans[0][1]] if spans else before_marker


def boilerplate_in(text: str) -> tuple[str, ...]:
    """Names of the boilerplate patterns found in ``text``."""
    return tuple(name for name, pattern in BOILERPLATE_PATTERNS.items() if pattern.search(text))


def overview_problems(item: EvalItem, answer: Answer, forum_stories: Collection[str]) -> tuple[str, ...]:
    """Why an overview answer falls short: abstained, too long, no article or (forum) comment cited."""
    if answer.abstained:
        return ("abstained",)
    problems = []
    if len(answer.answer) > OVERVIEW_MAX_CHARS:
        problems.append(f"{len(answer.answer)} chars > {OVERVIEW_MAX_CHARS}")
    # Another story's passages do not summarise this one; an item naming no story accepts any.
    relevant = [c for c in answer.citations if not item.story or c.story in item.story]
    if not any(c.kind == "article" for c in relevant):
        problems.append("no article citation")
    named = set(item.story or (c.story for c in answer.citations))
    if named & set(forum_stories) and not any(c.kind == "comment" for c in relevant):
        problems.append("no comment citation on a forum story")
    return tuple(problems)


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
    lead: str = ""
    lead_hit: bool | None = None
    overview_problems: tuple[str, ...] | None = None  # None: not an overview question
    boilerplate: tuple[str, ...] = ()

    @property
    def overview_ok(self) -> bool | None:
        return None if self.overview_problems is None else not self.overview_problems

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
                "lead": self.lead,
                "lead_hit": self.lead_hit,
                "overview_problems": None if self.overview_problems is None else list(self.overview_problems),
                "boilerplate": list(self.boilerplate),
            },
            **({"qtype": self.item.qtype} if self.item.qtype else {}),
        }


def check(item: EvalItem, answer: Answer, forum_stories: Collection[str] = ()) -> ItemResult:
    result = ItemResult(item, answer)
    result.evidence_found = evidence_found(item, [c.text for c in answer.citations])
    result.story_hit = story_hit(item, [c.story for c in answer.citations])
    if item.answerable and item.answer_any:
        text = fold(answer.answer)
        result.keyword_hit = any(fold(k) in text for k in item.answer_any)
    result.abstention_ok = answer.abstained == (not item.answerable)
    result.attribution = attribution_ok(answer, item)
    result.lead = lead_sentence(answer.answer)
    if item.answerable and item.answer_any and (item.qtype is None or item.qtype in LEAD_QTYPES):
        # An abstention's lead is the bot's "does not say": a miss, whatever words it shares with a key.
        lead = fold_accents(result.lead)
        result.lead_hit = not answer.abstained and any(fold_accents(k) in lead for k in item.answer_any)
    if item.qtype in OVERVIEW_QTYPES and item.answerable:
        result.overview_problems = overview_problems(item, answer, forum_stories)
    result.boilerplate = boilerplate_in(answer.answer)
    return result


def _share(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True)
class GroupFigures:
    """The answer-quality figures of a group of results: one question type, or all of them."""

    label: str
    items: int
    abstained: int
    lead_hits: int
    lead_total: int
    keyword_hit_rate: float | None
    abstention_precision: float | None
    abstention_recall: float | None
    false_abstentions: int
    answer_chars_p50: float | None
    overview_ok: int
    overview_total: int
    boilerplate_answers: int

    @property
    def lead_hit_rate(self) -> float | None:
        return _ratio(self.lead_hits, self.lead_total)

    @classmethod
    def of(cls, label: str, results: list[ItemResult]) -> GroupFigures:
        answerable = [r for r in results if r.item.answerable]
        leads = [r.lead_hit for r in results if r.lead_hit is not None]
        abstained = [r for r in results if r.answer.abstained]
        due = sum(1 for r in abstained if not r.item.answerable)
        lengths = [len(r.answer.answer) for r in results if not r.answer.abstained]
        overviews = [r.overview_ok for r in results if r.overview_ok is not None]
        return cls(
            label=label,
            items=len(results),
            abstained=len(abstained),
            lead_hits=sum(leads),
            lead_total=len(leads),
            keyword_hit_rate=_share([r.keyword_hit for r in answerable if r.keyword_hit is not None]),
            abstention_precision=_ratio(due, len(abstained)),
            abstention_recall=_ratio(due, len(results) - len(answerable)),
            false_abstentions=sum(1 for r in answerable if r.answer.abstained),
            answer_chars_p50=round(float(np.percentile(lengths, 50)), 1) if lengths else None,
            overview_ok=sum(overviews),
            overview_total=len(overviews),
            boilerplate_answers=sum(1 for r in results if r.boilerplate),
        )

    def to_dict(self) -> dict:
        return {**asdict(self), "lead_hit_rate": self.lead_hit_rate}


@dataclass
class EvalReport:
    results: list[ItemResult] = field(default_factory=list)

    @property
    def metrics(self) -> dict:
        answerable = [r for r in self.results if r.item.answerable]
        with_evidence = [r for r in answerable if r.item.evidence]
        evidence_total = sum(len(r.item.evidence) for r in with_evidence)
        latencies = [r.answer.latency_ms for r in self.results]
        overall = self.overall
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
            "lead_hit_rate": overall.lead_hit_rate,
            "abstention_precision": overall.abstention_precision,
            "abstention_recall": overall.abstention_recall,
            "answer_chars_p50": overall.answer_chars_p50,
            "overviews_ok": f"{overall.overview_ok}/{overall.overview_total}"
            if overall.overview_total
            else None,
            "boilerplate_answers": overall.boilerplate_answers,
            "latency_ms_p50": round(float(np.percentile(latencies, 50)), 2) if latencies else None,
            "latency_ms_p95": round(float(np.percentile(latencies, 95)), 2) if latencies else None,
        }

    @property
    def overall(self) -> GroupFigures:
        return GroupFigures.of("all", self.results)

    @property
    def by_qtype(self) -> dict[str, GroupFigures]:
        """Figures per question type, in the order the types first appear."""
        groups: dict[str, list[ItemResult]] = {}
        for r in self.results:
            groups.setdefault(r.item.qtype or UNTYPED, []).append(r)
        return {qtype: GroupFigures.of(qtype, group) for qtype, group in groups.items()}

    def to_dict(self) -> dict:
        return {
            "items": [r.to_dict() for r in self.results],
            "metrics": self.metrics,
            "by_qtype": {qtype: figures.to_dict() for qtype, figures in self.by_qtype.items()},
        }


def evaluate(
    ask: Callable[[str], Answer], items: list[EvalItem], *, stories: Iterable[StoryInfo] = ()
) -> EvalReport:
    """Answer every item with ``ask`` (one engine, one process) and check each answer. ``stories``
    (``engine.stories()``) tell which hold comments: an overview of one must cite a comment too."""
    forum_stories = frozenset(s.id for s in stories if s.comments)
    return EvalReport([check(item, ask(item.question), forum_stories) for item in items])
