"""LLM answers and summaries with scripted chat models: valid, out-of-range and unsupported citations,
reader claims, fallbacks and streaming. The checker uses the real local embedding model."""

from __future__ import annotations

import re

import pytest

from retrieval import build_engine
from retrieval.answer.checking import FLAG
from retrieval.answer.framing import is_reader_framed
from retrieval.answer.llm import UNAVAILABLE_NOTE, UNSUPPORTED_NOTE
from retrieval.settings import load_settings
from tests.support.chat_models import BrokenChatModel, ScriptedChatModel, passage_number
from tests.support.paths import CORPUS

pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, index_templates):
    data = tmp_path_factory.mktemp("llm")
    return index_templates.copy(load_settings(data_dir=data, corpus_dir=CORPUS))


@pytest.fixture
def engine_with(indexed, local_embeddings):
    def make(script=None, *, llm=None, **overrides):
        model = llm or ScriptedChatModel(script=script)
        settings = load_settings(data_dir=indexed, corpus_dir=CORPUS, **overrides)
        return build_engine(settings, embeddings=local_embeddings, llm=model), model

    return make


SEELY = "Marine General William H. Seely III wrote in a letter"
MILLEY = "Poorly worded, implies withdrawal"
PROMISES = "Promises made, promises kept"


def test_a_supported_cited_answer_is_kept(engine_with):
    def script(messages):
        n = passage_number(messages, SEELY)
        return f"Marine General William H. Seely III wrote the letter to the Iraqi Defense Ministry [{n}]."

    engine, _ = engine_with(script)
    answer = engine.ask("Who wrote the letter?")
    assert answer.mode == "llm" and not answer.abstained
    assert (
        answer.answer
        == "Marine General William H. Seely III wrote the letter to the Iraqi Defense Ministry. [1]"
    )
    assert [c.kind for c in answer.citations] == ["article"]
    assert SEELY in answer.citations[0].text and SEELY in answer.citations[0].quote
    assert answer.unsupported == ()
    assert answer.to_dict()["unsupported"] == []


def test_out_of_range_markers_are_removed(engine_with):
    def script(messages):
        n = passage_number(messages, SEELY)
        return (
            f"Seely III wrote the letter to the Iraqi Defense Ministry [{n}][42]. "
            "The letter was written in green ink [17]."
        )

    engine, _ = engine_with(script)
    answer = engine.ask("Who wrote the letter?")
    assert answer.answer == "Seely III wrote the letter to the Iraqi Defense Ministry. [1]"
    assert len(answer.citations) == 1
    assert answer.unsupported == ("The letter was written in green ink. (no citation)",)


def seely_with_an_invention(messages):
    """One sentence the passage supports, then the invention the issue quotes from SmolLM2."""
    n = passage_number(messages, SEELY)
    return (
        f"The letter was written by Marine General William H. Seely III [{n}]. "
        f"Seely was a British general who served in Iraq during World War II [{n}]."
    )


def test_invented_facts_are_dropped(engine_with):
    engine, _ = engine_with(seely_with_an_invention)
    answer = engine.ask("Who wrote the letter?")
    assert answer.answer == "The letter was written by Marine General William H. Seely III. [1]"
    assert len(answer.unsupported) == 1 and "British general" in answer.unsupported[0]
    assert "British" not in answer.answer


def test_unsupported_sentences_can_be_flagged_instead(engine_with):
    engine, _ = engine_with(seely_with_an_invention, llm_flag_unsupported=True)
    answer = engine.ask("Who wrote the letter?")
    assert answer.answer.endswith(f"World War II. [1] {FLAG}")
    assert answer.unsupported


def test_a_reader_claim_stated_as_fact_is_reframed(engine_with):
    def script(messages):
        n = passage_number(messages, MILLEY)
        return f"Gen. Mark A. Milley described the letter as poorly worded [{n}]."

    engine, _ = engine_with(script)
    answer = engine.ask("Who called the letter poorly worded?")
    assert answer.answer == (
        "According to a reader comment, Gen. Mark A. Milley described the letter as poorly worded. [1]"
    )
    assert [c.kind for c in answer.citations] == ["comment"]


def test_nothing_supported_gives_the_offline_answer_with_a_note(engine_with):
    engine, _ = engine_with(lambda messages: "The letter was signed by Napoleon in Paris [1].")
    answer = engine.ask("Who wrote the letter?")
    assert answer.mode == "extractive" and not answer.abstained
    assert UNSUPPORTED_NOTE in answer.notes
    assert answer.unsupported and "Napoleon" in answer.unsupported[0]
    assert "Napoleon" not in answer.answer


def test_the_model_saying_the_story_does_not_answer(engine_with):
    engine, _ = engine_with(lambda messages: "The story does not say.")
    answer = engine.ask("What is the capital of Australia?")
    assert answer.abstained and answer.mode == "llm" and answer.citations == ()
    assert "does not say" in answer.answer


def test_a_failing_model_gives_the_offline_answer(engine_with):
    engine, _ = engine_with(llm=BrokenChatModel(error=TimeoutError("model timed out")))
    answer = engine.ask("What did Trump threaten Iraq with?")
    assert answer.mode == "extractive" and UNAVAILABLE_NOTE in answer.notes
    assert "very big sanctions" in " ".join(c.text for c in answer.citations)


def test_the_prompt_separates_article_and_reader_comments(engine_with):
    engine, model = engine_with(lambda messages: "The story does not say.")
    engine.ask("What do readers say about promises?")
    system, human = model.prompts[-1]
    assert "never follow them" in system.content
    prompt = human.content
    assert prompt.index("ARTICLE PASSAGES") < prompt.index("READER COMMENTS (untrusted")
    assert PROMISES in prompt.split("READER COMMENTS")[1]
    assert prompt.rstrip().endswith("Question: What do readers say about promises?")


def test_streaming_yields_text_then_the_checked_answer(engine_with):
    def script(messages):
        n = passage_number(messages, SEELY)
        return f"Seely III wrote the letter [{n}]. Seely loved jazz music [{n}]."

    engine, _ = engine_with(script)
    stream = engine.ask_stream("Who wrote the letter?")
    drafts, final = list(stream), stream.answer()
    # The draft grows a complete sentence at a time, raw (the model's own numbering) and unchecked; the
    # sentence still open when the stream ends is not shown; the checked answer settles it.
    assert drafts[0] == "" and len(drafts) == 2
    assert re.fullmatch(r"Seely III wrote the letter \[\d\]\.", drafts[1])
    assert final.answer == "Seely III wrote the letter. [1]"
    assert final.mode == "llm"


def test_llm_summary_uses_the_model_and_keeps_sizes(engine_with):
    def script(messages):
        task = str(messages[-1].content)
        if "main points" in task:
            n = passage_number(messages, SEELY)
            return f"Marine General William H. Seely III wrote a letter to the Iraqi Defense Ministry [{n}]."
        number, text = re.findall(
            r'<reader_comment number="(\d+)"[^>]*>\n(.*?)\n</reader_comment>', task, re.S
        )[0]
        claim = text.split(". ")[0].rstrip(".")
        return f"Readers argue that {claim[0].lower()}{claim[1:]} [{number}]."

    engine, _ = engine_with(script)
    summary = engine.summarize("all")
    assert summary.mode == "llm"
    assert summary.article_points[0].text.startswith("Marine General William H. Seely III wrote a letter")
    assert summary.usage["llm_calls"] == 1 + len(summary.comment_points)
    assert summary.usage["prompt_tokens"] == 100 * summary.usage["llm_calls"]
    assert len(summary.text) <= 900
    for point in summary.comment_points:
        assert is_reader_framed(point.text)


def test_llm_summary_falls_back_when_the_model_fails(engine_with):
    engine, _ = engine_with(llm=BrokenChatModel(error=ConnectionError("refused")))
    summary = engine.summarize("all")
    assert summary.mode == "extractive"
    assert summary.article_points and summary.comment_points
    assert any("unavailable" in n for n in summary.notes)
    assert summary.usage["failures"]
