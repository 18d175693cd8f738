"""Readers' views on a topic across several forum stories, answered offline with the real embedding model:
"what do the commenters think of X" asks about the thread where readers take X up, not the column that
names X in passing while its readers argue about something else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import StoryEngine
from tests.support.story_files import engine_on_stories

PAPER = {
    "title": "The town paper is dying, and nobody is asking why",
    "published": "2025-03-02",
    "paragraphs": [
        "The Elmford Ledger printed its last daily edition on Friday after 120 years.",
        "Mayor Ada Quinn's council has been preoccupied with parking meters instead of the paper's collapse.",
        "Local news needs a public inquiry before the next paper closes.",
    ],
    "comments": [
        {"author": f"Reader{i}", "text": text}
        for i, text in enumerate(
            [
                "The Ledger lost me when it put every story behind a paywall.",
                "Newspapers have been dying for twenty years, nothing new here.",
                "I still buy the weekend edition for the crossword.",
                "An inquiry into newspapers is a waste of money.",
                "The Ledger's sports pages were the best in the province.",
                "Print is dead, get your news online like everyone else.",
                "My grandfather delivered the Ledger as a boy.",
                "Quinn's council has nothing to do with a newspaper going broke.",
                "The paper should have started a podcast years ago.",
                "Local reporters covered our school board when nobody else did.",
            ]
        )
    ],
}

COUNCIL = {
    "title": "Can the new majority's charm hide its stumbles?",
    "published": "2025-03-09",
    "paragraphs": [
        "One hundred days in, the new majority at city hall is scoring on style and sputtering on content.",
        "The transit plan is delayed, the budget is late and the promised audit has not begun.",
    ],
    "comments": [
        {"author": "Rook", "text": "This council has broken every promise it made in the campaign."},
        {"author": "Vale", "text": "Give the council time, it inherited a mess from the last one."},
        {"author": "Mira", "text": "The council is incompetent and the deficit proves it."},
        {"author": "Tam", "text": "A hundred days is too early to judge any council."},
        {"author": "Juno", "text": "The council's budget is late because it is careful."},
    ],
}


@pytest.fixture(scope="module")
def two_threads(tmp_path_factory, local_embeddings) -> Iterator[StoryEngine]:
    stories = {"paper.json": PAPER, "council.json": COUNCIL}
    yield from engine_on_stories(tmp_path_factory, local_embeddings, "readers-topics", stories)


def test_readers_view_of_a_topic_comes_from_the_thread_that_takes_it_up(two_threads):
    answer = two_threads.ask("what do the commenters think of quinn's council so far")
    cited = {citation.story for citation in answer.citations}
    assert cited == {"council"}, answer.answer
    assert any(comment["text"] in answer.answer for comment in COUNCIL["comments"]), answer.answer


def test_what_commenters_really_think_is_their_view_not_a_claim_to_check(two_threads):
    # "really" makes "did X really ..." a claim check; asked of what the commenters think, it is their view.
    answer = two_threads.ask("do the commenters think the council is really incompetent")
    first = answer.answer.splitlines()[0]
    assert first.startswith(("A reader", "Readers")) and "Mira" in answer.answer, answer.answer
