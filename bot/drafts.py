"""How a language model's draft looks while it streams, before the checked answer replaces it.

What of the draft may be shown at all is the core's decision (``retrieval.answer.drafts``): ``ask_stream``
yields only complete sentences that carry no reader's injected payload. Here it is escaped like an
answer, kept within Discord's limit, and marked as an unchecked draft.
"""

from __future__ import annotations

from bot.text import CONTENT_LIMIT, safe

DRAFTING = "-# drafting… (not yet checked against the story)"


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    while cut.endswith("\\"):  # never leave an escape dangling
        cut = cut[:-1]
    return cut.rstrip() + "…"


def draft_content(draft: str, *, header: str = "", limit: int = CONTENT_LIMIT) -> str:
    """The message shown while the answer streams: the header, the draft (escaped like answers, at most
    ``limit`` characters in all), and the line that says it is a draft."""
    lines = [header] if header else []
    room = limit - len(DRAFTING) - sum(len(line) + 1 for line in lines) - 1
    if draft.strip():
        lines.append(_cut(safe(draft.strip()), room))
    lines.append(DRAFTING)
    return "\n".join(lines)
