"""Summaries and the answers shaped like them ("tl;dr", "what do readers think", "do readers agree with
the article", "what's the author's point"), on stories made up for the test, built through the real engine
with the real local embedding model, and checked for what a member would see: which story, the thesis
first, how many readers hold each view, no caption or boilerplate, within the length, cited.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from retrieval import StoryEngine, build_engine
from retrieval.answer.framing import is_reader_framed
from retrieval.settings import Settings, load_settings
from storybot.render import render_summary
from tests.support.chat_models import ScriptedChatModel, passage_number

pytestmark = pytest.mark.quality

THESIS = "Harbourton's protected bike lanes have made the city's streets safer"
CAPTION = "Cyclists ride the new protected bike lane on Harbour Road on Tuesday. Maria Okafor/Example Photo"
BOILERPLATE = "Sign up for our Cycling City newsletter to get bike lane news in your inbox every week."
SUBHEAD = "What the numbers show"

SAFER = [
    "Since the lanes opened I finally let my kids ride their bikes to school, because the barriers keep "
    "the cars away from them.",
    "I started cycling to work last spring and the protected lane is the only reason I feel safe riding "
    "in traffic at all.",
    "My daughter rides to her swimming lessons on the new lane now, something I would never have allowed "
    "on the old painted strip.",
    "As a cyclist of thirty years I can say these separated lanes are the first time I have felt "
    "protected from passing trucks.",
    "The barriers work: no driver can drift into the bike lane any more, so riding with small children "
    "finally feels safe.",
    "I used to be terrified cycling down Harbour Road and now I ride it every morning without a second "
    "thought about my safety.",
    "Protected lanes got my elderly father back on his bicycle because he no longer has to share the "
    "road with speeding cars.",
    "Every parent I know lets their children cycle to school now that the lanes are separated from car "
    "traffic by solid kerbs.",
]
PARKING = [
    "Our bakery lost half of its parking spaces to the lane and older customers who drive can no longer "
    "stop in front of the shop.",
    "Small businesses on Harbour Road are suffering because delivery vans have nowhere to park and "
    "customers go to the mall instead.",
    "I run a hardware store and my sales fell when the council removed the parking bays that my trade "
    "customers relied on.",
    "Shoppers who come by car cannot find a parking space anywhere near the shops since the lanes took "
    "the kerbside bays.",
    "The florist next to us closed last month, and she blamed the lost parking spaces outside her shop "
    "window for it.",
    "Removing the parking in front of the shops has driven my regular customers to stores with big free "
    "car parks out of town.",
    "Delivery drivers now double park to unload at the shops because every loading bay on the street "
    "became a bike lane.",
]
COST = [
    "The council spent twelve million dollars of taxpayers' money on paint and plastic posts while the "
    "potholes go unfixed.",
    "Twelve million dollars for a few kilometres of lanes is a scandalous waste of public money in a "
    "time of tight budgets.",
    "My property taxes went up again this year and the council blew the budget on bike lanes that cost "
    "far too much.",
    "That money should have gone to fixing roads, buses and schools instead of an overpriced project "
    "for a few cyclists.",
    "The city's own audit says the lanes came in four million dollars over budget, and no one at the "
    "council was held to account.",
]
SHORT_REPLIES = ["Agreed, well said.", "So true!", "Exactly this."]


def bike_story() -> dict[str, Any]:
    comments: list[dict[str, Any]] = []
    for group, texts in (("safe", SAFER), ("park", PARKING), ("cost", COST)):
        for i, text in enumerate(texts):
            votes = {"up": 3 + i, "down": 1}
            author = f"{group}_reader{i}"
            comments.append({"id": f"{group}{i}", "author": author, "text": text, "votes": votes})
    # Short replies agree with the first two cyclists and the baker: they count with them.
    for text, parent in zip(SHORT_REPLIES, ("safe0", "safe1", "park0")):
        comments.append({"id": f"re-{parent}", "author": "replier", "parent": parent, "text": text})
    return {
        "title": "Harbourton's protected bike lanes have made its streets safer",
        "published": "2031-05-02",
        "paragraphs": [
            f"{THESIS} for everyone, and the council should finish the network rather than pause it.",
            CAPTION,
            "In the two years since the first protected lanes opened, serious crashes on the streets that "
            "have them fell by 40 per cent, according to the city's transport office.",
            BOILERPLATE,
            SUBHEAD,
            "The number of people cycling to work doubled over the same period, and most of the new riders "
            "say they never felt safe on the road before.",
            "Drivers were promised gridlock, but average journey times on Harbour Road rose by less than a "
            "minute.",
            "Shop owners feared the loss of parking, yet sales on the street rose after the lanes opened.",
            "Pausing the programme now would leave a patchwork of lanes that end abruptly, which is where "
            "the remaining crashes happen.",
        ],
        "comments": comments,
    }


OLDER_STORY = {
    "title": "Ferry timetable changes for the winter",
    "published": "2031-01-15",
    "paragraphs": [
        "The harbour ferry will run every forty minutes instead of every twenty from November to March.",
        "The operator said fewer passengers travel in winter and the change saves fuel.",
    ],
    "comments": [{"author": "islander", "text": "Forty minutes is far too long to wait in the cold wind."}],
}
# A scraped video player, and the newest story of all: it has nothing to summarise.
VIDEO_PAGE = {
    "title": "Stadium roof plans unveiled",
    "published": "2032-01-01",
    "paragraphs": ["Was this ad relevant to you?", "The video player was slow to load. The ad was too loud."],
}
NO_COMMENTS_STORY = {
    "title": "Library extends its opening hours",
    "paragraphs": ["The central library will open until nine in the evening on weekdays from June."],
}


@pytest.fixture(scope="module")
def settings(tmp_path_factory, index_templates) -> Settings:
    corpus = tmp_path_factory.mktemp("summary-corpus")
    for name, story in (
        ("bike-lanes.json", bike_story()),
        ("ferry-winter.json", OLDER_STORY),
        ("library-hours.json", NO_COMMENTS_STORY),
        ("stadium-video.json", VIDEO_PAGE),
    ):
        (corpus / name).write_text(json.dumps(story), encoding="utf-8")
    settings = load_settings(data_dir=tmp_path_factory.mktemp("summary-data"), corpus_dir=corpus)
    index_templates.copy(settings)
    return settings


@pytest.fixture(scope="module")
def engine(settings, local_embeddings) -> StoryEngine:
    return build_engine(settings, embeddings=local_embeddings)


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _cited_kinds(answer) -> set[str]:  # type: ignore[no-untyped-def]
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers == {c.ref for c in answer.citations}
    return {c.kind for c in answer.citations}


def _assert_clean(text: str) -> None:
    for furniture in ("Maria Okafor", "newsletter", SUBHEAD):
        assert furniture not in text


def _assert_reader_lines_framed(text: str, answer) -> None:  # type: ignore[no-untyped-def]
    comment_refs = {c.ref for c in answer.citations if c.kind == "comment"}
    for line in _lines(text):
        if {int(m) for m in re.findall(r"\[(\d+)\]", line)} & comment_refs:
            assert is_reader_framed(line), line


# -- "tl;dr" ---------------------------------------------------------------------------------------


def test_overview_names_the_story_leads_with_the_thesis_and_adds_the_readers(engine):
    answer = engine.summarising.overview("tldr?", "bike-lanes")
    lines = _lines(answer.answer)

    assert not answer.abstained and len(answer.answer) <= 600
    assert lines[0] == "“Harbourton's protected bike lanes have made its streets safer” (2 May 2031):"
    assert THESIS in lines[1]  # the headline's claim, as the article states it, first
    points = [line for line in lines if line.startswith("• ")]
    assert 1 <= len(points) <= 3
    assert lines[-1].startswith("Readers (23 comments)") and "the largest group, about" in lines[-1]
    assert _cited_kinds(answer) == {"article", "comment"}
    _assert_reader_lines_framed(answer.answer, answer)
    _assert_clean(answer.answer)


def test_overview_of_no_story_named_is_the_newest_with_article_text(engine):
    answer = engine.summarising.overview("summarize this", None)
    assert answer.answer.startswith("“Harbourton's protected bike lanes")
    assert {c.story for c in answer.citations} == {"bike-lanes"}


def test_overview_of_a_page_without_article_text_says_so(engine):
    answer = engine.summarising.overview("tldr", "stadium-video")
    assert answer.abstained and answer.citations == ()
    assert answer.answer.startswith("“Stadium roof plans unveiled” (1 January 2032): This story has no")


# -- "what do readers think" / "do readers agree with the article" -----------------------------------


def test_readers_view_gives_each_position_with_its_count(engine):
    question = "what do ppl in the comments think"
    answer = engine.summarising.readers_view(question, "bike-lanes", contrast=False)
    text = answer.answer
    lines = _lines(text)

    assert len(text) <= 900 and not answer.abstained
    assert lines[0] == (
        "Readers' main positions on “Harbourton's protected bike lanes have made its streets safer” "
        "(2 May 2031), from 23 comments:"
    )
    positions = [line for line in lines if line.startswith("• ")]
    counts = [int(re.search(r"(\d+) reader comments", line).group(1)) for line in positions]  # type: ignore[union-attr]
    # Eight cyclists and the two short replies that agree with them; seven shopkeepers and a reply; five
    # on the cost. A reply too short to say anything is never a position's quote.
    assert counts == [10, 8, 5]
    assert "kids" in positions[0] or "safe" in positions[0]
    assert "park" in positions[1]
    assert "million" in positions[2] or "money" in positions[2] or "budget" in positions[2]
    assert not any(reply in text for reply in SHORT_REPLIES)
    for line in positions:  # one short sentence of the reader's own, quoted
        quoted = re.search(r"“(.+)”", line).group(1)  # type: ignore[union-attr]
        assert len(quoted.split()) <= 25
    assert lines[-1].startswith("The article's own line: ") and THESIS in lines[-1]
    assert _cited_kinds(answer) == {"article", "comment"}
    _assert_reader_lines_framed(text, answer)
    _assert_clean(text)


def test_contrast_puts_the_article_first(engine):
    answer = engine.summarising.readers_view(
        "do readers agree with the article?", "bike-lanes", contrast=True
    )
    lines = _lines(answer.answer)
    assert lines[0].startswith("The article, “Harbourton's protected bike lanes") and THESIS in lines[0]
    assert len(answer.answer) <= 900 and len([line for line in lines if line.startswith("• ")]) == 3
    assert _cited_kinds(answer) == {"article", "comment"}
    _assert_reader_lines_framed(answer.answer, answer)


def test_a_question_about_one_thing_gets_the_comments_on_it(engine):
    answer = engine.summarising.readers_view(
        "the article says shop sales rose. do commenters buy that?", "bike-lanes", contrast=True
    )
    lines = _lines(answer.answer)
    assert "sales on the street rose" in lines[0]  # the article's sentence on that, first
    positions = [line for line in lines if line.startswith("• ")]
    assert positions and all(
        any(w in line for w in ("park", "shop", "store", "sales", "customers")) for line in positions[:1]
    )


def test_a_story_without_comments_says_so(engine):
    answer = engine.summarising.readers_view("what do readers think", "library-hours", contrast=False)
    assert answer.answer.startswith("“Library extends its opening hours” has no reader comments")
    assert {c.kind for c in answer.citations} <= {"article"}


# -- "what's the author's point" ---------------------------------------------------------------------


def test_thesis_is_the_headline_claim_from_the_article_only(engine):
    answer = engine.summarising.thesis("whats the authors point", "bike-lanes")
    assert answer.answer.startswith("The article, “Harbourton's protected bike lanes")
    assert THESIS in _lines(answer.answer)[0]
    assert _cited_kinds(answer) == {"article"} and len(answer.answer) <= 450


# -- /summary ----------------------------------------------------------------------------------------


def test_summary_states_positions_within_900_characters(engine):
    summary = engine.summarize("all", "bike-lanes")
    assert len(summary.text) <= 900
    assert THESIS in summary.article_points[0].text
    assert [p.size for p in summary.comment_points] == [10, 8, 5]
    assert summary.comment_points[0].text.startswith("About 10 reader comments: “")
    assert all(is_reader_framed(p.text) for p in summary.comment_points)
    _assert_clean(summary.text)
    assert not summary.notes


def test_the_cli_shows_the_story_and_its_date(engine):
    first = render_summary(engine.summarize("article", "bike-lanes")).splitlines()[0]
    assert first == "Harbourton's protected bike lanes have made its streets safer (bike-lanes, 2 May 2031)"


def test_summary_of_no_story_named_is_the_newest_and_says_so(engine):
    summary = engine.summarize("article", None)
    assert summary.story == "bike-lanes"
    assert summary.notes == (
        "4 stories are loaded and none was named, so this summarises the newest: “Harbourton's protected "
        "bike lanes have made its streets safer” (2 May 2031).",
    )


# -- with a language model: the same shapes, the model's checked sentences ----------------------------


def test_with_a_model_the_overview_keeps_its_shape(settings, local_embeddings):
    def script(messages) -> str:  # type: ignore[no-untyped-def]
        task = str(messages[-1].content)
        if "main points" in task:
            n = passage_number(messages, "serious crashes on the streets")
            return f"Serious crashes fell by 40 per cent on streets with protected lanes [{n}]."
        n = passage_number(messages, "Since the lanes opened")
        return f"Readers argue the lanes let their kids ride to school safely [{n}]."

    engine = build_engine(settings, embeddings=local_embeddings, llm=ScriptedChatModel(script=script))
    answer = engine.summarising.overview("tl;dr", "bike-lanes")
    lines = _lines(answer.answer)
    assert answer.mode == "llm" and len(answer.answer) <= 600
    assert lines[0].startswith("“Harbourton's protected bike lanes")
    assert lines[1] == "• Serious crashes fell by 40 per cent on streets with protected lanes. [1]"
    assert lines[-1].startswith("Readers (23 comments)")
    assert _cited_kinds(answer) == {"article", "comment"}

    summary = engine.summarize("comments", "bike-lanes")
    assert summary.mode == "llm" and len(summary.text) <= 900
    assert summary.comment_points[0].text.endswith("(about 10 reader comments)")
