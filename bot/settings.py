"""The bot's settings: the core's, plus Discord channels, cooldowns, admin roles, servers, sharding and sync.

Same sources and precedence as the core (``STORYBOT_*`` environment variables over the TOML files). The bot
token is a secret: it is read from ``DISCORD_TOKEN`` in the environment and refused in a settings file.
List settings take JSON (``[1, 2]``) or a comma-separated list (``1,2``) in the environment.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, ClassVar, Literal, cast

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import NoDecode

from retrieval import ConfigError, Settings, load_settings


def _split_list(value: Any) -> Any:
    """``"a, b"`` or ``"[1, 2]"`` from the environment; lists from TOML pass through."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return []
    if text.startswith("["):
        return json.loads(text)
    return [item.strip() for item in text.split(",") if item.strip()]


class BotSettings(Settings):
    """Settings for ``storybot run``: everything the core needs, plus the Discord edge."""

    SECRET_FIELDS: ClassVar[frozenset[str]] = Settings.SECRET_FIELDS | {"discord_token", "DISCORD_TOKEN"}

    discord_token: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("DISCORD_TOKEN"),
        description="The bot token from the Discord developer portal. Environment only.",
    )

    # Where questions are answered
    qa_channel_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list,
        description="Ids of Q&A channels: every message there is a question, answered in a thread. A forum "
        "channel may be one: each new post is a question, answered in the post's own thread.",
    )
    qa_channel_names: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Names of Q&A channels or forums (e.g. ask-the-story), matched case-insensitively.",
    )
    thread_auto_archive_minutes: Literal[60, 1440, 4320, 10080] = Field(
        1440, description="Inactivity after which Discord archives a Q&A thread (60, 1440, 4320 or 10080)."
    )
    thread_context_turns: int = Field(
        4, ge=0, le=20, description="Earlier questions of a Q&A thread passed as context to a follow-up."
    )

    # Fairness
    user_cooldown_questions: int = Field(
        3, ge=1, description="Questions one member may ask per cooldown window (channels and /ask share it)."
    )
    user_cooldown_seconds: float = Field(
        30.0, ge=0, description="Length of the per-member cooldown window in seconds; 0 turns it off."
    )

    # Administration
    admin_role_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list,
        description="Ids of roles whose members may run /reload (members with Manage Server always may).",
    )
    admin_roles: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Role names, a convenience: resolved to ids when the bot connects to a server, and only "
        "for roles no member with Manage Roles could have made (see the README). Prefer admin_role_ids.",
    )
    allowed_guilds: Annotated[list[int], NoDecode] = Field(
        default_factory=list,
        description="Ids of the servers the bot serves; it leaves any other. Empty: every server.",
    )
    operator_guilds: Annotated[list[int], NoDecode] = Field(
        default_factory=list,
        description="Ids of the servers whose admins change the shared stories (the corpus directory) with "
        "/reload; in any other server /reload changes only that server's own stories.",
    )

    # Deployment
    shard_count: int | None = Field(
        None, ge=1, description="Shards across all processes; unset lets Discord recommend a count."
    )
    shard_ids: Annotated[list[int] | None, NoDecode] = Field(
        None, description="Shards this process runs (e.g. 0,1); unset runs them all. Needs shard_count."
    )
    test_guild_id: int | None = Field(
        None, description="Sync slash commands to this server only (instant updates) instead of globally."
    )
    sync_commands: bool = Field(
        True,
        description="Sync slash commands with Discord at start-up (one process of a shard set is enough).",
    )

    @field_validator(
        "qa_channel_ids",
        "qa_channel_names",
        "admin_role_ids",
        "admin_roles",
        "allowed_guilds",
        "operator_guilds",
        "shard_ids",
        mode="before",
    )
    @classmethod
    def _lists_from_text(cls, value: Any) -> Any:
        return _split_list(value)

    @field_validator("test_guild_id", "shard_count", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _shards_fit(self) -> BotSettings:
        if self.shard_ids is not None:
            if self.shard_count is None:
                raise ValueError("shard_ids needs shard_count (the total across all processes)")
            if not self.shard_ids or len(set(self.shard_ids)) != len(self.shard_ids):
                raise ValueError("shard_ids must list distinct shard numbers")
            if any(not 0 <= i < self.shard_count for i in self.shard_ids):
                raise ValueError(f"shard_ids must lie between 0 and {self.shard_count - 1}")
        return self

    def serves_guild(self, guild_id: int | None) -> bool:
        """Whether the bot serves this server (every server without an allow-list; no DM with one)."""
        return not self.allowed_guilds or guild_id in self.allowed_guilds

    def is_operator_guild(self, guild_id: int | None) -> bool:
        return guild_id is not None and guild_id in self.operator_guilds

    def is_qa_channel(self, channel_id: int, name: str | None) -> bool:
        if channel_id in self.qa_channel_ids:
            return True
        return name is not None and name.casefold() in {n.casefold() for n in self.qa_channel_names}


def load_bot_settings(**overrides: Any) -> BotSettings:
    """Bot settings from files and the environment (``load_settings`` for ``BotSettings``)."""
    return cast(BotSettings, load_settings(BotSettings, **overrides))


def require_token(settings: BotSettings) -> str:
    """The bot token, or a ConfigError that says where it comes from."""
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        raise ConfigError(
            "DISCORD_TOKEN is not set: copy the bot token from the Discord developer portal "
            "(your application → Bot → Reset Token) into the environment"
        )
    return token
