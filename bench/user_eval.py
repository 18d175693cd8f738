"""`make user-eval`: answers to the Discord-style dev questions of ``../shared/eval/user_dev.jsonl``.

Each corpus the file names (seed, globe, rtqa) is indexed on its own, in its own data directory, as the
file's README says; every question is asked through the engine, as `storybot eval` does, and checked with
``retrieval.evaluation``. Prints the figures per question type and corpus, then overall against the targets
of issue 9. ``--show`` prints every answer beside what a good one says, for judging by hand.

Run: python -m bench.user_eval [--only seed|globe|rtqa] [--show] [--json FILE] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# The benchmark measures the default configuration, whatever profile the shell has selected.
os.environ.setdefault("STORYBOT_PROFILE", "")

from retrieval import (
    EvalItem,
    EvalReport,
    GroupFigures,
    ItemResult,
    build_engine,
    create_embeddings,
    evaluate,
    load_items,
    load_settings,
)

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
QUESTIONS = SHARED / "eval" / "user_dev.jsonl"
# Each corpus is indexed whole: the globe questions name their column among four, the rtqa ones face
# 105 distractor stories.
CORPORA: dict[str, Path] = {
    "seed": REPO / "corpus",
    "globe": SHARED / "data" / "globe-comments",
    "rtqa": SHARED / "data" / "realtimeqa-dev" / "stories",
}
SHOW_CHARS = 400


@dataclass(frozen=True)
class Target:
    name: str
    met: Callable[[EvalReport], bool]


def _overview_all_ok(report: EvalReport) -> bool:
    overall = report.overall
    return overall.overview_ok == overall.overview_total


# Issue 9, "Measure it": the thresholds on user_dev.jsonl, judged over all corpora together.
TARGETS: tuple[Target, ...] = (
    Target(
        "lead hit >= 0.75 (answerable factual/yesno/claim/commenter/author/comment-only)",
        lambda r: (r.overall.lead_hit_rate or 0.0) >= 0.75,
    ),
    Target(
        ">= 90% of unanswerable and off-topic questions abstain",
        lambda r: (r.overall.abstention_recall or 0.0) >= 0.90,
    ),
    Target("<= 2 false abstentions", lambda r: r.overall.false_abstentions <= 2),
    Target("every summary/readers'/contrast answered <= 900 chars, cited", _overview_all_ok),
    Target("no caption or boilerplate text in any answer", lambda r: r.overall.boilerplate_answers == 0),
    Target(
        "answer length p50 <= 400 chars",
        lambda r: r.overall.answer_chars_p50 is not None and r.overall.answer_chars_p50 <= 400,
    ),
)


def run_corpus(name: str, items: list[EvalItem], data_dir: Path, embeddings: object) -> EvalReport:
    """Index one corpus in ``data_dir`` (unless an index is already there) and answer its questions."""
    corpus = CORPORA[name]
    reuse = (data_dir / "index-ready").exists()
    settings = load_settings(data_dir=data_dir, corpus_dir=corpus, gc_grace_seconds=0)
    engine = build_engine(settings, embeddings=embeddings)
    try:
        if reuse:
            print(f"[{name}] reusing the index in {data_dir} (delete it after changing ingest)", flush=True)
        else:
            started = time.perf_counter()
            report = engine.ingest(corpus)
            for problem in report.problems:
                print(f"[{name}] not indexed: {problem}", flush=True)
            # Written last, so an interrupted ingest is redone rather than reused half-built.
            (data_dir / "index-ready").write_text(report.corpus_version or "")
            print(
                f"[{name}] indexed {report.stories} stories, {report.chunks} chunks "
                f"in {time.perf_counter() - started:.1f}s",
                flush=True,
            )
        started = time.perf_counter()
        result = evaluate(engine.ask, items, stories=engine.stories())
        print(
            f"[{name}] {len(items)} questions answered in {time.perf_counter() - started:.1f}s "
            f"({engine.status().mode} mode)",
            flush=True,
        )
        return result
    finally:
        engine.close()


def _lead_mark(result: ItemResult) -> str:
    item, answer = result.item, result.answer
    if not item.answerable:
        return "abstained ok" if answer.abstained else "ANSWERED (should abstain)"
    if answer.abstained:
        return "FALSE ABSTENTION"
    if result.lead_hit is None:
        return "no lead check"
    return "lead hit" if result.lead_hit else "LEAD MISS"


def show(result: ItemResult) -> None:
    """One question as an engineer judges it: what was asked, what a good answer says, what we said."""
    item, answer = result.item, result.answer
    marks = [_lead_mark(result)]
    if result.overview_problems:
        marks.append("OVERVIEW: " + ", ".join(result.overview_problems))
    elif result.overview_ok:
        marks.append("overview ok")
    if result.boilerplate:
        marks.append("BOILERPLATE: " + ", ".join(result.boilerplate))
    print(f"\n{item.id} [{item.qtype or '-'}] {' | '.join(marks)}")
    print(f"  Q: {item.question}")
    if item.expected:
        keys = f" (keys: {', '.join(item.answer_any)})" if item.answer_any else ""
        print(f"  expected: {item.expected}{keys}")
    text = answer.answer if len(answer.answer) <= SHOW_CHARS else answer.answer[:SHOW_CHARS] + "…"
    print(f"  answer ({len(answer.answer)} chars):")
    for line in text.splitlines():
        print(f"    {line}")
    if answer.citations:
        cited = ", ".join(f"[{c.ref}] {c.kind} {c.story}" for c in answer.citations)
        print(f"  cites: {cited}")


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "-"


def table_row(figures: GroupFigures) -> str:
    lead = f"{_ratio(figures.lead_hits, figures.lead_total)} {_cell(figures.lead_hit_rate)}"
    chars = "-" if figures.answer_chars_p50 is None else f"{figures.answer_chars_p50:.0f}"
    return (
        f"{figures.label:<17} {figures.items:>5} {figures.abstained:>5} {figures.false_abstentions:>6} "
        f"{(lead if figures.lead_total else '-'):>13} {_cell(figures.keyword_hit_rate):>8} "
        f"{_cell(figures.abstention_precision):>7} {_cell(figures.abstention_recall):>7} {chars:>10} "
        f"{_ratio(figures.overview_ok, figures.overview_total):>9} {figures.boilerplate_answers:>7}"
    )


def print_report(title: str, report: EvalReport) -> None:
    """The figures per question type, then over all of them."""
    print(f"\n== {title}")
    print(
        f"{'qtype':<17} {'items':>5} {'abst':>5} {'false':>6} {'lead hit':>13} {'keyword':>8} "
        f"{'abst P':>7} {'abst R':>7} {'chars p50':>10} {'overview':>9} {'boiler':>7}"
    )
    for figures in [*report.by_qtype.values(), report.overall]:
        print(table_row(figures))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(CORPORA), help="Run one corpus only.")
    parser.add_argument("--show", action="store_true", help="Print every question with its answer.")
    parser.add_argument("--json", type=Path, help="Also write every answer and figure to this file.")
    parser.add_argument(
        "--keep",
        type=Path,
        help="Keep each corpus's index in DIR/<corpus> and reuse it on the next run (delete it after "
        "changing ingest).",
    )
    args = parser.parse_args(argv)
    if not QUESTIONS.is_file():
        print(f"skipped: {QUESTIONS} not found (the user dev set lives in ../shared)")
        return 0

    items = load_items(QUESTIONS)
    by_corpus: dict[str, list[EvalItem]] = {}
    for item in items:
        by_corpus.setdefault(item.corpus or "", []).append(item)
    unknown = sorted(set(by_corpus) - set(CORPORA))
    if unknown:
        print(f"error: {QUESTIONS.name} names unknown corpora: {', '.join(unknown)}", file=sys.stderr)
        return 1

    scratch = Path(tempfile.mkdtemp(prefix="storybot-user-eval-"))
    root = args.keep or scratch
    embeddings = create_embeddings(load_settings())
    reports: dict[str, EvalReport] = {}
    try:
        for name in CORPORA:
            if args.only not in (None, name) or name not in by_corpus:
                continue
            if not CORPORA[name].is_dir():
                print(f"[{name}] skipped: {CORPORA[name]} not found")
                continue
            data_dir = root / name
            data_dir.mkdir(parents=True, exist_ok=True)
            reports[name] = run_corpus(name, by_corpus[name], data_dir, embeddings)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if not reports:
        print("nothing to evaluate")
        return 0

    if args.show:
        for report in reports.values():
            for result in report.results:
                show(result)
    for name, report in reports.items():
        print_report(f"{name}: {CORPORA[name]}", report)
    combined = EvalReport([r for report in reports.values() for r in report.results])
    print_report(f"all corpora ({', '.join(reports)})", combined)
    overall = combined.overall
    print(
        f"\nlead hit {overall.lead_hits}/{overall.lead_total} = {overall.lead_hit_rate}; "
        f"abstention precision {overall.abstention_precision}, recall {overall.abstention_recall}; "
        f"false abstentions {overall.false_abstentions}; answer chars p50 {overall.answer_chars_p50}; "
        f"overviews ok {overall.overview_ok}/{overall.overview_total}; "
        f"answers with boilerplate {overall.boilerplate_answers}"
    )
    targets = {target.name: target.met(combined) for target in TARGETS}
    for name, met in targets.items():
        print(f"  target: {name:<80} {'met' if met else 'NOT MET'}")
    if args.only:
        print("  (targets apply to all three corpora together; this run covers one)")

    if args.json:
        data = {
            "corpora": {name: report.to_dict() for name, report in reports.items()},
            "overall": combined.overall.to_dict(),
            "by_qtype": {q: f.to_dict() for q, f in combined.by_qtype.items()},
            "targets": targets,
        }
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
