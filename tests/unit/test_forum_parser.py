"""The forum export parser, pinned on the exact structure of the first story."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from retrieval.corpus import load_story, parse_story_bytes
from retrieval.errors import StoryFileError
from tests.support.paths import FIRST_STORY


@pytest.fixture(scope="module")
def story():
    return load_story(FIRST_STORY)


@pytest.fixture(scope="module")
def source() -> str:
    return FIRST_STORY.read_text(encoding="utf-8")


def test_headline_and_standfirst(story):
    assert story.id == "iraq-coalition-letter"
    assert story.title == "US Military & Coalition Leaving Iraq Per the Head of US Forces In Iraq"
    assert story.standfirst is not None
    assert (
        story.standfirst.text == "US coalition to leave Iraq ‘in due deference to sovereignty’ – US General"
    )


def test_article_paragraphs_exactly(story):
    starts = [p.text[:40] for p in story.paragraphs]
    assert starts == [
        "Citing a vote in the Iraqi parliament, t",
        "“In due deference to the sovereignty” of",
        "“We respect your sovereign decision to o",
        "There was initially some confusion about",
        "The Iraqi parliament adopted a resolutio",
        "US President Donald Trump responded by t",
        "Trump threatens Iraq with ‘very big sanc",
        "Secretary of State Mike Pompeo likewise ",
        "The US-led coalition forces were sent to",
    ]
    # The embedded link headline is article text, marked as a heading.
    assert [p.heading for p in story.paragraphs] == [False] * 6 + [True, False, False]


def test_poster_note_is_neither_article_nor_comment(story):
    assert [p.text for p in story.note] == ["For those interested, see copy of letter in this link....."]
    assert all("For those interested" not in p.text for p in story.paragraphs)


def test_comments_begin_and_end_where_the_bullets_say(story):
    assert [c.number for c in story.comments] == [1, 2, 3]
    first, second, third = story.comments
    assert first.paragraphs[0].text.startswith("NOW, other US leaders/military leaders are saying")
    assert first.paragraphs[-1].text.startswith("The mistaken letter followed the Sunday approval")
    assert len(first.paragraphs) == 9
    assert [p.text for p in first.paragraphs if p.heading] == [
        "'That's Not What's Happening'",
        "The Mistaken Letter",
    ]
    assert second.text == (
        "The new democracy of Iraq wants its US occupiers to leave, so be it. Promises made, promises kept."
    )
    assert third.text == (
        "Fake news. The Pentagon just ordered 3,000 troops from the elite paratroopers of the 82nd Airborne "
        "division to Iraq."
    )
    assert all(c.author is None and c.parent is None for c in story.comments)


def test_site_chrome_is_dropped(story):
    assert story.dropped == ("Sign In or Register to comment.",)
    everything = [p.text for p in story.paragraphs] + [c.text for c in story.comments]
    assert not any("Sign In" in text for text in everything)


def test_offsets_point_into_the_file(story, source):
    for paragraph in [story.headline, story.standfirst, *story.paragraphs, *story.note]:
        assert source[paragraph.start : paragraph.end] == paragraph.text
    for comment in story.comments:
        for paragraph in comment.paragraphs:
            assert source[paragraph.start : paragraph.end] == paragraph.text
    # Comments follow each other in the file, without overlap.
    ends = [(c.start, c.end) for c in story.comments]
    assert all(a_end < b_start for (_, a_end), (b_start, _) in pairwise(ends))


def test_a_file_without_article_text_is_refused(tmp_path: Path):
    with pytest.raises(StoryFileError, match="no article paragraphs"):
        parse_story_bytes("only-a-headline.txt", b"Just a headline\n")


def test_flush_left_text_after_comments_is_footer(tmp_path: Path):
    text = (
        "Headline\n\nFirst paragraph of the story.\n\n"
        "  \u2022 A comment\n    continued here.\nShare this\nFooter text\n"
    )
    story = parse_story_bytes("s.txt", text.encode())
    assert [c.text for c in story.comments] == ["A comment\n\ncontinued here."]
    assert story.dropped == ("Share this", "Footer text")
