"""A story's date is parsed once in the core and formatted by each edge."""

from __future__ import annotations

from datetime import UTC, date, datetime

import discord

from bot.formatting import story_date
from retrieval import published_at


def test_published_is_a_time_a_day_or_nothing():
    assert published_at("2031-03-04T09:30:00Z") == datetime(2031, 3, 4, 9, 30, tzinfo=UTC)
    assert published_at("2016-02-09T10:00:00") == datetime(2016, 2, 9, 10, tzinfo=UTC)  # no zone: UTC
    assert published_at("2030-07-01") == date(2030, 7, 1)
    assert published_at("2030-07-01 (updated)") == date(2030, 7, 1)
    assert published_at("last Tuesday") is None and published_at(None) is None


def test_discord_shows_a_time_in_each_members_zone_and_a_bare_day_as_written():
    when = datetime(2031, 3, 4, 9, 30, tzinfo=UTC)
    assert story_date("2031-03-04T09:30:00+00:00") == discord.utils.format_dt(when, "D")
    assert story_date("2030-07-01") == "1 July 2030"
    assert story_date("last Tuesday") == "last Tuesday"
    assert story_date(None) is None
