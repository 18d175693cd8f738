"""Scripted chat models for tests: real LangChain BaseChatModel subclasses whose reply is computed from
the prompt, so a script can cite the passage that holds a phrase whatever number retrieval gave it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field


def passage_number(messages: list[BaseMessage], phrase: str, missing: int | None = None) -> int:
    """The number the prompt gives the passage containing ``phrase`` (article or comment block); ``missing``
    when no passage holds it (retrieval left it out), if given."""
    prompt = str(messages[-1].content)
    for match in re.finditer(
        r"^\[(\d+)\] (.*?)(?=^\[\d+\] |^READER COMMENTS|^Question:|\Z)", prompt, re.M | re.S
    ):
        if phrase in match.group(2):
            return int(match.group(1))
    for match in re.finditer(r'<reader_comment number="(\d+)"[^>]*>\n(.*?)\n</reader_comment>', prompt, re.S):
        if phrase in match.group(2):
            return int(match.group(1))
    if missing is not None:
        return missing
    raise AssertionError(f"no passage with {phrase!r} in the prompt")


class ScriptedChatModel(BaseChatModel):
    """Replies with ``script(messages)``; streams it word by word. Records every prompt it sees."""

    script: Callable[[list[BaseMessage]], str]
    prompts: list[list[BaseMessage]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.prompts.append(messages)
        text = self.script(messages)
        message = AIMessage(
            text, usage_metadata={"input_tokens": 100, "output_tokens": 10, "total_tokens": 110}
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        self.prompts.append(messages)
        for word in re.findall(r"\S+\s*", self.script(messages)):
            yield ChatGenerationChunk(message=AIMessageChunk(word))
        # The last chunk says the answer is complete, as OpenAI-compatible servers do.
        yield ChatGenerationChunk(message=AIMessageChunk("", response_metadata={"finish_reason": "stop"}))


class BrokenChatModel(BaseChatModel):
    """Fails every call with ``error``."""

    error: Exception

    @property
    def _llm_type(self) -> str:
        return "broken"

    def _generate(
        self, messages: list[BaseMessage], stop=None, run_manager=None, **kwargs: Any
    ) -> ChatResult:
        raise self.error
