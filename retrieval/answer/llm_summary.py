"""Summaries written by the language model, checked like answers.

Article: one prompt over the article's passages ("the main points, its thesis first, at most three").

Comments: a thread of hundreds of comments does not fit one prompt, so it is map-reduced. Clustering
(answer/summary.py) splits it into readers' positions; for each of the largest groups (map) the model
states the position from the group's most central comments, as many as ``context_chars`` allows; the
statements are then checked and assembled by group size (reduce). Each point keeps its size; the
citations quote what the model's statement rests on. A statement that fails the check falls back to the
offline point.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel

from retrieval.answer.checking import CheckedAnswer, CitationChecker, SentenceVerdict
from retrieval.answer.llm import Usage, answer_payload, describe_failure, message_text
from retrieval.answer.prompt import summary_messages
from retrieval.answer.summary import Point
from retrieval.index.passage import Passage

ARTICLE_TASK = (
    "State the article's main points in at most three short sentences: first its thesis, the claim its "
    "headline makes, then the two points that matter most."
)
GROUP_TASK = (
    "These reader comments share a position. In one short sentence (at most 25 words), say what these "
    'readers argue, starting with "Readers argue" and citing the comments.'
)


@dataclass(frozen=True)
class Statement:
    verdict: SentenceVerdict
    passages: tuple[Passage, ...]  # what the verdict's refs point to, in ref order (ref n -> passages[n-1])


class LLMSummarizer:
    def __init__(self, llm: BaseChatModel, checker: CitationChecker, context_chars: int) -> None:
        self.llm = llm
        self.checker = checker
        self.context_chars = context_chars

    def _ask(self, task: str, passages: Sequence[Passage], usage: Usage) -> CheckedAnswer | None:
        documents = [p.document() for p in passages]
        started = time.perf_counter()
        try:
            message = self.llm.invoke(summary_messages(task, documents))
            raw = message_text(message)
        except Exception as exc:
            usage.failures.append(describe_failure(exc))
            return None
        usage.add(message, time.perf_counter() - started)
        return self.checker.check(raw, documents, task, answer_payload(documents))

    def _batches(self, passages: Sequence[Passage]) -> list[list[Passage]]:
        batches: list[list[Passage]] = [[]]
        size = 0
        for p in passages:
            if batches[-1] and size + len(p.text) > self.context_chars:
                batches.append([])
                size = 0
            batches[-1].append(p)
            size += len(p.text)
        return batches

    def article(self, passages: Sequence[Passage], usage: Usage) -> list[Statement]:
        chosen = self._batches(passages)[0]  # the opening of the article, as much as one prompt holds
        checked = self._ask(ARTICLE_TASK, chosen, usage)
        if checked is None:
            return []
        return [Statement(v, tuple(chosen)) for v in checked.kept]

    def group(self, passages: Sequence[Passage], usage: Usage) -> Statement | None:
        """The position a group of comments shares (from its most central comments, as many as fit one
        prompt), or None if no statement survives the check."""
        central = self._batches(passages)[0]
        checked = self._ask(GROUP_TASK, central, usage)
        if checked is None or not checked.kept:
            return None
        return Statement(checked.kept[0], tuple(central))


def render_statement(statement: Statement, ref_of: Callable[[Passage], int]) -> tuple[str, tuple[int, ...]]:
    refs = tuple(ref_of(statement.passages[r - 1]) for r in statement.verdict.refs)
    return f"{statement.verdict.text} {' '.join(f'[{r}]' for r in refs)}", refs


def group_passages(point: Point, passages: Sequence[Passage]) -> list[Passage]:
    """The comment passages of a group: the representative's first, then nearest the group's centre first."""
    rank = {number: i for i, number in enumerate(point.comments)}
    chosen = [
        p for p in passages if p.metadata.get("section") == "comment" and p.metadata.get("comment") in rank
    ]
    first = point.sentences[0].passage.record_id
    return sorted(
        chosen, key=lambda p: (p.record_id != first, rank[p.metadata["comment"]], p.metadata["ordinal"])
    )
