"""Answers from a language model (OpenAI or any OpenAI-compatible server), checked before anyone sees them.

The model gets the numbered passages (comments sanitised, see untrusted.py) and must cite ``[n]`` after
every sentence. Its text then goes through the CitationChecker; what the passages do not support is
dropped. When the model cannot be reached, fails, returns nothing usable, or nothing it says survives the
check, the offline answer is given instead, with a short note saying why.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from collections.abc import Generator as Gen
from dataclasses import dataclass, field, replace
from functools import partial

from langchain_core.documents import Document
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage

from retrieval.answer.checking import CheckedAnswer, CitationChecker
from retrieval.answer.drafts import DraftGuard
from retrieval.answer.extractive import ExtractiveGenerator
from retrieval.answer.framing import NOT_FOUND
from retrieval.answer.generation import GeneratedAnswer, Generator
from retrieval.answer.intents import Intent, recognise
from retrieval.answer.prompt import ANSWER_PROMPT, answer_inputs
from retrieval.answer.untrusted import Payload, payload
from retrieval.index.snapshot import Snapshot
from retrieval.models import Mode

log = logging.getLogger(__name__)

UNAVAILABLE_NOTE = "The language model is unavailable right now, so this is the offline answer."
UNSUPPORTED_NOTE = (
    "The language model's answer was not supported by the story, so this is the offline answer."
)


class ModelOutputError(Exception):
    """The model answered with something that is not text."""


@dataclass
class Usage:
    """Token use and time spent in the model, summed over calls."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def add(self, message: BaseMessage | None, seconds: float) -> None:
        self.calls += 1
        self.seconds += seconds
        usage = getattr(message, "usage_metadata", None) or {}
        self.prompt_tokens += int(usage.get("input_tokens", 0))
        self.completion_tokens += int(usage.get("output_tokens", 0))

    def to_dict(self) -> dict:
        return {
            "llm_calls": self.calls,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "llm_seconds": round(self.seconds, 2),
            **({"failures": self.failures} if self.failures else {}),
        }


def message_text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, list):  # content blocks
        content = "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    if not isinstance(content, str):
        raise ModelOutputError(f"the model returned {type(content).__name__}, not text")
    return content


def describe_failure(exc: BaseException) -> str:
    """A short, log-friendly name for what went wrong with the model call."""
    status = getattr(exc, "status_code", None)
    name = type(exc).__name__
    return f"{name} (HTTP {status})" if status else f"{name}: {exc}"[:200]


def answer_payload(documents: Sequence[Document], withheld: Sequence[str] = ()) -> Payload:
    """What the answer must not repeat: the hostile text of the stories in play (``withheld``, kept out of
    the prompt) and the links of the comments it was given."""
    comments = [*withheld, *(d.page_content for d in documents if d.metadata.get("kind") == "comment")]
    article = " ".join(d.page_content for d in documents if d.metadata.get("kind") != "comment")
    return payload(comments, article)


class LLMGenerator(Generator):
    """Generates with a chat model, checks, and falls back to the offline generator."""

    mode: Mode = "llm"
    # The offline answer overrules a model that found no answer only when its support is at least this.
    overrule_support = 0.6

    def __init__(self, llm: BaseChatModel, checker: CitationChecker, fallback: ExtractiveGenerator) -> None:
        self.llm = llm
        self.model = (ANSWER_PROMPT | llm).with_config(run_name="answer_model")
        self.checker = checker
        self.fallback = fallback

    def generate(
        self,
        question: str,
        documents: Sequence[Document],
        snapshot: Snapshot,
        context: str = "",
        intent: Intent | None = None,
    ) -> GeneratedAnswer:
        events = self.stream(question, documents, snapshot, context, intent, stream=False)
        try:
            while True:
                next(events)
        except StopIteration as done:
            return done.value

    def stream(
        self,
        question: str,
        documents: Sequence[Document],
        snapshot: Snapshot,
        context: str = "",
        intent: Intent | None = None,
        *,
        stream: bool = True,
    ) -> Gen[str, None, GeneratedAnswer]:
        """Yield the draft so far as the model writes it; return the checked answer.

        Each string is the whole draft that may be shown yet (see drafts.py): complete sentences up to the
        first one that could carry a reader's injected payload; the first, empty, says the model has
        started. The checked answer replaces the draft in the end.
        """
        intent = intent or recognise(question, context=context)
        offline = partial(self.fallback.generate, question, documents, snapshot, context, intent)
        if not documents:
            return offline()
        inputs = answer_inputs(question, documents, context, intent)
        stories = {d.metadata["story"] for d in documents}
        held = answer_payload(documents, snapshot.withheld.payload_texts(stories))
        started = time.perf_counter()
        try:
            if stream:
                guard = DraftGuard(held)
                raw, shown, finished = "", None, False
                for chunk in self.model.stream(inputs):
                    if not isinstance(chunk, (AIMessageChunk, AIMessage)):
                        continue
                    if shown is None:  # the model has started: an empty draft says so at once
                        shown = ""
                        yield shown
                    raw += message_text(chunk)
                    finished = finished or bool(chunk.response_metadata.get("finish_reason"))
                    visible = guard.visible(raw)
                    if len(visible) > len(shown):
                        shown = visible
                        yield shown
                if not finished:
                    raise ModelOutputError("the model's stream stopped before the answer was finished")
            else:
                raw = message_text(self.model.invoke(inputs))
        except Exception as exc:  # any failure of the model is the same to the user: offline answer
            log.warning(
                "language model call failed after %.1fs: %s",
                time.perf_counter() - started,
                describe_failure(exc),
                exc_info=log.isEnabledFor(logging.DEBUG),
            )
            return _noted(offline(), UNAVAILABLE_NOTE)
        return self.finish(question, documents, raw, offline, held)

    def finish(
        self,
        question: str,
        documents: Sequence[Document],
        raw: str,
        offline: Callable[[], GeneratedAnswer],
        held: Payload | None = None,
    ) -> GeneratedAnswer:
        """The model's answer as the checker leaves it; the offline answer when nothing of it survives.

        A model that says the story does not answer is believed: its abstention stands unless the offline
        answer is strongly supported (then that is given, and ``reason`` says why)."""
        if not raw.strip():
            log.warning("language model returned an empty answer")
            return _noted(offline(), UNAVAILABLE_NOTE)
        held = held if held is not None else answer_payload(documents)
        checked = self.checker.check(raw, documents, question, held)
        if checked.kept:
            return self._draft(checked, documents)
        fallback = offline()
        unsupported = tuple(checked.unsupported)
        if checked.said_not_answered:
            best = max(fallback.scores, default=0.0)
            if fallback.abstained or best < self.overrule_support:
                text = fallback.text if fallback.abstained else NOT_FOUND
                return GeneratedAnswer(
                    text, (), True, "llm", unsupported=unsupported, reason="the model found no answer"
                )
            reason = f"the model found no answer, but the story's own sentences support one ({best:.2f})"
            return replace(fallback, unsupported=unsupported, reason=reason)
        note = UNSUPPORTED_NOTE if not fallback.abstained else ""
        return replace(
            fallback, unsupported=unsupported, notes=tuple(n for n in (*fallback.notes, note) if n)
        )

    @staticmethod
    def _draft(checked: CheckedAnswer, documents: Sequence[Document]) -> GeneratedAnswer:
        support: dict[int, float] = {}
        for v in checked.kept:
            for ref in v.refs:
                support[ref - 1] = max(support.get(ref - 1, 0.0), v.support)
        return GeneratedAnswer(
            text=checked.text,
            cited=tuple(checked.cited),
            abstained=False,
            mode="llm",
            scores=tuple(support.get(i, 0.0) for i in checked.cited),
            quotes=tuple(checked.quotes.get(i, "") for i in checked.cited),
            unsupported=tuple(checked.unsupported),
        )


def _noted(answer: GeneratedAnswer, note: str) -> GeneratedAnswer:
    return replace(answer, notes=(*answer.notes, note))


def create_chat_model(settings) -> BaseChatModel:
    """ChatOpenAI with explicit limits: LangChain's default ``timeout=None`` would switch off the OpenAI
    client's own timeout, so a hung server would hang the bot."""
    from langchain_openai import ChatOpenAI

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "no-key-needed"
    return ChatOpenAI(
        model=settings.llm_model,
        api_key=key,
        base_url=settings.llm_base_url,
        timeout=settings.llm_timeout_seconds,
        max_retries=settings.llm_max_retries,
        temperature=settings.llm_temperature,
        max_tokens=settings.llm_max_tokens,
        stream_usage=True,
    )
