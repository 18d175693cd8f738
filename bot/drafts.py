"""What of a language model's unchecked draft may be shown while it streams.

The core checks the model's answer only once it is complete; the text streamed before that is the raw
draft. A model that obeys an instruction injected through a reader comment would show it there ("PWNED",
a reader's link, the system prompt) until the checked answer replaces it. So a draft is shown only up to
its first sentence that could carry such a payload, and only in complete sentences (half a sentence
cannot be judged): no links or images, nothing instruction-like or phrased as a chat turn, no words of
the instruction-like sentences in the corpus's comments, nothing of the system prompts. Anything held back
is never lost: the checked answer, shown in the end, is the core's.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

from bot.text import CONTENT_LIMIT, safe
from retrieval.answer.prompt import SUMMARY_SYSTEM_PROMPT, SYSTEM_PROMPT
from retrieval.answer.untrusted import (
    MARKDOWN_IMAGE,
    MARKDOWN_LINK,
    URL,
    Payload,
    is_instruction_like,
    payload,
)
from retrieval.engine import StoryEngine
from retrieval.text import normalise

log = logging.getLogger(__name__)

DRAFTING = "-# drafting… (not yet checked against the story)"
PROMPT_SHINGLE_WORDS = 5
# The end of a sentence: terminal punctuation (not after an initial or a title, as in "William H. Seely" or
# "Gen. Milley"), closing quotes and citation markers, then white space; or a line break. The white space
# must have arrived: until then the sentence may still be growing.
_SENTENCE_END = re.compile(
    r"(?<![\s.][A-Z])(?<!\b(?:Mr|Ms|Dr|St|Lt))(?<!\b(?:Mrs|Gen|Col|Sgt|Gov|Sen|Rep))"
    r"[.!?…][\"'”’)\]]*(?:[ \t]*\[\d+(?:\s*,\s*\d+)*\])*(?=\s)|\n"
)
_WORD = re.compile(r"[a-z0-9]+")


def _shingles(text: str, size: int) -> set[tuple[str, ...]]:
    words = _WORD.findall(normalise(text).casefold())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


_PROMPT_SHINGLES = frozenset(
    _shingles(SYSTEM_PROMPT, PROMPT_SHINGLE_WORDS) | _shingles(SUMMARY_SYSTEM_PROMPT, PROMPT_SHINGLE_WORDS)
)


def complete_sentences(text: str) -> list[str]:
    """The sentences of ``text`` that are complete, in order (the unfinished rest is left out)."""
    sentences, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        sentences.append(text[start : end.end()])
        start = end.end()
    return sentences


@dataclass(frozen=True)
class DraftGuard:
    """Decides which sentences of a draft may be shown. ``payload`` is what the corpus's comments ask for."""

    payload: Payload

    def allows(self, sentence: str, *, before: str = "") -> bool:
        if URL.search(sentence) or MARKDOWN_IMAGE.search(sentence) or MARKDOWN_LINK.search(sentence):
            return False
        if is_instruction_like(sentence) or self.payload.found_in(sentence):
            return False
        # The prompts are checked with what is already shown, so a quote split over sentences counts too.
        return not (_shingles(before[-400:] + " " + sentence, PROMPT_SHINGLE_WORDS) & _PROMPT_SHINGLES)

    def visible(self, draft: str) -> str:
        """The draft's complete sentences, up to the first one that may not be shown."""
        shown = ""
        for sentence in complete_sentences(draft):
            if sentence.strip() and not self.allows(sentence, before=shown):
                break
            shown += sentence
        return shown.strip()


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    while cut.endswith("\\"):  # never leave an escape dangling
        cut = cut[:-1]
    return cut.rstrip() + "…"


def draft_content(draft: str, guard: DraftGuard, *, header: str = "", limit: int = CONTENT_LIMIT) -> str:
    """The message shown while the answer streams: the header, the visible draft (escaped like answers,
    at most ``limit`` characters in all), and the line that says it is a draft."""
    lines = [header] if header else []
    room = limit - len(DRAFTING) - sum(len(line) + 1 for line in lines) - 1
    if body := guard.visible(draft):
        lines.append(_cut(safe(body), room))
    lines.append(DRAFTING)
    return "\n".join(lines)


# -- the corpus's payload ------------------------------------------------------------------------------


def corpus_payload(engine: StoryEngine) -> tuple[str | None, Payload]:
    """The payload of every story's comments in the served corpus, with the corpus version it is for.

    The core computes the payload of the passages an answer retrieved, but does not hand it out with the
    stream; this covers every comment instead, which can only hold back more of a draft, never less.
    """
    snapshot = engine.snapshots.current()
    comments: dict[str, list[str]] = {}
    articles: dict[str, list[str]] = {}
    for passage in snapshot.passages:
        texts = comments if passage.kind == "comment" else articles
        texts.setdefault(passage.story, []).append(passage.text)
    words: set[str] = set()
    links: set[str] = set()
    for story, texts in comments.items():
        found = payload(texts, " ".join(articles.get(story, [])))
        words |= found.words
        links |= found.links
    return snapshot.corpus_version, Payload(frozenset(words), frozenset(links))


class DraftGuards:
    """The draft guard of the corpus served now, rebuilt when the corpus version changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: tuple[str | None, DraftGuard] | None = None

    def current(self, engine: StoryEngine) -> DraftGuard:
        """Blocking (it reads the served corpus): call it from a worker thread."""
        version = engine.snapshots.current().corpus_version
        with self._lock:
            if self._cached is not None and self._cached[0] == version:
                return self._cached[1]
        version, found = corpus_payload(engine)
        guard = DraftGuard(found)
        with self._lock:
            self._cached = (version, guard)
        log.debug("draft guard for corpus %s: %d payload words", version, len(found.words))
        return guard
