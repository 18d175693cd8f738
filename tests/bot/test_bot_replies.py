"""What a reply looks like: safe to post (no pings, no markdown or link previews from corpus text) and
always within Discord's limits, however long the answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import discord
import pytest
from langchain_core.documents import Document

from bot.formatting import Reply, answer_replies, citation_label, pack, summary_replies
from bot.status import index_label
from bot.text import safe, split_content, trim
from retrieval.answer.extractive import ExtractiveGenerator
from retrieval.answer.generation import GeneratedAnswer
from retrieval.answer.intents import Intent
from retrieval.index.snapshot import Snapshot
from retrieval.models import Answer, Backend, Citation, Locator, Summary, SummaryPoint

if TYPE_CHECKING:
    from tests.bot.conftest import Server

LOUD_STORY = {
    "title": "Council votes to close the library",
    "paragraphs": ["The town council voted on Tuesday to close the central library on Sundays."],
    "comments": [
        {
            "author": "*loud*_reader",
            "text": "@everyone wake up! <@&123> the council voted to close the library, see https://example.org/x_y",
        }
    ],
}


def assert_within_limits(replies_or_messages: Sequence[Reply | discord.Message]) -> None:
    for message in replies_or_messages:
        assert len(message.content or "") <= 2000
        assert len(message.embeds) <= 10
        assert sum(len(e) for e in message.embeds) <= 6000
        for embed in message.embeds:
            assert len(embed.fields) <= 25
            assert all(len(f.name or "") <= 256 and len(f.value or "") <= 1024 for f in embed.fields)


# -- safety, through SimCord -------------------------------------------------------------------------


@pytest.mark.parametrize("story_corpus", [{"library.json": LOUD_STORY}], indirect=True)
async def test_mentions_and_markdown_in_the_corpus_are_quoted_without_pinging(server: Server):
    await server.alice.send(server.general, server.mention("What did the council vote?"))

    [reply] = server.bot_messages(server.general)
    quoted = reply.content + "".join(f.name + f.value for e in reply.embeds for f in e.fields)
    # Mentions and links a story carries are replaced in the core (hostile text), and escaped at the edge.
    assert "[mention removed]" in quoted and "[link removed]" in quoted
    assert "@everyone" not in quoted and "<@&123>" not in quoted and "example.org" not in quoted
    assert "\\*loud\\*\\_reader" in quoted  # markdown from the corpus is escaped
    stored = server.stored(reply)
    assert not stored.mention_everyone
    assert stored.ping_user_ids == [] and stored.ping_role_ids == []
    # Nobody is pinged, bot-wide: not even the member whose question is answered.
    sends = [r for r in server.env.http_requests if r.method == "POST" and r.path.endswith("/messages")]
    assert sends and all(r.json["allowed_mentions"]["parse"] == [] for r in sends)
    assert all(r.json["allowed_mentions"].get("replied_user", False) is False for r in sends)


async def test_a_question_with_mentions_is_echoed_inert(server: Server):
    result = await server.alice.slash(server.general, "ask", question="Did @everyone hear what @here said?")

    assert result.response is not None
    assert result.response.content.startswith("**Q:** Did @\u200beveryone hear what @\u200bhere said?")
    assert not server.stored(result.response).mention_everyone


# -- long answers, through SimCord -------------------------------------------------------------------


class VerboseGenerator(ExtractiveGenerator):
    """Stands in for a long-winded language model: quotes every passage it was given, twice over."""

    mode = "llm"

    def generate(
        self,
        question: str,
        documents: Sequence[Document],
        snapshot: Snapshot,
        context: str = "",
        intent: Intent | None = None,
    ) -> GeneratedAnswer:
        parts = [f"Passage {i} reads: {doc.page_content} [{i}]" for i, doc in enumerate(documents, 1)]
        return GeneratedAnswer(
            text="\n\n".join(parts + parts),
            cited=tuple(range(len(documents))),
            abstained=False,
            mode="llm",
            scores=(1.0,) * len(documents),
            quotes=tuple(doc.page_content for doc in documents),
            notes=("Every passage is quoted twice.",),
        )


@pytest.fixture
def story_generator() -> VerboseGenerator:
    return VerboseGenerator()


async def test_an_answer_over_5000_characters_is_split_within_the_limits(server: Server):
    question = "What happened to the letter?"
    expected = server.bot.engine.ask(question)
    assert len(expected.answer) > 5000

    await server.alice.send(server.general, server.mention(question))

    messages = server.bot_messages(server.general)
    assert len(messages) >= 3
    assert_within_limits(messages)
    # Nothing was lost or reordered: the parts read back as the whole (escaped) answer.
    delivered = " ".join(m.content for m in messages).split()
    assert delivered == (safe(expected.answer) + "\n-# Every passage is quoted twice.").split()
    assert messages[0].reference is not None  # the first part answers the question
    assert [bool(m.components) for m in messages] == [False] * (len(messages) - 1) + [True]
    sources = [e for m in messages for e in m.embeds]
    assert sources[-1].footer.text.endswith("· language model answer")
    assert all(len(f.value) <= 304 for e in sources for f in e.fields)  # quotes are trimmed


# -- the formatter, directly -------------------------------------------------------------------------


def _citation(ref: int, **fields) -> Citation:
    values = {
        "story": "s",
        "kind": "article",
        "where": "paragraph 4",
        "text": "Text.",
        "score": 1.0,
        "locator": Locator("article", paragraphs=(4, 4)),
    }
    return Citation(ref=ref, **{**values, **fields})


def _answer(text: str, citations: tuple[Citation, ...], mode: str = "extractive") -> Answer:
    return Answer("Q?", text, not citations, mode, citations, "v1", 1.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"locator": Locator("article", paragraphs=(4, 4))}, "[1] Article ¶4"),
        ({"locator": Locator("article", paragraphs=(4, 7))}, "[1] Article ¶4–7"),
        (
            {"locator": Locator("article", paragraphs=(1, 3), lead=("headline", "standfirst"))},
            "[1] Article ¶1–3 & headline",
        ),
        ({"locator": Locator("article", paragraphs=(5, 5), part=2, parts=3)}, "[1] Article ¶5"),
        (
            {"kind": "comment", "locator": Locator("comment", comment=2, author="Ann")},
            "[1] Reader comment #2 — Ann",
        ),
        (
            {"kind": "comment", "locator": Locator("comment", comment=1, part=1, parts=2)},
            "[1] Reader comment #1 (part 1/2)",
        ),
        ({"kind": "comment", "locator": Locator("note", author="the poster")}, "[1] Poster's note"),
    ],
)
def test_citation_labels(fields, label):
    assert citation_label(_citation(1, **fields)) == label


def test_citations_from_several_stories_name_their_story():
    answer = _answer(
        "A [1] B [2]", (_citation(1, story_title="One"), _citation(2, story="t", story_title="Two"))
    )
    [reply] = answer_replies(answer)
    assert [f.name for f in reply.embeds[0].fields] == ["[1] Article ¶4 · One", "[2] Article ¶4 · Two"]


def test_many_long_citations_spread_over_embeds_and_messages():
    citations = tuple(
        _citation(i, text="word " * 400, locator=Locator("article", paragraphs=(i, i))) for i in range(1, 41)
    )
    replies = answer_replies(_answer(" ".join(f"[{i}]" for i in range(1, 41)), citations))

    assert len(replies) >= 2
    assert_within_limits(replies)
    names = [f.name for r in replies for e in r.embeds for f in e.fields]
    assert names == [f"[{i}] Article ¶{i}" for i in range(1, 41)]
    assert replies[-1].embeds[-1].footer.text == "corpus v1 · offline answer"


def test_an_abstention_still_shows_the_corpus_version():
    [reply] = answer_replies(_answer("The story does not say.", ()))
    assert reply.content == "The story does not say."
    [embed] = reply.embeds
    assert embed.fields == [] and embed.footer.text == "corpus v1 · offline answer"


def test_summary_points_are_escaped_and_cited():
    summary = Summary(
        story="s",
        story_title="A *bold* title",
        scope="comments",
        mode="extractive",
        article_points=(),
        comment_points=(SummaryPoint("A reader claims: “@here look” [1]", (1,), size=3),),
        citations=(_citation(1, kind="comment", where="comment 1", locator=Locator("comment", comment=1)),),
        corpus_version="v1",
        comment_count=3,
    )
    [reply] = summary_replies(summary)
    assert reply.content.splitlines() == [
        "**Summary of the reader comments** — A \\*bold\\* title",
        "",
        "**What readers say** (3 comments)",
        "- A reader claims: “@\u200bhere look” [1]",
    ]
    assert reply.embeds[0].footer.text == "corpus v1 · offline summary"


def test_split_content_cuts_at_natural_points_and_keeps_everything():
    text = ("A sentence of the story. " * 60).strip() + "\n\n" + "word " * 500
    parts = split_content(text, 2000)
    assert all(len(p) <= 2000 for p in parts)
    assert parts[0].endswith("A sentence of the story.")
    assert " ".join(parts).split() == text.split()
    assert split_content("x" * 4500, 2000) == ["x" * 2000, "x" * 2000, "x" * 500]
    assert split_content("\\*" * 1500, 2000)[0].endswith("\\*")  # never splits an escape


def test_safe_and_trim():
    assert (
        safe("<@12345678901234567890> and <@!42> and @here")
        == "<@\u200b12345678901234567890> and <@\u200b!42> and @\u200bhere"
    )
    assert safe("see (https://example.org/a).") == "see (<https://example.org/a>)."
    assert trim("one two three four", 12) == "one two…"
    assert trim("short", 12) == "short"


def test_pack_puts_embeds_on_the_last_part():
    replies = pack("x " * 1500, None)
    assert [bool(r.embeds) for r in replies] == [False, False]


def test_the_chroma_address_is_shown_only_to_admins():
    server = Backend("server", "http://10.0.0.5:8000")
    assert index_label(Backend("local"), detail=True) == "local store"
    assert index_label(server, detail=False) == "Chroma server"
    assert index_label(server, detail=True) == "Chroma server at http://10.0.0.5:8000"
