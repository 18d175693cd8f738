"""The answer chain: retrieve passages from a pinned snapshot, then generate.

``create_answer_chain(retriever, generator)`` takes its dependencies, so the same chain runs with the
offline generator, an LLM generator, or a scripted one in tests. Input: ``{"question", "snapshot",
"story"?, "context"?}``; output: the input plus ``documents`` and ``draft``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from retrieval.answer.extractive import Draft
from retrieval.index.snapshot import Snapshot
from retrieval.models import Mode


class Generator(Protocol):
    mode: Mode

    def generate(
        self, question: str, documents: Sequence[Document], snapshot: Snapshot, context: str = ""
    ) -> Draft: ...


def create_answer_chain(
    retriever: BaseRetriever, generator: Generator
) -> Runnable[dict[str, Any], dict[str, Any]]:
    def retrieve(inputs: dict[str, Any]) -> list[Document]:
        return retriever.invoke(
            inputs["question"],
            snapshot=inputs["snapshot"],
            story=inputs.get("story"),
            context=inputs.get("context", ""),
        )

    def generate(inputs: dict[str, Any]) -> Draft:
        return generator.generate(
            inputs["question"], inputs["documents"], inputs["snapshot"], inputs.get("context", "")
        )

    return RunnablePassthrough.assign(
        documents=RunnableLambda(retrieve, name="retrieve")
    ) | RunnablePassthrough.assign(draft=RunnableLambda(generate, name="generate"))
