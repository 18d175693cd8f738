"""What every answer generator makes, and the one way the answering service calls it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Generator as Gen
from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.documents import Document

from retrieval.answer.intents import Intent
from retrieval.index.snapshot import Snapshot
from retrieval.models import Mode


@dataclass(frozen=True)
class GeneratedAnswer:
    """A generator's answer before its citations are resolved: marker ``[n]`` refers to
    ``documents[cited[n-1]]``."""

    text: str
    cited: tuple[int, ...]
    abstained: bool
    mode: Mode
    scores: tuple[float, ...] = ()
    quotes: tuple[str, ...] = ()  # per cited passage: the sentences the answer took from it
    unsupported: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # for the user: why this answer is what it is (e.g. the model was down)
    reason: str = ""  # for the logs and --json: why the generator abstained


class Generator(ABC):
    """Turns retrieved passages into an answer. ``stream`` is the one pipeline: it yields the draft
    shown while a model writes (nothing, for a generator that writes all at once) and returns the answer."""

    mode: Mode

    @abstractmethod
    def generate(
        self,
        question: str,
        documents: Sequence[Document],
        snapshot: Snapshot,
        context: str = "",
        intent: Intent | None = None,
    ) -> GeneratedAnswer: ...

    def stream(
        self,
        question: str,
        documents: Sequence[Document],
        snapshot: Snapshot,
        context: str = "",
        intent: Intent | None = None,
    ) -> Gen[str, None, GeneratedAnswer]:
        return self.generate(question, documents, snapshot, context, intent)
        yield  # a generator that yields no draft
