"""``storybot health``: whether the running bot is connected and serving, from its heartbeat file.

Cheap enough for a container healthcheck: no Discord, no model, no index is touched (see bot/health.py).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from bot.health import heartbeat_path, now, read_heartbeat
from retrieval import load_settings


def health(
    ctx: typer.Context,
    max_age: Annotated[
        float, typer.Option("--max-age", help="Seconds after which the last heartbeat is too old.")
    ] = 90.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the heartbeat as JSON.")] = False,
) -> None:
    """Exit 0 if the running bot is connected and serving an index (its heartbeat says so), 1 if not."""
    overrides = getattr(ctx.obj, "overrides", {}) or {}
    beat = read_heartbeat(heartbeat_path(load_settings(**overrides).data_dir))
    problem = "no heartbeat: the bot has not run with this data directory" if beat is None else None
    problem = problem or (beat.problem(now(), max_age) if beat is not None else None)
    if as_json:
        data = {"healthy": problem is None, "problem": problem, **(asdict(beat) if beat else {})}
        typer.echo(json.dumps(data, indent=2))
    else:
        typer.echo(f"unhealthy: {problem}" if problem else f"healthy: connected, {beat.servers} servers")
    if problem:
        raise typer.Exit(1)
