"""The offline answer: the story's own best sentences, each followed by its citation marker.

No language model: it scores every sentence of the retrieved passages, abstains when none supports an
answer (or the question is about a name or number the story never mentions), and otherwise reports the
article's sentences and quotes reader comments as readers' claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.documents import Document

from retrieval.answer.framing import ARTICLE_LEAD, NOT_FOUND, NOT_FOUND_MANY, comment_lead, quote
from retrieval.answer.scoring import QuestionProfile, ScoredSentence, score_sentences
from retrieval.answer.untrusted import is_instruction_like, neutralise
from retrieval.index.snapshot import Snapshot
from retrieval.models import Mode
from retrieval.text import terms, words

# Questions about what readers think: answer from the comments alone.
ABOUT_READERS = re.compile(r"\b(readers?|commenters?|comments?|commentators?|people (say|think))\b", re.I)
# A sentence that is nothing but a quotation, like "Poorly worded, implies withdrawal."
QUOTATION = re.compile(r"""^\s*["“'‘][^"“”]*["”'’]\s*$""")
# A sentence joins the answer only if it is nearly as good as the best one.
RELATIVE_MARGIN = 0.2
NEAR_DUPLICATE = 0.7


@dataclass(frozen=True)
class Draft:
    """A generated answer before its citations are resolved.

    Marker ``[n]`` refers to ``documents[cited[n-1]]``.
    """

    text: str
    cited: tuple[int, ...]
    abstained: bool
    mode: Mode
    scores: tuple[float, ...] = ()
    quotes: tuple[str, ...] = ()  # per cited passage: the sentences the answer took from it
    unsupported: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # for the user: why this answer is what it is (e.g. the model was down)
    reason: str = ""  # for the logs and --json: why the generator abstained


def abstention(snapshot: Snapshot, note: str | None = None) -> Draft:
    text = NOT_FOUND if len(snapshot.manifest.stories) <= 1 else NOT_FOUND_MANY
    return Draft(text=text, cited=(), abstained=True, mode="extractive", reason=note or "")


def _similar(a: str, b: str) -> bool:
    ta, tb = set(terms(a)), set(terms(b))
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= NEAR_DUPLICATE


class ExtractiveGenerator:
    """Composes answers from the passages' own sentences."""

    mode: Mode = "extractive"

    # A sentence this well supported answers even if the question names things the story does not.
    strong_support = 0.55
    # Further sentences must be within this much of the best one.
    margin = RELATIVE_MARGIN
    max_stories = 2
    # An article sentence is added to a readers-only answer if its support reaches this share of min_support.
    article_floor = 0.7
    article_min_similarity = 0.25

    def __init__(self, max_sentences: int = 3, min_support: float = 0.38) -> None:
        self.max_sentences = max_sentences
        self.min_support = min_support

    def rank(
        self, question: str, documents: Sequence[Document], snapshot: Snapshot, context: str = ""
    ) -> tuple[QuestionProfile, list[ScoredSentence]]:
        profile = QuestionProfile.build(question, snapshot.idf, context)
        scored = score_sentences(profile, documents)
        scored.sort(key=lambda s: s.support, reverse=True)
        return profile, scored

    def select(
        self,
        profile: QuestionProfile,
        scored: list[ScoredSentence],
        documents: Sequence[Document],
        snapshot: Snapshot,
    ) -> tuple[list[ScoredSentence], str | None]:
        """The sentences to answer with, or ([], reason) when the story does not answer the question."""
        # A reader's instruction-like sentence ("ignore previous instructions ...") is never an answer.
        candidates = [
            s
            for s in scored
            if not s.heading
            and words(s.text) >= 3
            and not (documents[s.passage].metadata["kind"] == "comment" and is_instruction_like(s.text))
        ]
        if not candidates:
            return [], "nothing relevant was retrieved"
        story = self.focus_story(candidates, documents)
        in_story = [s for s in candidates if self._story(s, documents) == story]
        best = in_story[0]
        if profile.keys:
            missing = sorted(profile.keys - snapshot.story_terms.get(story, set()))
            if len(missing) * 2 >= len(profile.keys) and best.support < self.strong_support:
                return [], f"the story never mentions: {', '.join(missing)}"
        if best.support < self.min_support:
            return [], f"best support {best.support:.2f} is below {self.min_support:.2f}"

        chosen = [best]
        floor = max(self.min_support, best.support - self.margin)
        # Spread the answer over passages first (each brings context the others lack), and over at most
        # two stories: when two stories both answer, the reader should see both.
        eligible = sorted(
            (s for s in candidates if s is not best and s.support >= floor),
            key=lambda s: (any(c.passage == s.passage for c in chosen), -s.support),
        )
        for s in eligible:
            if len(chosen) >= self.max_sentences:
                break
            stories = {self._story(c, documents) for c in chosen} | {self._story(s, documents)}
            if len(stories) > self.max_stories or any(_similar(s.text, c.text) for c in chosen):
                continue
            chosen.append(s)

        # The article is the primary source: if readers supplied the whole answer but the article has a
        # relevant sentence too, the answer gives the article's account as well (unless the question
        # asks what readers say).
        if not ABOUT_READERS.search(profile.text) and all(
            documents[c.passage].metadata["kind"] == "comment" for c in chosen
        ):
            # Shared words alone do not make a supplement: it must also be close in meaning.
            article = next(
                (
                    s
                    for s in in_story
                    if documents[s.passage].metadata["kind"] == "article"
                    and s.similarity >= self.article_min_similarity
                    and s.support >= self.article_floor * self.min_support
                ),
                None,
            )
            if article is not None:
                chosen = [*chosen[: self.max_sentences - 1], article]
        return self._attribute_quotes(chosen, scored), None

    def _attribute_quotes(
        self, chosen: list[ScoredSentence], scored: list[ScoredSentence]
    ) -> list[ScoredSentence]:
        """A sentence that is only a quotation is followed by the sentence that says who said it."""
        by_key = {s.key: s for s in scored}
        out = list(chosen)
        for s in chosen:
            if QUOTATION.match(s.text):
                following = by_key.get((s.passage, s.index + 1))
                if following is not None and following not in out:
                    out.append(following)
        return out

    @staticmethod
    def _story(sentence: ScoredSentence, documents: Sequence[Document]) -> str:
        return documents[sentence.passage].metadata["story"]

    def focus_story(self, candidates: list[ScoredSentence], documents: Sequence[Document]) -> str:
        """The story the answer is about: that of the best-ranked passage with a usable sentence."""
        usable = {self._story(s, documents) for s in candidates}
        return next(d.metadata["story"] for d in documents if d.metadata["story"] in usable)

    def generate(
        self, question: str, documents: Sequence[Document], snapshot: Snapshot, context: str = ""
    ) -> Draft:
        if not documents:
            return abstention(snapshot, "nothing relevant was retrieved")
        profile, scored = self.rank(question, documents, snapshot, context)
        chosen, reason = self.select(profile, scored, documents, snapshot)
        if not chosen:
            return abstention(snapshot, reason)
        return compose(chosen, documents)


def compose(chosen: list[ScoredSentence], documents: Sequence[Document]) -> Draft:
    """Group sentences by passage (best passage first, sentences in reading order) and frame each group."""
    groups: dict[int, list[ScoredSentence]] = {}
    for s in chosen:
        groups.setdefault(s.passage, []).append(s)
    lines, cited, scores, quotes = [], [], [], []
    for ref, (passage, sentences) in enumerate(groups.items(), 1):
        meta = documents[passage].metadata
        sentences.sort(key=lambda s: s.index)
        marker = f"[{ref}]"
        if meta["kind"] == "article":
            body = " ".join(f"{s.text} {marker}" for s in sentences)
            lines.append(f"{ARTICLE_LEAD} {body}")
        else:
            body = " ".join(f"{quote(neutralise(s.text))} {marker}" for s in sentences)
            lines.append(f"{comment_lead(meta['where'], meta.get('section', 'comment'))} {body}")
        cited.append(passage)
        scores.append(max(s.support for s in sentences))
        quotes.append(" ".join(s.text for s in sentences))
    return Draft(
        text="\n".join(lines),
        cited=tuple(cited),
        abstained=False,
        mode="extractive",
        scores=tuple(scores),
        quotes=tuple(quotes),
    )
