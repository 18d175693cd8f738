"""Answer quality with the real local model (all-MiniLM-L6-v2).

Thresholds on realtimeqa-dev (109 stories, 103 questions) sit a little under what the offline mode
measures (see README, "Answer quality"), so a real regression fails while the numbers stay honest:
story recall >= 0.85 and evidence recall >= 0.85 (the LangChain RAG-tutorial baseline reaches 0.90 /
0.92 with four 1,000-character chunks; we cite fewer, shorter passages), keyword hit rate >= 0.50
(an extractive answer quotes sentences, so the exact answer phrase is often in the cited passage but
not in the sentence chosen), at most 6 of 103 answerable questions abstained, and at least 65% of
30 general-knowledge questions abstained on that corpus.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from retrieval import EvalItem, build_engine, evaluate, load_items
from retrieval.answer.framing import is_reader_framed
from retrieval.settings import load_settings
from tests.support.paths import TEST_DATA, shared_path

pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def seed_report(first_story_engine):
    return evaluate(first_story_engine.ask, load_items(shared_path("eval", "seed_dev.jsonl")))


def _item_ids(report, predicate) -> list[str]:
    return [r.item.id for r in report.results if predicate(r)]


def test_every_answerable_seed_question_cites_its_evidence(seed_report):
    missing = _item_ids(seed_report, lambda r: r.item.answerable and r.evidence_found < len(r.item.evidence))
    assert missing == []
    assert seed_report.metrics["evidence_recall"] == 1.0
    # Measured 8 of 9: factual answers now stop at 350 characters, so "What reason did the letter give"
    # cites the letter's own reason but no longer quotes its "sovereignty" sentence.
    assert seed_report.metrics["keyword_hit_rate"] >= 8 / 9


def test_every_unanswerable_seed_question_abstains_without_citations(seed_report):
    for result in seed_report.results:
        if not result.item.answerable:
            assert result.answer.abstained, result.item.question
            assert result.answer.citations == ()
            assert "does not say" in result.answer.answer
        else:
            assert not result.answer.abstained, result.item.question
    assert seed_report.metrics["abstention_accuracy"] == 1.0


def test_reader_comment_answers_are_framed_as_readers_claims(seed_report):
    assert seed_report.metrics["attribution_accuracy"] == 1.0
    for result in seed_report.results:
        if result.item.kind == "comment":
            assert any(c.kind == "comment" for c in result.answer.citations)
        for line in result.answer.answer.splitlines():
            refs = {int(n) for n in re.findall(r"\[(\d+)\]", line)}
            kinds = {c.kind for c in result.answer.citations if c.ref in refs}
            if "comment" in kinds:
                assert is_reader_framed(line), line
            if kinds == {"article"}:  # the opening ("Article:", "Yes — the article says:") names the source
                assert "article" in line.split(":")[0].casefold(), line


def test_off_topic_questions_abstain_on_the_first_story(first_story_engine):
    items = load_items(TEST_DATA / "offtopic.jsonl")
    report = evaluate(first_story_engine.ask, items)
    answered = _item_ids(report, lambda r: not r.answer.abstained)
    # Measured: 35 of 36 abstain; the one answered ("How many helicopters will the coalition use?")
    # quotes the article's sentence about helicopter traffic.
    assert len(answered) <= 1, answered


def test_follow_up_questions_use_the_earlier_question(first_story_engine):
    from retrieval import Turn

    answer = first_story_engine.ask("When did he send it?", history=[Turn("Who wrote the letter?")])
    assert not answer.abstained
    assert "Monday" in answer.answer


@pytest.fixture(scope="module")
def realtimeqa_engine(tmp_path_factory, local_embeddings):
    stories = shared_path("data", "realtimeqa-dev", "stories")
    data = tmp_path_factory.mktemp("realtimeqa")
    engine = build_engine(load_settings(data_dir=data, corpus_dir=stories), embeddings=local_embeddings)
    engine.ingest()
    return engine


def test_realtimeqa_finds_the_right_story_among_109(realtimeqa_engine):
    items = load_items(shared_path("data", "realtimeqa-dev", "questions.jsonl"))
    metrics = evaluate(realtimeqa_engine.ask, items).metrics
    # Measured with one story per answer (the first unless another is at least as strong, its headline
    # counting; "now" takes a newer story only if it covers the question as fully, with that story's own
    # best passages searched too; a video page closest in meaning named as the story asked about; sentences
    # read under their headline): story 0.932, evidence 0.917, keyword 0.573, 6 false abstentions (three of
    # them video pages, named and cited; one "this week" question whose newest story on it holds no
    # answering sentence; one asked in other words than its story's; one asking how much aid, which no
    # sentence of its story gives as a sum of money). The README says where this stands against the
    # recipe's 0.903 / 0.917.
    assert metrics["story_recall"] >= 0.92
    assert metrics["evidence_recall"] >= 0.91
    assert metrics["keyword_hit_rate"] >= 0.55
    assert metrics["false_abstentions"] <= 6


def test_realtimeqa_declines_general_knowledge_questions(realtimeqa_engine):
    items = [i for i in load_items(TEST_DATA / "offtopic.jsonl") if not i.id.startswith("off-iraq")]
    metrics = evaluate(realtimeqa_engine.ask, items).metrics
    # Measured: 24 of 30 (0.80) decline; the rest find a word or name they ask about in some story.
    assert metrics["abstention_accuracy"] >= 0.75


@pytest.fixture(scope="module")
def globe_engine(tmp_path_factory, local_embeddings, index_templates):
    source = shared_path("data", "globe-comments", "globe-28494689.json")
    corpus = tmp_path_factory.mktemp("globe-corpus")
    (corpus / source.name).write_bytes(source.read_bytes())
    settings = load_settings(data_dir=tmp_path_factory.mktemp("globe"), corpus_dir=corpus)
    index_templates.copy(settings)
    return build_engine(settings, embeddings=local_embeddings)


def test_comment_summary_of_426_comments(globe_engine):
    summary = globe_engine.summarize("comments")
    assert summary.comment_count == 426
    assert 1 <= len(summary.comment_points) <= 5
    sizes = [p.size for p in summary.comment_points]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) <= 426 and sizes[0] > 1
    for point in summary.comment_points:
        assert is_reader_framed(point.text)
        cited = [c for c in summary.citations if c.ref in point.refs]
        assert cited and all(c.kind == "comment" for c in cited)


def test_questions_about_readers_cite_named_commenters(globe_engine):
    answer = globe_engine.ask("What do readers think about a public inquiry into the media?")
    assert not answer.abstained
    comment_citations = [c for c in answer.citations if c.kind == "comment"]
    assert comment_citations and all(re.match(r"comment \d+ by ", c.where) for c in comment_citations)
    assert all(is_reader_framed(line) for line in answer.answer.splitlines() if "reader" in line.lower())


def test_eval_items_carry_their_ids(first_story_engine):
    items = [
        EvalItem(
            id="x1",
            question="What did Trump threaten Iraq with?",
            answerable=True,
            evidence=("very big sanctions",),
            answer_any=("sanction",),
            story=("iraq-coalition-letter",),
        )
    ]
    result = evaluate(first_story_engine.ask, items).to_dict()
    assert result["items"][0]["id"] == "x1"
    assert result["items"][0]["checks"]["evidence_found"] == 1
    assert Path(result["items"][0]["citations"][0]["story"] + ".txt").name == "iraq-coalition-letter.txt"
