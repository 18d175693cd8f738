"""`storybot` with a broken audit database: `ask` answers, `status` shows the problem and the fix, `ingest`
stops with one line before changing anything, or, when the write failed after the switch, reports the
reload applied (fake vectors: the CLI's contract is the point)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from retrieval.index.ingest import Ingestor
from storybot.cli import main
from tests.conftest import CountingEmbeddings

CORRUPT = (
    "is not a SQLite database (corrupted?): move it aside and restart; reload history and votes start afresh"
)


@pytest.fixture
def cli(monkeypatch, tmp_path, corpus_copy, capsys):
    monkeypatch.setenv("STORYBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("STORYBOT_CORPUS_DIR", str(corpus_copy))
    monkeypatch.setattr("retrieval.wiring.create_embeddings", lambda settings: CountingEmbeddings(size=32))

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    assert run("ingest")[0] == 0
    yield run
    logging.getLogger("retrieval.audit").setLevel(logging.NOTSET)  # the CLI quietens it for its process


def _corrupt(path: Path) -> None:
    path.write_bytes(b"garbage, not a database " * 400)


def test_a_corrupted_database_answers_shows_status_and_stops_ingest_in_one_line(cli, tmp_path):
    path = tmp_path / "data" / "storybot.sqlite3"
    _corrupt(path)

    asked = cli("ask", "Who wrote the letter?")
    status = cli("status")
    ingest = cli("ingest")

    assert asked[0] == 0 and "[1]" in asked[1]
    assert status[0] == 0
    assert "reloads   unknown (see problem)" in status[1]
    assert f"problem   {path} {CORRUPT}" in status[1]
    assert status[2] == ""  # said once, in the output; no log warning or traceback beside it
    assert ingest[0] == 1
    assert ingest[2] == f"error: {path} {CORRUPT}; nothing was reloaded\n"


def test_an_ingest_whose_audit_write_fails_after_the_switch_reports_it_applied(
    cli, tmp_path, corpus_copy, monkeypatch
):
    path = tmp_path / "data" / "storybot.sqlite3"
    run = Ingestor.run

    def run_then_break(self, *args, **kwargs):
        report = run(self, *args, **kwargs)
        _corrupt(path)
        return report

    monkeypatch.setattr(Ingestor, "run", run_then_break)
    (corpus_copy / "extra.json").write_text(
        '{"id": "extra", "title": "Extra", "paragraphs": ["The council met on Tuesday to discuss parks."]}'
    )

    code, out, err = cli("ingest")

    assert code == 0
    assert "stories added: extra" in out
    assert f"warning: reload applied but not recorded in the audit trail: {path} {CORRUPT}" in err
