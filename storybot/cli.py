"""The ``storybot`` command: the CLI contract the bot, the tests and the benchmarks rely on.

Errors print one line and exit non-zero; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from retrieval import SCOPES, Settings, StorybotError, load_settings
from storybot.health import health
from storybot.logs import configure_logging
from storybot.render import change_lines, render_answer, render_summary, trim

if TYPE_CHECKING:
    from retrieval import StoryEngine

app = typer.Typer(
    name="storybot",
    help="Answers questions about news stories and their reader comments, with cited passages.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

Scope = StrEnum("Scope", {name: name for name in SCOPES})  # typer offers an Enum's values as choices


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
            from retrieval import build_engine

            self._engine = build_engine(self.settings)
        return self._engine


def _state(ctx: typer.Context) -> State:
    return ctx.ensure_object(State)


def _quiet_audit_log(state: State) -> None:
    """For commands that say an audit problem themselves, in one line (status, ingest): no log warning and
    traceback beside it, unless --debug."""
    if not state.debug:
        logging.getLogger("retrieval.audit").setLevel(logging.ERROR)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"storybot {version('storybot')}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Index and state directory (default: STORYBOT_DATA_DIR)."),
    ] = None,
    _version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
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
    _quiet_audit_log(state)
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
        for line in change_lines(report):
            typer.echo(f"  {line}")
    if report.audit_problem:  # applied all the same: the generation switched before the write failed
        typer.echo(
            f"warning: reload applied but not recorded in the audit trail: {report.audit_problem}", err=True
        )
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


# -- ask ---------------------------------------------------------------------------------------------


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
    state = _state(ctx)
    _quiet_audit_log(state)
    info = state.engine.status()
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
    backend = f"chroma server at {info.backend.url}" if info.backend.kind == "server" else "local"
    typer.echo(f"index     {backend}, embeddings {info.embedding}")
    none = "unknown (see problem)" if info.problems else "none recorded"
    typer.echo("reloads   " + (none if not info.reloads else f"last {len(info.reloads)}, newest first"))
    for record in info.reloads:
        typer.echo(f"  {record.describe()}")
    for problem in info.problems:  # answers are not affected; reloads are refused until it is fixed
        typer.echo(f"problem   {problem}")


app.command()(health)


# -- eval --------------------------------------------------------------------------------------------


@app.command(name="eval")
def eval_command(
    ctx: typer.Context,
    qa_file: Annotated[Path, typer.Argument(help="Questions in JSON Lines (the seed_dev.jsonl format).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print items and metrics as JSON.")] = False,
) -> None:
    """Answer every question of a QA file and report evidence recall, abstention, attribution, latency."""
    from retrieval import evaluate, load_items

    items = load_items(qa_file)
    engine = _state(ctx).engine
    started = time.perf_counter()
    report = evaluate(engine.ask, items, stories=engine.stories())
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
            f"{mark(r.keyword_hit):<8} {mark(r.attribution):<7} {trim(r.item.question, 60)}"
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
    # Building the engine takes seconds (the model, the index): a SIGTERM meanwhile (`docker stop`) ends the
    # start-up cleanly instead of being ignored (as PID 1) or cutting a write short. Serving installs its own.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        bot = create_bot(settings)
    except KeyboardInterrupt:
        typer.echo("stopped during start-up", err=True)
        raise typer.Exit(0) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    run_bot(bot, token)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


# -- entry point -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        # Standalone mode: typer's own click (typer vendors one) reports usage errors with the usage line
        # and exit status 2, --help and --version exit 0; errors of the commands themselves come out here.
        app(args=args, prog_name="storybot", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
