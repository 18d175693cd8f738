"""The CLI contract: what `storybot` prints and how it exits."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from retrieval.settings import load_settings
from storybot.cli import main
from tests.support.paths import FIRST_STORY, REPO, shared_path


@pytest.fixture
def cli(monkeypatch, tmp_path, local_embeddings, corpus_copy, capsys):
    """Run `storybot ...` in-process against a fresh data dir, sharing the session's loaded model."""
    monkeypatch.setenv("STORYBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("STORYBOT_CORPUS_DIR", str(corpus_copy))
    monkeypatch.setattr("retrieval.wiring.create_embeddings", lambda settings: local_embeddings)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def indexed_cli(cli, index_templates):
    """``cli`` on a data dir that already holds what `storybot ingest` leaves (a copy of the session's
    index of the corpus: tests/support/templates.py), for tests about what comes after the ingest."""
    index_templates.copy(load_settings())
    return cli


def test_ingest_json_then_again(cli):
    code, out, _ = cli("ingest", "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data)[:7] == [
        "stories",
        "chunks",
        "embedded",
        "reused",
        "removed",
        "corpus_version",
        "seconds",
    ]
    assert (data["stories"], data["chunks"], data["embedded"], data["reused"], data["removed"]) == (
        1,
        8,
        8,
        0,
        0,
    )
    code, out, _ = cli("ingest", "--json")
    assert (json.loads(out)["embedded"], json.loads(out)["reused"]) == (0, 8)
    code, out, _ = cli("ingest")
    assert code == 0 and "8 chunks: 0 embedded, 8 reused, 0 removed" in out


def test_ask_json_contract(indexed_cli):
    code, out, _ = indexed_cli("ask", "Who called the letter poorly worded?", "--json")
    assert code == 0
    answer = json.loads(out)
    assert set(answer) >= {
        "question",
        "answer",
        "abstained",
        "mode",
        "citations",
        "corpus_version",
        "latency_ms",
    }
    assert answer["mode"] == "extractive" and answer["abstained"] is False
    source = FIRST_STORY.read_text(encoding="utf-8")
    refs = {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])}
    assert refs == {c["ref"] for c in answer["citations"]}
    for citation in answer["citations"]:
        assert set(citation) >= {"ref", "story", "kind", "where", "text", "score"}
        assert citation["kind"] in ("article", "comment")
        # The cited text is the passage itself, word for word (comments are indented in the file).
        assert " ".join(citation["text"].split()) in " ".join(source.split())
    assert any(c["kind"] == "comment" and "Milley" in c["text"] for c in answer["citations"])


def test_ask_text_output_lists_sources(indexed_cli):
    code, out, _ = indexed_cli("ask", "What did Trump threaten Iraq with?")
    assert code == 0
    # The answer is the article's sentence, not the subhead above it ("... 'very big sanctions' ...").
    assert "Sources" in out and "[1] Article" in out and "pay us back" in out


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("   ", "error: Please ask a question: the text is empty."),
        ("x" * 501, "error: Questions are limited to 500 characters; yours has 501."),
    ],
)
def test_bad_questions_are_one_line_errors(indexed_cli, question, message):
    code, out, err = indexed_cli("ask", question)
    assert code == 1 and out == ""
    assert err.strip() == message


def test_debug_shows_the_traceback(indexed_cli):
    code, _, err = indexed_cli("--debug", "ask", "")
    assert code == 1 and "Traceback" in err and err.strip().endswith("the text is empty.")


def test_asking_before_ingest_says_what_to_do(cli):
    code, _, err = cli("ask", "Who wrote the letter?")
    assert code == 1 and "run `storybot ingest`" in err and "Traceback" not in err


def test_broken_file_is_named_and_the_rest_indexed(cli, corpus_copy):
    (corpus_copy / "broken.json").write_text('{"title": "no text"}')
    code, out, err = cli("ingest", "--json")
    assert code == 1
    assert json.loads(out)["stories"] == 1
    assert "broken.json: missing article text" in err


@pytest.mark.parametrize("scope", ["article", "comments", "all"])
def test_summary_scopes(indexed_cli, scope):
    code, out, _ = indexed_cli("summary", scope, "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["scope"] == scope and summary["story"] == "iraq-coalition-letter"
    points = summary["article_points"] + summary["comment_points"]
    assert points and all(re.search(r"\[\d+\]", p["text"]) for p in points)
    assert bool(summary["article_points"]) == (scope in ("article", "all"))
    assert bool(summary["comment_points"]) == (scope in ("comments", "all"))
    assert all("reader" in p["text"].lower() for p in summary["comment_points"])


def test_status_lists_recent_reloads(cli, corpus_copy):
    cli("ingest")
    story = corpus_copy / "iraq-coalition-letter.txt"
    story.write_text(story.read_text(encoding="utf-8").replace("Fake news.", "Fake news!"), encoding="utf-8")
    cli("ingest")
    code, out, _ = cli("status")
    assert code == 0
    reloads = out.split("reloads ")[1].splitlines()
    assert reloads[0].strip() == "last 2, newest first"
    assert "by cli: ok; changed iraq-coalition-letter; 1 chunks embedded, 1 removed" in reloads[1]
    assert "by cli: ok; added iraq-coalition-letter" in reloads[2]
    code, out, _ = cli("status", "--json")
    assert [r["result"] for r in json.loads(out)["reloads"]] == ["ok", "ok"]


def test_status_json(indexed_cli):
    code, out, _ = indexed_cli("status", "--json")
    status = json.loads(out)
    assert code == 0
    assert status["chunks"] == 8 and status["mode"] == "extractive" and status["backend"]["kind"] == "local"
    assert [s["id"] for s in status["stories"]] == ["iraq-coalition-letter"]
    assert status["stories"][0]["comments"] == 3


def test_eval_json(indexed_cli):
    seed = shared_path("eval", "seed_dev.jsonl")
    code, out, _ = indexed_cli("eval", str(seed), "--json")
    assert code == 0
    report = json.loads(out)
    assert len(report["items"]) == 12 and all("id" in item for item in report["items"])
    assert set(report["metrics"]) >= {
        "evidence_recall",
        "story_recall",
        "keyword_hit_rate",
        "abstention_accuracy",
        "attribution_accuracy",
        "latency_ms_p50",
        "latency_ms_p95",
    }
    code, out, _ = indexed_cli("eval", str(seed))
    assert code == 0 and "evidence_recall" in out and "dev-12" in out


def test_eval_of_a_missing_file(cli):
    code, _, err = cli("eval", "/nonexistent.jsonl")
    assert code == 1 and "cannot read /nonexistent.jsonl" in err


def test_console_script_end_to_end(tmp_path):
    """The installed entry point, in a fresh process, with nothing but the environment."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "STORYBOT_DATA_DIR": str(tmp_path / "data"),
        "HF_HUB_OFFLINE": "1",
    }
    run = subprocess.run(
        [sys.executable, "-m", "storybot", "ingest", "--json"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "storybot", "ask", "In which year were the coalition forces sent?", "--json"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "2014" in json.loads(run.stdout)["answer"]
    assert Path(tmp_path / "data" / "chroma").is_dir()
