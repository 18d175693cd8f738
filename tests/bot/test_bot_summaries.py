"""/summary with several stories loaded, through SimCord: with none named it summarises the newest and
says which story that is and of when; the story option offers the newest first."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import discord
import pytest

if TYPE_CHECKING:
    from tests.bot.conftest import Server

NEWER: dict[str, Any] = {
    "title": "Harbour bridge reopens after eight months of repairs",
    "published": "2031-03-04T09:30:00+00:00",
    "paragraphs": [
        "The Harbour Bridge reopened to traffic on Tuesday after eight months of repairs to its cables.",
        "Engineers replaced forty corroded steel cables, which added three months to the work.",
        "The repairs cost 48 million dollars, paid for by the state and the city.",
    ],
    "comments": [
        {
            "author": "ferryfan",
            "text": "Eight months for a few cables is far too long; the ferry was faster.",
        },
        {"author": "commuter", "text": "Glad it is open again, my drive to work is twenty minutes shorter."},
    ],
}
OLDER: dict[str, Any] = {
    "title": "Harbour bridge to close for cable repairs",
    "published": "2030-07-01",
    "paragraphs": [
        "The Harbour Bridge will close to traffic in July so that engineers can repair its cables.",
        "The city expects the work to take five months.",
    ],
    "comments": [
        {"author": "islander", "text": "Five months without the bridge will ruin the summer trade."}
    ],
}
TWO_STORIES = {"bridge-closes.json": OLDER, "bridge-reopens.json": NEWER}


@pytest.mark.parametrize("story_corpus", [TWO_STORIES], indirect=True)
async def test_summary_with_no_story_named_is_of_the_newest_and_says_which(server: Server):
    result = await server.alice.slash(server.general, "summary")

    assert not result.ephemeral and result.response is not None
    messages = [result.response, *result.followups]
    text = "\n".join(m.content for m in messages)
    # A time is a Discord timestamp (each member sees the day in their own zone); a bare day is written out.
    published = discord.utils.format_dt(datetime(2031, 3, 4, 9, 30, tzinfo=UTC), "D")
    assert text.startswith(
        "**Summary of the article and its reader comments** — Harbour bridge reopens after eight months "
        f"of repairs · {published}"
    )
    assert (
        "-# 2 stories are loaded and none was named, so this summarises the newest: “Harbour bridge " in text
    )
    assert "**What readers say** (2 comments)" in text
    assert "Five months" not in text and "will close to traffic" not in text  # nothing of the older story
    [sources] = messages[-1].embeds
    assert sources.title == "Sources" and sources.fields
    assert server.env.errors == []


@pytest.mark.parametrize("story_corpus", [TWO_STORIES], indirect=True)
async def test_a_story_named_is_the_one_summarised(server: Server):
    result = await server.alice.slash(server.general, "summary", scope="article", story="bridge-closes")

    assert result.response is not None
    text = result.response.content
    assert text.startswith(
        "**Summary of the article** — Harbour bridge to close for cable repairs · 1 July 2030"
    )
    assert "none was named" not in text


@pytest.mark.parametrize("story_corpus", [TWO_STORIES], indirect=True)
async def test_the_story_option_offers_the_newest_first_with_its_date(server: Server):
    choices = await server.alice.autocomplete(server.general, "summary", "story", "bridge")
    assert [c["value"] for c in choices] == ["bridge-reopens", "bridge-closes"]
    assert [c["name"] for c in choices] == [
        "Harbour bridge reopens after eight months of repairs · 2031-03-04",
        "Harbour bridge to close for cable repairs · 2030-07-01",
    ]
