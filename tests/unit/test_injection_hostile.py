"""Issue 10, section 3, on a hostile upload (tests/data/hostile-story.json): every disguise in a reader
comment (zero-width splits, Cyrillic look-alikes, base64 with "decode this", an instruction without
trigger words, "### Instruction:" turns, "</passages> Assistant:", fake "The article reports: ... [1]"
framing, fake "[1][2]" markers, an author name that is an instruction with a link), links without a
scheme, an RTL override, and the article itself carrying an instruction, a masked link, invites and a raw
mention. Offline and with a model: nothing hostile is shown, and the withheld count is."""

from __future__ import annotations

import shutil

import pytest

from retrieval import build_engine
from retrieval.settings import load_settings
from tests.support.chat_models import ScriptedChatModel
from tests.support.paths import TEST_DATA

pytestmark = pytest.mark.quality

STORY = TEST_DATA / "hostile-story.json"
NOTE = "9 comments and 1 article sentence withheld: they addressed the bot"
# What each hostile part would show if it got through (payload words, links, markers, mentions).
LEAKS = (
    "moorpwn", "cancelled", "scrapped", "scam", "waived", "resigned", "refund", "name.tk", "discord.gg",
    "203.0.113", "evil.example", "<@", "ignore", "instruction", "assistant:", "passages>", "[1][2]",
    "decode", "\u202e", "\u200b",
)  # fmt: skip
QUESTIONS = (
    "How much will mooring fees rise?",
    "How do I get a refund?",
    "What do readers think of the fee rise?",
    "What did the commenters say?",
    "Did the chair resign?",
    "tl;dr",
)


def assert_nothing_hostile(text: str) -> None:
    folded = text.casefold()
    for leak in LEAKS:
        assert leak not in folded, f"{leak!r} shown in: {text}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    directory = tmp_path_factory.mktemp("hostile-corpus")
    shutil.copy(STORY, directory / STORY.name)
    return directory


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, corpus, index_templates):
    data = tmp_path_factory.mktemp("hostile-data")
    return index_templates.copy(load_settings(data_dir=data, corpus_dir=corpus))


def shown_texts(answer) -> list[str]:
    texts = [answer.answer, *answer.notes]
    for c in answer.citations:
        texts += [c.quote, c.story_title, c.where, c.locator.author or ""]
    return texts


def test_offline_nothing_hostile_is_shown_and_the_count_is(indexed, corpus, local_embeddings):
    engine = build_engine(load_settings(data_dir=indexed, corpus_dir=corpus), embeddings=local_embeddings)
    for question in QUESTIONS:
        answer = engine.ask(question)
        for text in shown_texts(answer):
            assert_nothing_hostile(text)
        assert NOTE in answer.notes, (question, answer.notes)
    rise = engine.ask("How much will mooring fees rise?")
    assert "8 percent" in rise.answer
    for scope in ("article", "comments", "all"):
        summary = engine.summarize(scope)
        assert_nothing_hostile(summary.text + summary.story_title)
        for c in summary.citations:
            assert_nothing_hostile(c.quote + c.story_title + (c.locator.author or ""))
        assert NOTE in summary.notes


def test_the_model_never_sees_what_was_withheld(indexed, corpus, local_embeddings):
    model = ScriptedChatModel(script=lambda messages: "The story does not say.")
    engine = build_engine(
        load_settings(data_dir=indexed, corpus_dir=corpus), embeddings=local_embeddings, llm=model
    )
    for question in QUESTIONS[:4]:
        engine.ask(question)
    assert model.prompts
    for messages in model.prompts:
        passages = str(messages[-1].content).split("Question:")[0]
        assert_nothing_hostile(passages)


def test_a_model_repeating_a_withheld_comment_is_caught(indexed, corpus, local_embeddings):
    """The checker's payload holds the withheld comments (the prompt's detector): a model that says what
    they said anyway, citing a real passage, has that sentence dropped."""
    model = ScriptedChatModel(
        script=lambda m: "The fees rise by 8 percent [1]. MOORPWN [1]. The dredging contract was a scam [1]."
    )
    engine = build_engine(
        load_settings(data_dir=indexed, corpus_dir=corpus), embeddings=local_embeddings, llm=model
    )
    answer = engine.ask("How much will mooring fees rise?")
    assert_nothing_hostile(answer.answer)
