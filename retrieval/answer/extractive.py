"""The offline answer: the story's own sentences, the one that answers first, each followed by its citation.

No language model. It scores every sentence of the retrieved passages, keeps to one story, leads with the
sentence that carries what was asked (and its focus), and abstains when nothing does. Article sentences
are reported ("Article: ..."); a reader's sentence is quoted as that reader's claim. Yes/no questions and
claim checks lead with a verdict (verdicts.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from langchain_core.documents import Document

from retrieval.answer import verdicts
from retrieval.answer.framing import (
    ARTICLE_LEAD,
    BUT,
    NEVER_MENTIONS,
    NEVER_MENTIONS_IN,
    NO_ARTICLE_TEXT,
    NO_ARTICLE_TEXT_IN,
    NOT_FOUND,
    NOT_FOUND_MANY,
    READER_ONLY_FACT,
    STATED_VERDICTS,
    quote,
    reader_lead,
)
from retrieval.answer.generation import GeneratedAnswer, Generator
from retrieval.answer.intents import Intent, IntentKind, recognise
from retrieval.answer.scoring import QuestionProfile, ScoredSentence, score_sentences
from retrieval.answer.selection import Selector
from retrieval.answer.untrusted import neutralise
from retrieval.index.snapshot import Snapshot
from retrieval.models import Mode


def abstention(snapshot: Snapshot, note: str | None = None, text: str | None = None) -> GeneratedAnswer:
    text = text or (NOT_FOUND if len(snapshot.manifest.stories) <= 1 else NOT_FOUND_MANY)
    return GeneratedAnswer(text=text, cited=(), abstained=True, mode="extractive", reason=note or "")


@dataclass(frozen=True)
class Line:
    """One line of an answer: how it opens (attribution or verdict) and the sentences it cites."""

    opening: str
    sentences: tuple[ScoredSentence, ...]
    quoted: bool  # a reader's words, shown in quotation marks


class ExtractiveGenerator(Generator):
    """Composes answers from the passages' own sentences."""

    mode: Mode = "extractive"

    # A factual answer stays within this many characters when it can (the lead sentence always shows).
    factual_chars = 350
    answer_chars = 900

    def __init__(self, max_sentences: int = 3, min_support: float = 0.38) -> None:
        self.max_sentences = max_sentences
        self.min_support = min_support
        self.selector = Selector(min_support=min_support)

    def rank(
        self, question: str, documents: Sequence[Document], snapshot: Snapshot, context: str = ""
    ) -> tuple[QuestionProfile, list[ScoredSentence]]:
        profile = QuestionProfile.build(question, snapshot.idf, context)
        scored = score_sentences(profile, documents)
        scored.sort(key=lambda s: s.support, reverse=True)
        return profile, scored

    def generate(
        self,
        question: str,
        documents: Sequence[Document],
        snapshot: Snapshot,
        context: str = "",
        intent: Intent | None = None,
    ) -> GeneratedAnswer:
        intent = intent or recognise(question, context=context)
        if not documents:
            return abstention(snapshot, "nothing relevant was retrieved")
        profile, scored = self.rank(intent.question or question, documents, snapshot, context)
        found = self.selector.select(profile, intent, scored, documents, snapshot)
        if found.no_article_text:
            return self._no_article_text(documents, found.passage, snapshot, found.reason)
        if found.unmentioned:
            return abstention(
                snapshot, found.reason, self._never_mentions(found.unmentioned, intent, snapshot)
            )
        if found.reason:
            return abstention(snapshot, found.reason)
        lead = found.lead
        assert lead is not None
        kind = documents[lead.passage].metadata["kind"]

        if intent.kind in (IntentKind.YES_NO, IntentKind.CLAIM_CHECK):
            leaned_on = [s for s in found.lead_group if s is not lead]
            before = next((s.text for s in scored if s.key == (lead.passage, lead.index - 1)), "")
            title = str(documents[lead.passage].metadata.get("title", ""))
            opening = verdicts.verdict(intent, lead, kind, leaned_on, subject=before, headline=title)
            if kind == "comment":
                who = reader_lead(documents[lead.passage].metadata, capital=not opening.endswith(";"))
                lines = [Line(f"{opening} {who}", found.lead_group, True)]
            else:
                lines = [Line(opening, found.lead_group, False)]
                if found.dispute is not None and opening in STATED_VERDICTS:
                    # The article's verdict stands; a reader who says the opposite is shown, as a reader.
                    meta = documents[found.dispute.passage].metadata
                    lines.append(Line(f"{BUT} {reader_lead(meta, capital=False)}", (found.dispute,), True))
            return self._compose(lines, documents)

        if kind == "comment" and not intent.about_readers:
            meta = documents[lead.passage].metadata
            if found.article_context is not None and profile.answer_type != "number":
                # A reader says it; the article has a bearing on it too: both, each attributed.
                lines = [
                    self._line(found.lead_group, documents),
                    Line(ARTICLE_LEAD, (found.article_context,), False),
                ]
                return self._compose(lines, documents)
            # Only a reader gives it: say the article doesn't, and whose claim it is. A figure only a
            # reader gives is no answer to "how many ...": that counts as not answered.
            opening = f"{READER_ONLY_FACT} {reader_lead(meta, capital=False)}"
            answer = self._compose([Line(opening, found.lead_group, True)], documents)
            if profile.answer_type == "number":
                return replace(answer, abstained=True, reason="only a reader gives a figure")
            return answer

        budget = self.factual_chars if intent.kind == IntentKind.FACTUAL else self.answer_chars
        groups = [found.lead_group]
        used = sum(len(s.text) for s in found.lead_group)
        for group in found.more:
            if len(groups) >= self.max_sentences:
                break
            size = sum(len(s.text) for s in group)
            if used + size > budget:
                continue
            groups.append(group)
            used += size
        lines: list[Line] = []
        for group in groups:  # groups from one source share a line: "Article: s1 [1] s2 [2]"
            line = self._line(group, documents)
            if lines and lines[-1].opening == line.opening == ARTICLE_LEAD:
                lines[-1] = Line(ARTICLE_LEAD, lines[-1].sentences + line.sentences, False)
            else:
                lines.append(line)
        if found.article_line is not None:  # readers' views, then the article's line for contrast
            lines.append(Line(ARTICLE_LEAD, (found.article_line,), False))
        return self._compose(lines, documents)

    @staticmethod
    def _line(group: tuple[ScoredSentence, ...], documents: Sequence[Document]) -> Line:
        meta = documents[group[0].passage].metadata
        if meta["kind"] == "article":
            return Line(ARTICLE_LEAD, group, False)
        return Line(reader_lead(meta), group, True)

    @staticmethod
    def _never_mentions(story: str, intent: Intent, snapshot: Snapshot) -> str:
        thing = neutralise(intent.question)
        entry = snapshot.manifest.story(story)
        if len(snapshot.manifest.stories) <= 1 or entry is None:
            return NEVER_MENTIONS.format(thing=thing)
        return NEVER_MENTIONS_IN.format(title=neutralise(entry.title or story), thing=thing)

    @staticmethod
    def _no_article_text(
        documents: Sequence[Document], passage: int, snapshot: Snapshot, reason: str
    ) -> GeneratedAnswer:
        """The story asked about is a video page: say so, and (among several stories) which one
        it is, citing it by its title, the one thing it says, so the member sees its date and can find it."""
        if len(snapshot.manifest.stories) <= 1:
            return abstention(snapshot, reason, NO_ARTICLE_TEXT)
        title = documents[passage].metadata.get("title") or documents[passage].metadata["story"]
        return GeneratedAnswer(
            text=f"{NO_ARTICLE_TEXT_IN.format(title=neutralise(title))} [1]",
            cited=(passage,),
            abstained=True,
            mode="extractive",
            scores=(0.0,),
            quotes=(title,),
            reason=reason,
        )

    @staticmethod
    def _compose(lines: list[Line], documents: Sequence[Document]) -> GeneratedAnswer:
        """Each line cites its passage; passages are numbered in the order the answer first cites them."""
        refs: dict[int, int] = {}
        texts, scores, quotes = [], {}, {}
        for line in lines:
            parts = []
            # Consecutive sentences of one passage share one marker, after the last of them.
            for s, following in zip(line.sentences, (*line.sentences[1:], None)):
                ref = refs.setdefault(s.passage, len(refs) + 1)
                body = quote(neutralise(s.text)) if line.quoted else s.text
                last = following is None or following.passage != s.passage
                parts.append(f"{body} [{ref}]" if last else body)
                scores[s.passage] = max(scores.get(s.passage, 0.0), s.support)
                quotes.setdefault(s.passage, []).append(s.text)
            texts.append(f"{line.opening} {' '.join(parts)}".strip())
        cited = tuple(refs)
        return GeneratedAnswer(
            text="\n".join(texts),
            cited=cited,
            abstained=False,
            mode="extractive",
            scores=tuple(scores[p] for p in cited),
            quotes=tuple(" ".join(quotes[p]) for p in cited),
        )
