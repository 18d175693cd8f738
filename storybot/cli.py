"""The ``storybot`` command: the CLI contract the bot, the tests and the benchmarks rely on.

Errors print one line and exit non-zero; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer

from retrieval.errors import StorybotError
from retrieval.settings import Settings, load_settings
from storybot.logs import configure_logging

if TYPE_CHECKING:
    from retrieval.engine import StoryEngine
    from retrieval.models import Answer, Citation, Summary

app = typer.Typer(
    name="storybot",
    help="Answers questions about news stories and their reader comments, with cited passages.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

QUOTE_CHARS = 220


class Scope(StrEnum):
    article = "article"
    comments = "comments"
    all = "all"


@dataclass
class State:
    """Settings and the engine, built once per invocation and only when a command needs them."""

    debug: bool = False
    overrides: dict[str, Any] = field(default_factory=dict)
    _settings: Settings | None = None
    _engine: StoryEngine | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(**self.overrides)
        return self._settings

    @property
    def engine(self) -> StoryEngine:
        if self._engine is None:
            from retrieval.engine import build_engine

            self._engine = build_engine(self.settings)
        return self._engine


def _state(ctx: typer.Context) -> State:
    return ctx.ensure_object(State)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.callback()
def main_options(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Index and state directory (default: STORYBOT_DATA_DIR)."),
    ] = None,
) -> None:
    configure_logging("WARNING", debug=debug)
    overrides = {"data_dir": data_dir} if data_dir else {}
    ctx.obj = State(debug=debug, overrides=overrides)


# -- ingest ------------------------------------------------------------------------------------------


@app.command()
def ingest(
    ctx: typer.Context,
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Story directory (default: STORYBOT_CORPUS_DIR).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Change nothing if any story file is broken.")
    ] = False,
) -> None:
    """Index the corpus: embed new or changed text, reuse the rest, drop what was removed."""
    from tqdm import tqdm

    state = _state(ctx)
    engine = state.engine
    bar: tqdm | None = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and total:
            bar = tqdm(
                total=total, unit="piece", desc="embedding", file=sys.stderr, leave=False, disable=None
            )
        if bar is not None:
            bar.n = done
            bar.refresh()

    try:
        report = engine.ingest(corpus, strict=strict, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    if as_json:
        keys = ("stories", "chunks", "embedded", "reused", "removed", "corpus_version", "seconds")
        data = report.to_dict()
        _print_json({**{k: data[k] for k in keys}, **{k: v for k, v in data.items() if k not in keys}})
    else:
        typer.echo(report.summary_line())
        for line in _change_lines(report):
            typer.echo(f"  {line}")
    for problem in report.problems:
        typer.echo(f"error: {problem}", err=True)
    if report.problems:
        kept = (
            f" (kept the previous version of: {', '.join(report.kept_from_previous)})"
            if report.kept_from_previous
            else ""
        )
        typer.echo(f"error: {len(report.problems)} story file(s) were not indexed{kept}", err=True)
        raise typer.Exit(1)


def _change_lines(report: Any) -> list[str]:
    lines = []
    for label, ids in (
        ("added", report.stories_added),
        ("changed", report.stories_changed),
        ("removed", report.stories_removed),
    ):
        if ids:
            lines.append(f"stories {label}: {', '.join(ids)}")
    if report.stories_changed:
        lines.append(
            f"paragraphs changed: {report.paragraphs_changed}; comments added: {report.comments_added}, "
            f"removed: {report.comments_removed}"
        )
    return lines


# -- ask ---------------------------------------------------------------------------------------------


def _trim(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _source_line(citation: Citation, many_stories: bool) -> str:
    label = "Article" if citation.kind == "article" else "Reader comment"
    story = f" ({citation.story})" if many_stories else ""
    return (
        f"  [{citation.ref}] {label}{story} · {citation.where} — “{_trim(citation.quote or citation.text)}”"
    )


def _render_sources(citations: tuple[Citation, ...]) -> list[str]:
    if not citations:
        return []
    many = len({c.story for c in citations}) > 1
    return ["", "Sources", *(_source_line(c, many) for c in citations)]


def render_answer(answer: Answer) -> str:
    lines = [answer.answer, *_render_sources(answer.citations)]
    mode = "offline answer" if answer.mode == "extractive" else "language-model answer"
    lines += ["", f"corpus {answer.corpus_version} · {mode} · {answer.latency_ms:.0f} ms"]
    lines += [f"note: {n}" for n in answer.notes]
    return "\n".join(lines)


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    story: Annotated[str | None, typer.Option("--story", help="Only search this story (its id).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
) -> None:
    """Answer a question from the indexed stories, citing the passages it rests on."""
    state = _state(ctx)
    state.settings  # noqa: B018 - settings errors before the slow model load
    answer = state.engine.ask(question, story=story)
    if as_json:
        _print_json(answer.to_dict())
    else:
        typer.echo(render_answer(answer))


# -- summary -----------------------------------------------------------------------------------------


def render_summary(summary: Summary) -> str:
    lines = [
        f"{summary.story_title} ({summary.story})",
        "",
        summary.text,
        *_render_sources(summary.citations),
    ]
    lines += [f"note: {n}" for n in summary.notes]
    if summary.usage:
        u = summary.usage
        lines.append(
            f"language model: {u['llm_calls']} calls, {u['prompt_tokens']} prompt + {u['completion_tokens']} "
            f"completion tokens, {u['llm_seconds']} s in the model, {u['seconds']} s in all"
        )
    return "\n".join(lines)


@app.command()
def summary(
    ctx: typer.Context,
    scope: Annotated[Scope, typer.Argument(help="What to summarise.")] = Scope.all,
    story: Annotated[
        str | None, typer.Option("--story", help="Story id (needed when several are loaded).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Summarise the article's key points and the main points readers make, each cited."""
    result = _state(ctx).engine.summarize(scope.value, story)
    if as_json:
        _print_json(result.to_dict())
    else:
        typer.echo(render_summary(result))


# -- status ------------------------------------------------------------------------------------------


@app.command()
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the status as JSON.")] = False,
) -> None:
    """Show the served corpus version, stories, chunks, answer mode, index backend and recent reloads."""
    info = _state(ctx).engine.status()
    if as_json:
        _print_json(info.to_dict())
        return
    built = (
        datetime.fromtimestamp(info.built_at, UTC).strftime("%Y-%m-%d %H:%M UTC") if info.built_at else "?"
    )
    typer.echo(f"corpus    {info.corpus_version} (generation {info.generation}, built {built})")
    typer.echo(f"stories   {len(info.stories)}")
    for s in info.stories:
        typer.echo(
            f"  {s.id}: {s.title} — {s.paragraphs} paragraphs, {s.comments} comments, {s.chunks} chunks"
        )
    typer.echo(f"chunks    {info.chunks} ({info.article_chunks} article, {info.comment_chunks} comment)")
    typer.echo(f"answers   {'offline (extractive)' if info.mode == 'extractive' else 'language model'}")
    typer.echo(f"index     {info.backend}, embeddings {info.embedding}")
    typer.echo(
        "reloads   " + ("none recorded" if not info.reloads else f"last {len(info.reloads)}, newest first")
    )
    for record in info.reloads:
        typer.echo(f"  {record.describe()}")


# -- eval --------------------------------------------------------------------------------------------


@app.command(name="eval")
def eval_command(
    ctx: typer.Context,
    qa_file: Annotated[Path, typer.Argument(help="Questions in JSON Lines (the seed_dev.jsonl format).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print items and metrics as JSON.")] = False,
) -> None:
    """Answer every question of a QA file and report evidence recall, abstention, attribution, latency."""
    from retrieval.evaluation import evaluate, load_items

    items = load_items(qa_file)
    engine = _state(ctx).engine
    started = time.perf_counter()
    report = evaluate(engine.ask, items)
    if as_json:
        _print_json(report.to_dict())
        return

    def mark(value: bool | None) -> str:
        return "-" if value is None else ("ok" if value else "MISS")

    typer.echo(
        f"{'id':<14} {'answer':<10} {'evidence':<9} {'story':<6} {'keyword':<8} {'attrib':<7} question"
    )
    for r in report.results:
        ev = f"{r.evidence_found}/{len(r.item.evidence)}" if r.item.evidence else "-"
        answered = ("abstained" if r.answer.abstained else "answered") + ("" if r.abstention_ok else "!")
        typer.echo(
            f"{r.item.id:<14} {answered:<10} {ev:<9} {mark(r.story_hit):<6} "
            f"{mark(r.keyword_hit):<8} {mark(r.attribution):<7} {_trim(r.item.question, 60)}"
        )
    typer.echo("")
    for key, value in report.metrics.items():
        typer.echo(f"{key:<22} {value}")
    typer.echo(f"{'wall_seconds':<22} {time.perf_counter() - started:.1f}")


# -- run ---------------------------------------------------------------------------------------------


@app.command()
def run(ctx: typer.Context) -> None:
    """Start the Discord bot (needs DISCORD_TOKEN); Ctrl-C stops it."""
    from bot import create_bot
    from bot.runner import run_bot
    from bot.settings import load_bot_settings, require_token

    state = _state(ctx)
    settings = load_bot_settings(**state.overrides)
    configure_logging(settings.log_level, debug=state.debug)
    token = require_token(settings)  # before the slow engine build
    run_bot(create_bot(settings), token)


# -- entry point -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        code = app(args=args, prog_name="storybot", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        typer.echo("aborted", err=True)
        return 130
    except StorybotError as exc:
        if debug:
            traceback.print_exc()
        typer.echo(f"error: {exc}", err=True)
        return 1
    except Exception as exc:  # the last layer: one line for the user, the traceback with --debug
        if debug:
            traceback.print_exc()
        typer.echo(
            f"error: unexpected failure: {exc.__class__.__name__}: {exc} (run with --debug for details)",
            err=True,
        )
        return 1
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main())
