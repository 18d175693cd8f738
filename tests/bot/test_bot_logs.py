"""What an admin sees of members' questions in the logs (through SimCord)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.bot.conftest import Server


async def test_each_question_is_one_structured_log_line_without_its_text(server: Server, caplog):
    caplog.set_level(logging.INFO, logger="bot.cogs.questions")
    await server.alice.send(server.general, server.mention("Who called the letter poorly worded?"))
    [line] = [r.getMessage() for r in caplog.records if r.getMessage().startswith("question ")]
    fields = dict(part.split("=", 1) for part in line.split()[1:])
    assert fields["how"] == "mention" and fields["guild"] == str(server.guild.id)
    assert fields["story"] == "iraq-coalition-letter" and fields["mode"] == "extractive"
    assert (
        fields["abstained"] == "false" and int(fields["citations"]) >= 1 and float(fields["latency_ms"]) > 0
    )
    assert "poorly worded" not in caplog.text  # a member's words stay out of the log at info level
