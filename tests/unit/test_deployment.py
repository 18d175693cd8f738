"""The Docker Compose file and the image: what an admin's `docker compose up -d` relies on."""

from __future__ import annotations

import re

import yaml

from tests.support.paths import REPO


def _compose() -> dict:
    return yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))


def test_the_bot_restarts_stops_cleanly_keeps_its_state_and_reports_health():
    compose = _compose()
    bot = compose["services"]["bot"]
    assert bot["build"] == "." and bot["command"] == ["run"]
    assert bot["restart"] == "unless-stopped"
    assert bot["init"] is True  # signals reach storybot even as the start-up runs
    assert [f["path"] for f in bot["env_file"]] == [".env"]
    mounts = dict(volume.split(":") for volume in bot["volumes"])
    assert mounts == {"storybot-data": "/data", "storybot-corpus": "/corpus"}
    assert set(mounts) <= set(compose["volumes"])
    assert bot["environment"]["STORYBOT_DATA_DIR"] == "/data"
    assert bot["environment"]["STORYBOT_CORPUS_DIR"] == "/corpus"
    check = bot["healthcheck"]
    assert check["test"] == ["CMD", "storybot", "health"]
    # The engine takes tens of seconds to start: no restart loop before it could be healthy.
    assert int(check["start_period"].rstrip("s")) >= 60


def test_a_chroma_server_is_optional_and_kept_in_its_own_volume():
    compose = _compose()
    chroma = compose["services"]["chroma"]
    assert chroma["profiles"] == ["chroma"]  # only with `--profile chroma`
    assert chroma["command"][:3] == ["run", "--path", "/chroma"]
    assert "chroma-data:/chroma" in chroma["volumes"] and "chroma-data" in compose["volumes"]
    # The bot is pointed at it by one documented line.
    assert "STORYBOT_CHROMA_URL: http://chroma:8000" in (REPO / "compose.yaml").read_text(encoding="utf-8")


def test_the_image_runs_unprivileged_with_the_same_health_command():
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^HEALTHCHECK .*CMD \[\"storybot\", \"health\"\]$", dockerfile, re.MULTILINE)
    assert re.search(r"^USER storybot$", dockerfile, re.MULTILINE) and "--uid 10001" in dockerfile
    # CPU torch where PyTorch's index is reachable, the package index's otherwise.
    assert (
        "download.pytorch.org/whl/cpu torch==2.13.0" in dockerfile
        and "|| pip install torch==2.13.0" in dockerfile
    )


def test_the_runtime_install_compiles_nothing_and_the_tests_install_their_extras(tmp_path):
    import subprocess
    import tomllib

    def planned(target: str) -> str:
        # A dry run (-n) of every step (-B) into a venv that does not exist: what a clean clone would run.
        done = subprocess.run(
            ["make", "-n", "-B", target, f"VENV={tmp_path / 'venv'}"],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    for target in ("setup", "demo", "run"):
        assert "[test]" not in planned(target), target
    assert "-e '.[test]'" in planned("test")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = " ".join(project["dependencies"])
    assert (
        "llama-cpp-python" not in runtime
        and "llama-cpp-python[server]>=0.3" in project["optional-dependencies"]["test"]
    )
