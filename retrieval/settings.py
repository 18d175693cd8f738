"""Typed settings for the core.

Precedence, highest first: arguments given in code, environment variables (``STORYBOT_*``, plus the
secrets ``OPENAI_API_KEY``), ``config/settings.<profile>.toml`` when ``STORYBOT_PROFILE`` names a
profile, then ``config/settings.toml``. Secrets are read from the environment only: a settings file
that contains one is refused.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import urlparse

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    DotEnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from retrieval.errors import ConfigError

_PACKAGE_CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"


def config_dir() -> Path:
    """Where the settings files live: ``STORYBOT_CONFIG_DIR``, else ./config, else the repo's config/."""
    explicit = os.environ.get("STORYBOT_CONFIG_DIR")
    if explicit:
        return Path(explicit)
    local = Path("config")
    return local if (local / "settings.toml").is_file() else _PACKAGE_CONFIG_DIR


HOSTED_LLM_TIMEOUT = 30.0
# A model served on a CPU (Ollama, llama.cpp on the bot's own machine) takes tens of seconds per answer.
LOCAL_LLM_TIMEOUT = 120.0


def _is_local(url: str) -> bool:
    """A server on this machine, a private network or a container beside it (Ollama, llama.cpp, vLLM)."""
    host = urlparse(url).hostname or ""
    if host in ("localhost", "host.docker.internal") or host.endswith((".local", ".internal")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host  # a bare name: a service of the same compose project, say "ollama"
    return address.is_loopback or address.is_private or address.is_link_local


class _SecretFreeToml(TomlConfigSettingsSource):
    """A TOML source that refuses secrets: they belong in the environment, never in a file."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path, secrets: frozenset[str]) -> None:
        super().__init__(settings_cls, toml_file=path)
        leaked = sorted(secrets & set(self.toml_data))
        if leaked:
            raise ConfigError(
                f"{path}: secrets must come from the environment, not a file: {', '.join(leaked)}"
            )


class Settings(BaseSettings):
    """Core settings: corpus, index, retrieval, answers and the optional language model."""

    model_config = SettingsConfigDict(env_prefix="STORYBOT_", extra="ignore", validate_default=True)

    # Field names that may only come from the environment.
    SECRET_FIELDS: ClassVar[frozenset[str]] = frozenset({"openai_api_key"})

    profile: str = Field("default", description="Settings profile; 'test' loads config/settings.test.toml.")
    log_level: str = Field("INFO", description="Logging level for the CLI and the bot.")

    # Corpus and state
    corpus_dir: Path = Field(
        Path("corpus"), description="Directory of story files (.txt forum exports, .json)."
    )
    data_dir: Path = Field(Path("data"), description="Where the index, feedback and audit state live.")
    max_story_bytes: int = Field(
        10_000_000, ge=1, description="Largest story file accepted, in bytes (checked before it is read)."
    )
    # What one story file may hold (see retrieval/corpus/limits.py): a file breaking one is refused by name.
    max_json_depth: int = Field(
        20, ge=4, description="Deepest nesting of arrays and objects in a .json story."
    )
    max_paragraphs: int = Field(10_000, ge=1, description="Most article paragraphs in one story.")
    max_comments: int = Field(
        25_000, ge=1, description="Most different comments in one story (repeated comments are folded first)."
    )
    max_sentences: int = Field(
        150_000,
        ge=1,
        description="Most different sentences in a story (article and comments, repeats folded)",
    )
    max_title_chars: int = Field(500, ge=1, description="Longest story title, in characters.")
    max_id_chars: int = Field(200, ge=1, description="Longest story id, in characters.")
    max_author_chars: int = Field(100, ge=1, description="Longest comment author name, in characters.")
    max_field_chars: int = Field(
        2_000, ge=1, description="Longest 'url', 'published', 'source' or comment id, in characters."
    )
    max_comment_chars: int = Field(20_000, ge=1, description="Longest comment, in characters.")
    near_repeats: int = Field(
        5,
        ge=1,
        description="Texts differing only in digits and punctuation kept per story; later ones are folded.",
    )
    follow_symlinks: bool = Field(
        False, description="Read story files that are links to files outside the corpus directory."
    )

    # Index
    chroma_url: str | None = Field(
        None, description="URL of a Chroma server (http://host:port); unset uses a local store in data_dir."
    )
    index_namespace: str = Field("storybot", description="Prefix of the Chroma collections this bot owns.")
    embedding_provider: Literal["local", "openai"] = Field(
        "local", description="'local' runs all-MiniLM-L6-v2 offline; 'openai' calls the embeddings API."
    )
    openai_embedding_model: str = Field(
        "text-embedding-3-small", description="Model for 'openai' embeddings."
    )
    embedding_batch_size: int = Field(64, ge=1, le=1024, description="Texts embedded per batch.")
    write_batch_size: int = Field(1000, ge=1, description="Records written to Chroma per request.")
    chunk_size: int = Field(
        1000, ge=100, description="Largest chunk, in characters; paragraphs are packed up to it."
    )
    chunk_overlap: int = Field(
        0, ge=0, description="Characters shared by consecutive pieces of a long paragraph."
    )
    snapshot_ttl_seconds: float = Field(
        1.0, ge=0, description="How long a process trusts its view of the active index before re-reading it."
    )
    reload_lease_seconds: float = Field(
        60.0, gt=0, description="With a Chroma server: how long a crashed reload blocks the next one at most."
    )
    gc_grace_seconds: float = Field(
        10.0, ge=0, description="How long superseded records stay readable for questions already under way."
    )

    # Retrieval
    dense_candidates: int = Field(40, ge=1, description="Sentences fetched by vector search per question.")
    sparse_candidates: int = Field(30, ge=1, description="Passages fetched by BM25 per question.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")
    passages: int = Field(6, ge=1, description="Fused passages handed to the answer generator.")

    # Answers
    answer_sentences: int = Field(3, ge=1, le=8, description="Most sentences in an offline answer.")
    min_support: float = Field(
        0.38, description="Lowest sentence support (0-1) for an offline answer; below it the bot abstains."
    )
    max_question_chars: int = Field(500, ge=1, description="Longest question accepted.")
    summary_points: int = Field(5, ge=1, le=12, description="Points in a summary.")

    # Language model (optional)
    openai_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("OPENAI_API_KEY", "STORYBOT_OPENAI_API_KEY"),
        description="Turns on LLM answers. Environment only.",
    )
    llm_base_url: str | None = Field(
        None, description="An OpenAI-compatible server (Ollama, vLLM, llama.cpp); turns on LLM answers."
    )
    llm_model: str = Field("gpt-4o-mini", description="Chat model name.")
    llm_timeout_seconds: float | None = Field(
        None,
        gt=0,
        description="Per-request timeout for the chat model. Unset: 30 s, or 120 s when "
        "STORYBOT_LLM_BASE_URL is this machine or a private network (a model on a CPU is slow).",
    )
    llm_max_retries: int = Field(2, ge=0, description="Retries on timeouts, 429 and 5xx.")
    llm_temperature: float = Field(0.0, ge=0, le=2, description="Sampling temperature.")
    llm_max_tokens: int = Field(600, ge=16, description="Most tokens in one model answer.")
    llm_min_support: float = Field(
        0.55, description="Lowest support (0-1) for a model sentence; below it the sentence is unsupported."
    )
    llm_flag_unsupported: bool = Field(
        False,
        description="Keep unsupported model sentences, marked with a warning sign, instead of dropping them.",
    )
    llm_context_chars: int = Field(
        12000,
        ge=1000,
        description="Most passage text in one summary prompt; larger comment threads are map-reduced.",
    )

    @model_validator(mode="after")
    def _timeout_for_the_server(self) -> Settings:
        if self.llm_timeout_seconds is None:
            local = self.llm_base_url is not None and _is_local(self.llm_base_url)
            self.llm_timeout_seconds = LOCAL_LLM_TIMEOUT if local else HOSTED_LLM_TIMEOUT
        return self

    @field_validator("chroma_url", "llm_base_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def llm_enabled(self) -> bool:
        return self.openai_api_key is not None or self.llm_base_url is not None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        directory = config_dir()
        profile = os.environ.get("STORYBOT_PROFILE", "").strip()
        files: list[PydanticBaseSettingsSource] = []
        if profile and profile != "default":
            profile_file = directory / f"settings.{profile}.toml"
            if not profile_file.is_file():
                raise ConfigError(f"STORYBOT_PROFILE={profile}: no settings file {profile_file}")
            files.append(_SecretFreeToml(settings_cls, profile_file, cls.SECRET_FIELDS))
        base = directory / "settings.toml"
        if base.is_file():
            files.append(_SecretFreeToml(settings_cls, base, cls.SECRET_FIELDS))
        # A .env file (STORYBOT_ENV_FILE, default ./.env) under the real environment: where a self-hoster
        # keeps DISCORD_TOKEN and OPENAI_API_KEY. It may hold secrets; the TOML files may not.
        dotenv = DotEnvSettingsSource(
            settings_cls, env_file=os.environ.get("STORYBOT_ENV_FILE", ".env"), env_file_encoding="utf-8"
        )
        return (init_settings, env_settings, dotenv, *files)


def load_settings(cls: type[Settings] = Settings, **overrides: Any) -> Settings:
    """Build settings from files and the environment; keyword overrides win over both."""
    from pydantic import ValidationError

    try:
        return cls(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid settings: {problems}") from exc
