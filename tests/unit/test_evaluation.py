"""The answer-quality figures of `storybot eval` (issue 9), on hand-made answers: no model, no index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from retrieval.answer.framing import NOT_FOUND
from retrieval.eval_items import EvalItem, load_items
from retrieval.evaluation import (
    OVERVIEW_MAX_CHARS,
    EvalReport,
    boilerplate_in,
    check,
    evaluate,
    lead_sentence,
)
from retrieval.models import Answer, Citation, Locator, StoryInfo

STORY = "letter"


def cite(ref: int, kind: Literal["article", "comment"] = "article", story: str = STORY) -> Citation:
    return Citation(
        ref=ref,
        story=story,
        kind=kind,
        where=f"{kind} {ref}",
        text="passage",
        score=1.0,
        locator=Locator(section=kind),
    )


def story_info(story: str, comments: int) -> StoryInfo:
    return StoryInfo(story, story.title(), 5, comments, 5 + comments, f"{story}.json")


def answer(text: str, *citations: Citation, abstained: bool = False) -> Answer:
    return Answer(
        question="q",
        answer=text,
        abstained=abstained,
        mode="extractive",
        citations=citations,
        corpus_version="v1",
        latency_ms=1.0,
    )


def abstention() -> Answer:
    return answer(NOT_FOUND, abstained=True)


def item(
    qtype: str | None = "factual",
    *,
    answerable: bool = True,
    keys: tuple[str, ...] = (),
    story: tuple[str, ...] = (STORY,),
    item_id: str = "x",
) -> EvalItem:
    return EvalItem(
        id=item_id,
        question="q",
        answerable=answerable,
        answer_any=keys if answerable else (),
        story=story if answerable else (),
        qtype=qtype,
    )


def report_of(*pairs: tuple[EvalItem, Answer], stories: tuple[StoryInfo, ...] = ()) -> EvalReport:
    """The report of ``evaluate`` on these items, each answered with its hand-made answer."""
    answers = iter([a for _, a in pairs])
    return evaluate(lambda _question: next(answers), [i for i, _ in pairs], stories=stories)


# -- the lead sentence --------------------------------------------------------------------------------


def test_the_lead_ends_at_the_first_citation_marker() -> None:
    text = "The article reports: Seely wrote the letter. [1] Pompeo dismissed the resolution. [1]"
    assert lead_sentence(text) == "The article reports: Seely wrote the letter."


def test_the_lead_is_on_the_first_line_and_one_sentence_when_a_model_cites_late() -> None:
    assert lead_sentence("\nYes. The letter was real, officials said. [1]\nMore. [2]") == "Yes."


def test_a_key_after_the_lead_is_a_keyword_hit_but_a_lead_miss() -> None:
    result = check(
        item(keys=("Dickson",)),
        answer("The article reports: The letter surfaced online. [1] Rick Dickson called it official. [2]"),
    )
    assert result.keyword_hit is True
    assert result.lead_hit is False


def test_lead_keys_match_whatever_the_case_quotes_and_diacritics() -> None:
    result = check(
        item(keys=("zelenska",)), answer("Olena ZELENSKÁ met Jill Biden in Uzhhorod. [1]", cite(1))
    )
    assert result.lead_hit is True
    quoted = check(item(keys=("Baghdad's green zone",)), answer("Flights go into Baghdad’s green zone. [1]"))
    assert quoted.lead_hit is True


def test_an_abstention_never_hits_the_lead_even_when_it_shares_a_key() -> None:
    result = check(item(keys=("story",)), abstention())
    assert result.lead_hit is False


def test_items_without_keys_or_unanswerable_have_no_lead_check() -> None:
    assert check(item(keys=()), answer("Anything. [1]")).lead_hit is None
    assert check(item("unanswerable", answerable=False), abstention()).lead_hit is None


# -- abstention, length ----------------------------------------------------------------------------


def test_abstention_precision_recall_and_false_abstentions() -> None:
    report = report_of(
        (item("unanswerable", answerable=False, item_id="u1"), abstention()),  # right
        (item("offtopic", answerable=False, item_id="u2"), answer("Pizza is good. [1]", cite(1))),  # missed
        (item(keys=("Seely",), item_id="a1"), abstention()),  # false abstention
        (item(keys=("Seely",), item_id="a2"), answer("Seely wrote it. [1]", cite(1))),
    )
    overall = report.overall
    assert overall.abstained == 2
    assert overall.abstention_precision == 0.5  # one of the two abstentions was due
    assert overall.abstention_recall == 0.5  # one of the two unanswerable questions abstained
    assert overall.false_abstentions == 1
    assert report.metrics["false_abstentions"] == 1
    assert report.metrics["abstention_accuracy"] == 0.5  # the existing metric, unchanged


def test_no_abstention_gives_no_precision_and_nothing_to_abstain_gives_no_recall() -> None:
    overall = report_of((item(keys=("a",)), answer("a [1]", cite(1)))).overall
    assert overall.abstention_precision is None
    assert overall.abstention_recall is None


def test_answer_length_p50_counts_answers_given_not_abstentions() -> None:
    report = report_of(
        (item(item_id="1"), answer("a" * 100)),
        (item(item_id="2"), answer("b" * 200)),
        (item(item_id="3"), answer("c" * 300)),
        (item(item_id="4"), abstention()),
    )
    assert report.overall.answer_chars_p50 == 200
    assert report.metrics["answer_chars_p50"] == 200


# -- overviews: summary, readers' view, contrast ------------------------------------------------------


def test_a_forum_story_overview_must_cite_the_article_and_a_comment() -> None:
    forum = frozenset({STORY})
    both = check(
        item("summary"), answer("Article point [1]. Readers say [2].", cite(1), cite(2, "comment")), forum
    )
    article_only = check(item("comments_opinion"), answer("Article point [1].", cite(1)), forum)
    comment_only = check(item("contrast"), answer("A reader says [1].", cite(1, "comment")), forum)
    assert both.overview_ok is True
    assert article_only.overview_problems == ("no comment citation on a forum story",)
    assert comment_only.overview_problems == ("no article citation",)


def test_a_news_story_overview_needs_the_article_only() -> None:
    result = check(item("summary"), answer("Article point [1].", cite(1)), forum_stories=frozenset())
    assert result.overview_ok is True


def test_an_overview_from_another_story_abstained_or_too_long_falls_short() -> None:
    other_story = check(item("summary"), answer("Elsewhere [1].", cite(1, story="other")))
    assert other_story.overview_problems == ("no article citation",)
    assert check(item("summary"), abstention()).overview_problems == ("abstained",)
    too_long = check(item("summary"), answer("x" * (OVERVIEW_MAX_CHARS + 1) + " [1]", cite(1)))
    assert too_long.overview_problems == (f"{OVERVIEW_MAX_CHARS + 5} chars > {OVERVIEW_MAX_CHARS}",)


def test_only_overview_questions_get_the_overview_check() -> None:
    assert check(item("factual"), answer("A fact [1].", cite(1))).overview_ok is None
    report = report_of(
        (item("summary", item_id="s1"), answer("Point [1].", cite(1))),
        (item("contrast", item_id="c1"), abstention()),
        (item("factual", item_id="f1"), answer("A fact [1].", cite(1))),
    )
    assert (report.overall.overview_ok, report.overall.overview_total) == (1, 2)
    assert report.metrics["overviews_ok"] == "1/2"


def test_evaluate_takes_forum_stories_from_the_index_story_list() -> None:
    article_only = answer("Article point [1].", cite(1))
    forum = report_of((item("summary"), article_only), stories=(story_info(STORY, comments=12),))
    news = report_of((item("summary"), article_only), stories=(story_info(STORY, comments=0),))
    assert forum.results[0].overview_problems == ("no comment citation on a forum story",)
    assert news.results[0].overview_ok is True


# -- boilerplate -------------------------------------------------------------------------------------


def test_captions_credits_and_player_text_are_boilerplate() -> None:
    assert boilerplate_in("1. How relevant is this ad to you?") == ("ad feedback",)
    assert boilerplate_in("Video Ad Feedback Here's how NASA wants to go 04:10 - Source: CNN Business") == (
        "video player",
        "video source line",
    )
    assert boilerplate_in("Rutherford got his license Nikolay Doychinov/AFP/Getty Images") == (
        "photo credit",
    )
    assert boilerplate_in("People stand in line in Beijing on July 4. Andy Wong/AP") == ("photo credit",)
    assert boilerplate_in("Washington CNN — The House voted.") == ("dateline",)
    assert boilerplate_in("Sign up for CNN’s Wonder Theory science newsletter.") == ("newsletter plug",)


def test_ordinary_sentences_are_not_boilerplate() -> None:
    assert boilerplate_in("He told CNN earlier in August that he wanted to fly.") == ()
    assert boilerplate_in("A reader comment (comment 3 by AP Smith) claims: “Source: the IMF.” [2]") == ()


def test_the_report_counts_answers_with_boilerplate() -> None:
    report = report_of(
        (item(item_id="1"), answer("The article reports: How relevant is this ad to you? [1]", cite(1))),
        (item(item_id="2"), answer("The letter is real. [1]", cite(1))),
    )
    assert report.overall.boilerplate_answers == 1
    assert report.results[0].boilerplate == ("ad feedback",)


# -- per question type, overall, rendering ----------------------------------------------------------


def test_the_lead_rate_counts_single_fact_types_overall_and_per_type() -> None:
    report = report_of(
        (item("factual", keys=("Seely",), item_id="f1"), answer("Seely wrote it. [1]", cite(1))),
        (item("yesno", keys=("no",), item_id="y1"), answer("The letter was a draft. [1]", cite(1))),
        # A summary is judged as an overview, not by its lead.
        (item("summary", keys=("withdraw",), item_id="s1"), answer("Troops may go. [1]", cite(1))),
    )
    overall = report.overall
    assert (overall.lead_hits, overall.lead_total, overall.lead_hit_rate) == (1, 2, 0.5)
    by_qtype = report.by_qtype
    assert list(by_qtype) == ["factual", "yesno", "summary"]
    assert by_qtype["factual"].lead_hit_rate == 1.0
    assert by_qtype["yesno"].lead_hit_rate == 0.0
    assert by_qtype["summary"].lead_hit_rate is None
    assert report.results[2].lead == "Troops may go."  # still shown to a reader
    assert report.metrics["lead_hit_rate"] == 0.5


def test_untyped_items_count_for_the_lead_target() -> None:
    report = report_of((item(None, keys=("Seely",)), answer("Seely wrote it. [1]", cite(1))))
    assert report.overall.lead_hit_rate == 1.0
    assert list(report.by_qtype) == ["-"]


def test_to_dict_carries_the_new_checks_and_figures() -> None:
    report = report_of((item("factual", keys=("Seely",)), answer("Seely wrote it. [1] More. [1]", cite(1))))
    data = report.to_dict()
    checks = data["items"][0]["checks"]
    assert checks["lead"] == "Seely wrote it."
    assert checks["lead_hit"] is True
    assert checks["overview_problems"] is None  # not an overview question
    assert data["items"][0]["qtype"] == "factual"
    assert data["by_qtype"]["factual"]["lead_hit_rate"] == 1.0
    json.dumps(data)  # the CLI prints it as JSON


def test_load_items_reads_the_user_dev_fields(tmp_path: Path) -> None:
    row = {
        "id": "d-s01",
        "question": "who wrote the letter lol",
        "corpus": "seed",
        "answerable": True,
        "expected": "Seely wrote it.",
        "answer_any": ["Seely"],
        "evidence": [],
        "kind": "article",
        "story": ["iraq-coalition-letter"],
        "qtype": "factual",
    }
    path = tmp_path / "qa.jsonl"
    path.write_text(json.dumps(row) + "\n" + json.dumps({"id": 2, "question": "q", "answerable": False}))
    first, second = load_items(path)
    assert (first.qtype, first.corpus, first.expected) == ("factual", "seed", "Seely wrote it.")
    assert (second.qtype, second.corpus, second.expected) == (None, None, "")


def test_the_benchmark_baseline_is_counted_as_answers_are() -> None:
    """A bare retriever's passages and an answer's citations get the same evidence and story recall."""
    from dataclasses import replace

    from retrieval import cited_recall

    items = [
        EvalItem("a", "q", True, evidence=("the letter", "eight leaders"), story=(STORY,)),
        EvalItem("b", "q", True, evidence=("Madrid",), story=("other",)),
        EvalItem("c", "q", False, evidence=("never counted",)),
    ]
    passages = [[(STORY, "The Letter was signed")], [(STORY, "in madrid")], [("x", "never counted")]]
    answers = [
        answer("a", *(replace(cite(n + 1, story=s), text=t) for n, (s, t) in enumerate(cited)))
        for cited in passages
    ]
    metrics = report_of(*zip(items, answers)).metrics
    assert (
        cited_recall(items, passages)
        == (metrics["evidence_recall"], metrics["story_recall"])
        == (
            round(2 / 3, 4),
            0.5,
        )
    )
