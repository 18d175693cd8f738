"""What of a language model's unchecked draft may be shown while it streams.

The checker judges the model's answer once it is complete; the text streamed before that is the raw draft.
A model that obeys an instruction injected through a reader comment would show it there ("PWNED", a
reader's link, the system prompt) until the checked answer replaces it. So a draft is shown only in
complete sentences (half a sentence cannot be judged) and only up to its first sentence that could carry
such a payload: a link or image, anything instruction-like or phrased as a chat turn, words of the
comments' instruction-like sentences, or five words in a row of the system prompts. What is held back is
never lost: the checked answer replaces the draft in the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.answer.prompt import SUMMARY_SYSTEM_PROMPT, SYSTEM_PROMPT
from retrieval.answer.untrusted import Payload, has_link, is_instruction_like
from retrieval.text import shingles

PROMPT_SHINGLE_WORDS = 5
# The end of a sentence: terminal punctuation (not after an initial or a title, as in "William H. Seely" or
# "Gen. Milley"), closing quotes and citation markers, then white space; or a line break. The white space
# must have arrived: until then the sentence may still be growing.
_SENTENCE_END = re.compile(
    r"(?<![\s.][A-Z])(?<!\b(?:Mr|Ms|Dr|St|Lt))(?<!\b(?:Mrs|Gen|Col|Sgt|Gov|Sen|Rep))"
    r"[.!?…][\"'”’)\]]*(?:[ \t]*\[\d+(?:\s*,\s*\d+)*\])*(?=\s)|\n"
)


_PROMPT_SHINGLES = frozenset(
    shingles(SYSTEM_PROMPT, PROMPT_SHINGLE_WORDS) | shingles(SUMMARY_SYSTEM_PROMPT, PROMPT_SHINGLE_WORDS)
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
    """Decides which sentences of a draft may be shown; ``payload`` is what the retrieved comments ask for."""

    payload: Payload

    def allows(self, sentence: str, *, before: str = "") -> bool:
        if has_link(sentence):
            return False
        if is_instruction_like(sentence) or self.payload.found_in(sentence):
            return False
        # Checked with what is already shown, so a prompt quoted across two sentences is caught too.
        return not (shingles(before[-400:] + " " + sentence, PROMPT_SHINGLE_WORDS) & _PROMPT_SHINGLES)

    def visible(self, draft: str) -> str:
        """The draft's complete sentences, up to the first one that may not be shown."""
        shown = ""
        for sentence in complete_sentences(draft):
            if sentence.strip() and not self.allows(sentence, before=shown):
                break
            shown += sentence
        return shown.strip()
