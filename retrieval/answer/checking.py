"""Checking a language model's answer against the passages it cites. Deterministic code, after generation.

For every sentence of the model's text:
1. markers that name no passage are removed; a sentence left with no valid marker is unsupported;
2. the sentence must be supported by the passages it cites: its names and numbers must all appear in
   them, and its meaning must be close to one of their sentences (embedding similarity blended with the
   share of its content words the passages contain);
3. it must not repeat a comment's payload (words of instruction-like sentences, links only comments
   contain) or the system prompt;
4. a sentence resting only on reader comments must say so; if it does not, it is reframed as a reader's
   claim.
Unsupported sentences are dropped (or kept and flagged, by setting). Markers are renumbered in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from retrieval.answer.framing import is_reader_framed
from retrieval.answer.untrusted import Payload, urls
from retrieval.text import STOPWORDS, key_terms, normalise, sentence_spans, shingles, terms

MARKER = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")
NOT_ANSWERED = re.compile(
    r"\b(does not say|doesn't say|do not say|not (mentioned|stated|in the (story|passages)))\b", re.I
)
FLAG = "⚠"
# Opening words that are safe to lower-case after "According to a reader comment, ".
_LOWERABLE = frozenset("the this that these those it they he she there a an in on at some many most".split())

# Fetches passage sentence vectors: (documents) -> one array of sentence vectors per document.
SentenceVectors = Callable[[Sequence[Document]], list[np.ndarray]]


@dataclass(frozen=True)
class SentenceVerdict:
    text: str  # the sentence without markers
    refs: tuple[int, ...]  # 1-based passage numbers it cites (valid ones)
    supported: bool
    reason: str = ""
    support: float = 0.0
    reframed: bool = False
    quotes: dict[int, str] = field(default_factory=dict)  # document index -> its sentence closest to this one


@dataclass
class CheckedAnswer:
    text: str
    cited: list[int] = field(default_factory=list)  # document indices, in marker order
    verdicts: list[SentenceVerdict] = field(default_factory=list)
    said_not_answered: bool = False

    @property
    def unsupported(self) -> list[str]:
        return [f"{v.text} ({v.reason})" for v in self.verdicts if not v.supported]

    @property
    def kept(self) -> list[SentenceVerdict]:
        return [v for v in self.verdicts if v.supported]

    @property
    def quotes(self) -> dict[int, str]:
        """Per cited document, the passage sentences the kept answer sentences rest on."""
        found: dict[int, list[str]] = {}
        for v in self.kept:
            for index, quote in v.quotes.items():
                if quote and quote not in found.setdefault(index, []):
                    found[index].append(quote)
        return {index: " ".join(quotes) for index, quotes in found.items()}


def reframe(sentence: str) -> str:
    first, _, rest = sentence.partition(" ")
    if first.lower() in _LOWERABLE:
        first = first.lower()
    return f"According to a reader comment, {first} {rest}".strip()


class CitationChecker:
    def __init__(
        self,
        embeddings: Embeddings,
        sentence_vectors: SentenceVectors,
        *,
        min_support: float = 0.55,
        flag_unsupported: bool = False,
        system_prompt: str = "",
    ) -> None:
        self.embeddings = embeddings
        self.sentence_vectors = sentence_vectors
        self.min_support = min_support
        self.flag_unsupported = flag_unsupported
        self._prompt_shingles = shingles(system_prompt, 6)

    def split(self, raw: str, count: int) -> list[tuple[str, tuple[int, ...]]]:
        """Sentences of the model's text, each with the valid passage numbers it cites."""
        text = normalise(raw).replace("\r", "")
        out = []
        for start, end in sentence_spans(text):
            sentence = text[start:end].strip()
            refs: list[int] = []
            for group in MARKER.findall(sentence):
                for number in re.split(r"\s*,\s*", group):
                    n = int(number)
                    if 1 <= n <= count and n not in refs:
                        refs.append(n)
            body = MARKER.sub("", sentence).strip()
            # A marker that ends the previous sentence sometimes lands at the start of this one.
            if not body and out and refs:
                prev_body, prev_refs = out[-1]
                out[-1] = (prev_body, tuple(dict.fromkeys([*prev_refs, *refs])))
                continue
            if body:
                out.append((body, tuple(refs)))
        return out

    def check(
        self, raw: str, documents: Sequence[Document], question: str, payload: Payload
    ) -> CheckedAnswer:
        sentences = self.split(raw, len(documents))
        if not sentences:
            return CheckedAnswer(text="")
        passage_vectors = self.sentence_vectors(documents)
        bodies = [body for body, _ in sentences]
        vectors = np.asarray(self.embeddings.embed_documents(bodies), dtype=np.float32)
        question_keys = key_terms(question)

        verdicts = []
        said_not_answered = False
        for (body, refs), vector in zip(sentences, vectors):
            if NOT_ANSWERED.search(body) and not refs:
                said_not_answered = True
                verdicts.append(SentenceVerdict(body, refs, False, "says the story does not answer"))
                continue
            verdicts.append(
                self._judge(body, refs, vector, documents, passage_vectors, question_keys, payload)
            )

        kept = [v for v in verdicts if v.supported or (self.flag_unsupported and v.refs)]
        numbering: dict[int, int] = {}
        parts = []
        for v in kept:
            marks = []
            for ref in v.refs:
                numbering.setdefault(ref, len(numbering) + 1)
                marks.append(f"[{numbering[ref]}]")
            flag = "" if v.supported else f" {FLAG}"
            parts.append(f"{v.text} {' '.join(marks)}{flag}")
        cited = [ref - 1 for ref in numbering]
        return CheckedAnswer(" ".join(parts), cited, verdicts, said_not_answered)

    def _judge(
        self,
        body: str,
        refs: tuple[int, ...],
        vector: np.ndarray,
        documents: Sequence[Document],
        passage_vectors: list[np.ndarray],
        question_keys: set[str],
        payload: Payload,
    ) -> SentenceVerdict:
        if not refs:
            return SentenceVerdict(body, refs, False, "no citation")
        leaked = payload.found_in(body)
        if leaked:
            return SentenceVerdict(
                body, refs, False, f"repeats text from a reader's instructions: {leaked[0]}"
            )
        if self._prompt_shingles & shingles(body, 6):
            return SentenceVerdict(body, refs, False, "repeats the instructions")
        cited = [documents[r - 1] for r in refs]
        cited_text = " ".join(d.page_content for d in cited)
        for link in urls(body):
            if link.casefold() not in cited_text.casefold() or all(
                d.metadata["kind"] == "comment" for d in cited
            ):
                return SentenceVerdict(body, refs, False, f"contains a link the article does not: {link}")
        passage_terms = set(terms(cited_text))
        missing = sorted(key_terms(body) - passage_terms - question_keys)
        if missing:
            return SentenceVerdict(
                body, refs, False, f"names what the cited passages do not: {', '.join(missing)}"
            )
        content = [t for t in terms(body) if t not in STOPWORDS]
        coverage = sum(1 for t in content if t in passage_terms) / len(content) if content else 0.0
        quotes: dict[int, str] = {}
        similarity = -1.0
        for r in refs:
            sims = passage_vectors[r - 1] @ vector
            best = int(np.argmax(sims))
            similarity = max(similarity, float(sims[best]))
            quotes[r - 1] = _piece_sentence(documents[r - 1], best)
        support = 0.5 * similarity + 0.5 * coverage
        if support < self.min_support:
            return SentenceVerdict(body, refs, False, f"weak support {support:.2f}", support)
        if all(d.metadata["kind"] == "comment" for d in cited) and not is_reader_framed(body):
            return SentenceVerdict(
                reframe(body),
                refs,
                True,
                "reframed as a reader's claim",
                support,
                reframed=True,
                quotes=quotes,
            )
        return SentenceVerdict(body, refs, True, "", support, quotes=quotes)


def _piece_sentence(document: Document, piece: int) -> str:
    """The sentence that contains a passage's ``piece``-th embedding piece."""
    pieces = document.metadata["piece_spans"]
    spans = document.metadata["sentence_spans"]
    start, end = spans[pieces[piece][2]]
    return document.page_content[start:end].strip()
