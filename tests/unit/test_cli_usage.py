"""Usage errors, --version and `storybot health`: what an admin or a healthcheck sees."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version

import pytest

from bot.health import Heartbeat, heartbeat_path, now, write_heartbeat
from storybot.cli import main
from tests.support.paths import REPO


@pytest.fixture
def cli(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("STORYBOT_DATA_DIR", str(tmp_path))

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--bogus"], "No such option"),
        (["ask"], "Missing argument"),
        (["summary", "nope"], "'nope' is not one of"),
        (["ingest", "--corpus"], "Option '--corpus' requires an"),
    ],
)
def test_a_usage_error_shows_the_usage_and_exits_2(cli, args, says):
    code, out, err = cli(*args)
    assert code == 2
    assert says in err
    # click prints the usage line for every error it can tie to a command.
    assert err.startswith("Usage: storybot") or args == ["ingest", "--corpus"]
    assert "unexpected failure" not in err + out


def test_version(cli):
    assert cli("--version") == (0, f"storybot {version('storybot')}\n", "")


def _beat(tmp_path, *, age: float = 0.0, connected: bool = True, generation: int | None = 3) -> None:
    write_heartbeat(heartbeat_path(tmp_path), Heartbeat(now() - age, connected, 2, generation, os.getpid()))


def test_health_follows_the_bots_heartbeat(cli, tmp_path):
    code, out, _ = cli("health")
    assert (code, out) == (1, "unhealthy: no heartbeat: the bot has not run with this data directory\n")

    _beat(tmp_path)
    assert cli("health") == (0, "healthy: connected, 2 servers\n", "")

    _beat(tmp_path, age=600)
    code, out, _ = cli("health")
    assert code == 1 and out.startswith("unhealthy: no heartbeat for 600 s")

    _beat(tmp_path, connected=False)
    assert cli("health")[:2] == (1, "unhealthy: the bot is running but not connected to Discord\n")

    _beat(tmp_path, generation=None)
    code, out, _ = cli("health", "--json")
    data = json.loads(out)
    assert code == 1 and data["healthy"] is False and data["generation"] is None
    assert "nothing is indexed" in data["problem"]


def test_health_loads_neither_the_model_nor_discord(tmp_path):
    probe = (
        "import sys; from storybot.cli import main; code = main(['health']); "
        "heavy = ('torch', 'discord', 'chromadb', 'sentence_transformers'); "
        "print(code, sorted(m for m in heavy if m in sys.modules))"
    )
    env = {**os.environ, "STORYBOT_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "1 []"
