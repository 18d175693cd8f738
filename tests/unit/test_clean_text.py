"""Clean text at ingest: the sentence splitter, the role rules (subhead, caption, boilerplate, body), and
the parsers that apply them. Downstream effects are in test_clean_text_index.py.

Every story here is made up for the test (tests/data/clean-text-story.json, video-only-story.json).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.corpus import load_story, parse_story_bytes
from retrieval.corpus.roles import classify_comment_paragraph, classify_paragraph
from retrieval.text import sentence_spans

DATA = Path(__file__).resolve().parent.parent / "data"
STORY = DATA / "clean-text-story.json"
VIDEO_ONLY = DATA / "video-only-story.json"


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


# --- the sentence splitter ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The ferry leaves at 6 a.m. ET on weekdays and returns by noon.",
        "The council meets at 7:30 p.m. Thursday in the old library.",
        "Tickets go on sale at 9 a.m. local time, organisers said.",
        "The U.S. and the U.K. signed the harbour accord in Lisbon.",
        "The plan was approved by the U.S. Department of Transportation last week.",
        "Marine Colonel Ada H. Brightwater signed the order on Monday.",
        "The novel by J. K. Marlow sold a million copies in its first year.",
        "Mr. Okafor and Dr. Hart met Gen. Ruiz at No. 5 Quay Street on Jan. 12 to sign it.",
        "Sen. Ortiz, Gov. Bell and Rep. Kahn voted for the bridge bill.",
    ],
)
def test_abbreviations_do_not_split_a_sentence(text):
    assert _sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I woke at 6 a.m. The sun was already up.", ["I woke at 6 a.m.", "The sun was already up."]),
        (
            "The answer was clear: No. Voters rejected it.",
            ["The answer was clear: No.", "Voters rejected it."],
        ),
        ("She moved to the U.S. Her sister stayed.", ["She moved to the U.S.", "Her sister stayed."]),
        (
            "It closes at 5 p.m. On Sundays it opens late.",
            ["It closes at 5 p.m.", "On Sundays it opens late."],
        ),
    ],
)
def test_an_abbreviation_can_still_end_a_sentence(text, expected):
    assert _sentences(text) == expected


# --- the rules, one by one ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Was this ad relevant to you?",  # the ad-feedback form a video player leaves behind
        "What went wrong? The video player was slow to load. The ad was too loud. Other",
        "Ad Feedback Drone footage of the new pier 02:10 - Source: Example News",  # a clip's promo line
        "Watch: Divers inspect the bridge cables 03:05 - Source: Example TV",
        "Sign up for our Morning Commute newsletter. Get traffic news in your inbox every weekday.",
        "Enjoying this column? Subscribe here and get it every Friday.",
        "RELATED: City council approves new ferry route",
        "Read more: How the old bridge was built",
        "Example News' Tom Reyes and Ana Liu contributed to this report.",
        "Correction: An earlier version of this story misstated the length of the bridge.",
        "This story has been updated with additional details.",
        "Port Avalon Example News —",  # a dateline standing alone
        "Reuters —",
    ],
)
def test_boilerplate(text):
    assert classify_paragraph(text) == "boilerplate"


@pytest.mark.parametrize(
    "text",
    [
        "Commuters cross the bridge at dawn on Tuesday. Maria Okafor/Example Photo Agency",
        "A crane lifts a new cable into place on Monday, March 3. Jon Bell/AP",
        "Workers inspect the deck of the bridge on Feb. 20. Harbour Authority via AP",
        "The new deck was laid in sections. Courtesy Port Avalon Council",
        "A diver checks a pylon below the waterline Ana Liu/Example News/Getty Images",  # no full stop
        "Ana Liu/Example News",  # a credit standing alone
        "Mayor Ruth Bell, left, and engineer Lena Hart open the bridge to traffic on Tuesday.",
        "Mayor Ruth Bell (center) cuts the ribbon at the bridge's west end.",
    ],
)
def test_captions_and_credits(text):
    assert classify_paragraph(text) == "caption"


@pytest.mark.parametrize(
    ("text", "heading", "has_next"),
    [
        ("Why did the repairs take so long?", False, True),  # a subhead phrased as a question
        ("Q: Who pays for the repairs?", False, True),
        ("What comes next", True, True),  # a line the parser found heading-shaped
        ("TOP TIP", False, False),  # a shouted label
    ],
)
def test_subheads(text, heading, has_next):
    assert classify_paragraph(text, heading=heading, has_next=has_next) == "subhead"


@pytest.mark.parametrize(
    "text",
    [
        "The repairs cost $48 million, paid for by the state and the U.S. Department of Transportation.",
        "The plan came from the U.S. Department of Transportation",  # no full stop, yet no credit after one
        "“We are back in business,” Mayor Ruth Bell said on Tuesday.",
        "Is the bridge safe now? Engineers say it is.",  # a question answered in the same paragraph
        "“Will it last?” asked one commuter, crossing at dawn.",  # a quoted question
        "Mayor Bell is seen as the favourite to win a second term.",
        "You can sign up for a commuter pass at any station.",
        "Photos from the opening show crowds on both banks.",
        "Drivers paid a toll of $2. Cyclists crossed free.",
    ],
)
def test_body_text_stays_body(text):
    assert classify_paragraph(text, has_next=True) == "body"


def test_reader_comments_only_lose_pasted_player_text():
    # A reader's sign-off looks like a captioned credit; readers are never judged by caption rules.
    assert classify_comment_paragraph("Agreed. Well said Ferryfan") == "body"
    assert classify_comment_paragraph("RELATED: my blog post") == "body"
    assert classify_comment_paragraph("Was this ad relevant to you?") == "boilerplate"
    assert classify_comment_paragraph("A heading", heading=True) == "subhead"


# --- parsers -----------------------------------------------------------------------------------------


def test_story_json_marks_each_paragraph():
    story = load_story(STORY)
    assert [p.role for p in story.paragraphs] == [
        "boilerplate",  # dateline
        "body",
        "caption",
        "boilerplate",  # clip promo
        "subhead",
        "body",
        "boilerplate",  # newsletter
        "boilerplate",  # related link
        "body",
        "boilerplate",  # contributors
    ]
    assert story.has_article_text
    assert [p.role for c in story.comments for p in c.paragraphs] == ["body", "body"]


def test_forum_text_marks_captions_and_subheads():
    source = (
        "Harbour bridge reopens\n\n"
        "The city's bridge is open again after eight months.\n\n"
        "The Harbour Bridge reopened on Tuesday, the transport office said.\n"
        "Commuters cross the bridge at dawn on Tuesday. Maria Okafor/Example Photo Agency\n"
        "Why did it take so long?\n"
        "Engineers found corrosion in 40 of the bridge's cables.\n\n"
        "  • A reader says the ferry was faster.\n"
    )
    story = parse_story_bytes("bridge.txt", source.encode())
    assert story.standfirst is not None and story.standfirst.role == "body"
    assert [p.role for p in story.paragraphs] == ["body", "caption", "subhead", "body"]


def test_a_story_of_only_player_text_has_no_article_text():
    story = load_story(VIDEO_ONLY)
    assert [p.role for p in story.paragraphs] == ["boilerplate", "boilerplate"]
    assert not story.has_article_text
