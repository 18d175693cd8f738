"""A language model that misbehaves: a real OpenAI-compatible server on 127.0.0.1 that times out, rate-limits,
fails, refuses connections or answers garbage. The user always gets the offline answer with a short note;
neither the engine nor the CLI shows an exception."""

from __future__ import annotations

import json
import time

import pytest

from retrieval import build_engine
from retrieval.answer.llm import UNAVAILABLE_NOTE
from retrieval.settings import load_settings
from storybot.cli import main
from tests.support.fake_openai import FakeOpenAI
from tests.support.paths import CORPUS
from tests.support.servers import free_port

pytestmark = pytest.mark.integration
QUESTION = "What did Trump threaten Iraq with if US troops were forced out?"


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, index_templates):
    data = tmp_path_factory.mktemp("faults")
    return index_templates.copy(load_settings(data_dir=data, corpus_dir=CORPUS))


def engine_for(url: str, indexed, embeddings, **overrides):
    values = {"llm_timeout_seconds": 1.0, "llm_max_retries": 1, **overrides}
    settings = load_settings(data_dir=indexed, corpus_dir=CORPUS, llm_base_url=url, **values)
    return build_engine(settings, embeddings=embeddings)


def assert_offline_with_note(answer) -> None:
    assert answer.mode == "extractive" and not answer.abstained
    assert UNAVAILABLE_NOTE in answer.notes
    assert "very big sanctions" in " ".join(c.text for c in answer.citations)


@pytest.mark.parametrize("mode", ["429", "500"])
def test_error_statuses_are_retried_then_fall_back(mode, indexed, local_embeddings):
    with FakeOpenAI(mode) as server:
        answer = engine_for(server.url, indexed, local_embeddings).ask(QUESTION)
    assert_offline_with_note(answer)
    assert len(server.requests) == 2  # the first try and one retry (llm_max_retries=1)


def test_a_timeout_falls_back_within_the_configured_time(indexed, local_embeddings):
    with FakeOpenAI("slow", delay=5) as server:
        engine = engine_for(server.url, indexed, local_embeddings, llm_max_retries=0)
        started = time.perf_counter()
        answer = engine.ask(QUESTION)
        elapsed = time.perf_counter() - started
    assert_offline_with_note(answer)
    assert elapsed < 4  # the 1 s timeout held: LangChain's default would have waited for the server


def test_connection_refused(indexed, local_embeddings):
    answer = engine_for(f"http://127.0.0.1:{free_port()}/v1", indexed, local_embeddings).ask(QUESTION)
    assert_offline_with_note(answer)


@pytest.mark.parametrize("mode", ["malformed", "empty"])
def test_malformed_output(mode, indexed, local_embeddings):
    with FakeOpenAI(mode) as server:
        answer = engine_for(server.url, indexed, local_embeddings).ask(QUESTION)
    assert_offline_with_note(answer)


def test_a_stream_that_breaks_off(indexed, local_embeddings):
    with FakeOpenAI(
        "broken-stream", reply="Trump threatened very big sanctions against Iraq [1]. More text."
    ) as server:
        stream = engine_for(server.url, indexed, local_embeddings).ask_stream(QUESTION)
        list(stream)
        final = stream.answer()
    assert not isinstance(final, str)
    # The cut-off text cites nothing, so nothing of it survives the check: the offline answer, with a note.
    assert final.mode == "extractive" and "very big sanctions" in " ".join(c.text for c in final.citations)
    assert final.notes


def test_a_working_server_answers_in_llm_mode(indexed, local_embeddings):
    reply = "Trump threatened Iraq with very big sanctions [1]."
    with FakeOpenAI("ok", reply=reply) as server:
        engine = engine_for(server.url, indexed, local_embeddings)
        answer = engine.ask(QUESTION)
    assert answer.mode in ("llm", "extractive")
    request = server.requests[0]
    assert request["messages"][0]["role"] == "system" and request["temperature"] == 0.0
    assert request.get("max_tokens", request.get("max_completion_tokens")) == 600


@pytest.mark.parametrize("mode", ["429", "500", "malformed", "slow"])
def test_the_cli_never_shows_an_exception(mode, monkeypatch, tmp_path, capsys, local_embeddings, indexed):
    monkeypatch.setattr("retrieval.wiring.create_embeddings", lambda settings: local_embeddings)
    monkeypatch.setenv("STORYBOT_DATA_DIR", str(indexed))
    monkeypatch.setenv("STORYBOT_LLM_TIMEOUT_SECONDS", "1")
    monkeypatch.setenv("STORYBOT_LLM_MAX_RETRIES", "0")
    with FakeOpenAI(mode, delay=3) as server:
        monkeypatch.setenv("STORYBOT_LLM_BASE_URL", server.url)
        code = main(["ask", QUESTION, "--json"])
        out, err = capsys.readouterr()
        text_code = main(["ask", QUESTION])
        text_out, text_err = capsys.readouterr()
    assert code == 0 and text_code == 0
    assert "Traceback" not in err + text_err
    answer = json.loads(out)
    assert answer["mode"] == "extractive" and UNAVAILABLE_NOTE in answer["notes"]
    assert "note: " + UNAVAILABLE_NOTE in text_out
