"""Posting replies: to a channel or thread, or as an interaction's follow-ups, and telling users about errors.
An answer that streams is first posted as a draft and then edited into the answer (``ChannelAnswer``,
``InteractionAnswer``).

One rule everywhere: a failure to post is logged and never takes the bot down. A 5xx from Discord is
retried once (discord.py already retries server errors inside its HTTP client on a live connection; this
retry covers the part of a multi-message answer that still failed), anything else is raised to the caller,
which decides what the user is told.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import discord

from bot.formatting import Reply

log = logging.getLogger(__name__)

SEND_ATTEMPTS = 2
# interaction.extras key: the interaction was deferred publicly and the "thinking…" message is still open.
PUBLIC_LOADING = "storybot_public_loading"

Send = Callable[..., Awaitable[Any]]


async def _send(send: Send, **kwargs: Any) -> Any:
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            return await send(**kwargs)
        except discord.HTTPException as exc:
            if exc.status < 500 or attempt == SEND_ATTEMPTS:
                raise
            log.warning("Discord answered %s when posting a message; retrying once", exc.status)
    raise AssertionError("unreachable")


def _payload(reply: Reply, *, view: discord.ui.View | None) -> dict[str, Any]:
    payload: dict[str, Any] = {"content": reply.content or None, "embeds": reply.embeds}
    if view is not None:
        payload["view"] = view
    return payload


async def send_replies(
    destination: discord.abc.Messageable,
    replies: Sequence[Reply],
    *,
    reference: discord.Message | None = None,
    view: discord.ui.View | None = None,
) -> list[discord.Message]:
    """Post ``replies`` in order; the first answers ``reference``, the last carries ``view``."""
    sent = []
    for index, reply in enumerate(replies):
        payload = _payload(reply, view=view if index == len(replies) - 1 else None)
        if index == 0 and reference is not None:
            payload["reference"] = reference.to_reference(fail_if_not_exists=False)
        sent.append(await _send(destination.send, **payload))
    return sent


async def send_followups(
    interaction: discord.Interaction,
    replies: Sequence[Reply],
    *,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> None:
    """Post ``replies`` as follow-ups of a deferred interaction (the first completes the deferral)."""
    for index, reply in enumerate(replies):
        payload = _payload(reply, view=view if index == len(replies) - 1 else None)
        await _send(interaction.followup.send, wait=True, ephemeral=ephemeral, **payload)
        interaction.extras.pop(PUBLIC_LOADING, None)


async def edit_reply(message: discord.Message, reply: Reply, *, view: discord.ui.View | None = None) -> None:
    """Turn a message of the bot's (a draft) into ``reply``."""
    await _send(message.edit, **_payload(reply, view=view))


class ChannelAnswer:
    """An answer in a channel or thread (replying to ``reference``), whose draft is edited in place."""

    def __init__(self, destination: discord.abc.Messageable, reference: discord.Message | None) -> None:
        self.destination = destination
        self.reference = reference
        self.draft: discord.Message | None = None

    async def show_draft(self, content: str) -> None:
        if self.draft is None:
            [self.draft] = await send_replies(self.destination, [Reply(content)], reference=self.reference)
        else:
            self.draft = await _send(self.draft.edit, content=content)

    async def finish(self, replies: Sequence[Reply], view: discord.ui.View | None) -> None:
        """Post the answer; if a draft is up, it becomes the answer's first message."""
        if self.draft is None:
            await send_replies(self.destination, replies, reference=self.reference, view=view)
            return
        first, rest = replies[0], replies[1:]
        await edit_reply(self.draft, first, view=None if rest else view)
        if rest:
            await send_replies(self.destination, rest, view=view)

    async def discard(self) -> None:
        """Take the draft down (it was never checked); failing that, the log says so."""
        draft, self.draft = self.draft, None
        if draft is None:
            return
        try:
            await draft.delete()
        except discord.HTTPException:
            log.warning("could not remove the draft message %s", draft.id, exc_info=True)


class InteractionAnswer:
    """An answer to a publicly deferred interaction: the draft takes the place of "thinking…", and the
    answer takes the draft's.

    Until the answer is in, the interaction stays marked as publicly deferred, so that ``tell`` removes the
    draft before it reports an error privately.
    """

    def __init__(self, interaction: discord.Interaction) -> None:
        self.interaction = interaction
        self.drafted = False

    async def show_draft(self, content: str) -> None:
        await _send(self.interaction.edit_original_response, content=content)
        self.drafted = True

    async def finish(self, replies: Sequence[Reply], view: discord.ui.View | None) -> None:
        if not self.drafted:
            await send_followups(self.interaction, replies, view=view)
            return
        first, rest = replies[0], replies[1:]
        await _send(self.interaction.edit_original_response, **_payload(first, view=None if rest else view))
        self.interaction.extras.pop(PUBLIC_LOADING, None)
        if rest:
            await send_followups(self.interaction, rest, view=view)

    async def discard(self) -> None:
        return  # the error layers' ``tell`` removes the public message


async def defer(interaction: discord.Interaction, *, ephemeral: bool) -> None:
    """Acknowledge now ("storybot is thinking…"), before any slow work, so the interaction cannot expire."""
    await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    if not ephemeral:
        interaction.extras[PUBLIC_LOADING] = True


async def tell(interaction: discord.Interaction, text: str) -> None:
    """Tell the user something short, privately, at whatever stage the interaction is."""
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(text, ephemeral=True)
            return
        if interaction.extras.pop(PUBLIC_LOADING, False):
            # Discord turns the first follow-up after a public deferral into that public message, whatever
            # its flags. To keep an error private: close the "thinking…" message, remove it, then follow up.
            await interaction.edit_original_response(content="…")
            await interaction.delete_original_response()
        await interaction.followup.send(text, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not tell the user of interaction %s: %s", interaction.id, text, exc_info=True)


@asynccontextmanager
async def typing_indicator(channel: discord.abc.Messageable) -> AsyncIterator[None]:
    """Show "storybot is typing…" while the block runs; failing to show it never stops the answer."""
    typing = channel.typing()
    try:
        await typing.__aenter__()
    except discord.HTTPException:
        log.debug("could not show the typing indicator", exc_info=True)
        yield
        return
    try:
        yield
    finally:
        await typing.__aexit__(None, None, None)
