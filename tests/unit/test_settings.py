"""Typed settings: files, profiles, environment, secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import BotSettings
from retrieval.errors import ConfigError
from retrieval.settings import Settings, load_settings
from tests.support.paths import REPO


def test_defaults_come_from_the_settings_file():
    settings = load_settings()
    assert settings.corpus_dir == Path("corpus")
    assert settings.chunk_size == 1000
    assert settings.embedding_provider == "local"
    assert not settings.llm_enabled


def test_the_test_profile_overlays_the_defaults():
    settings = load_settings()
    assert settings.gc_grace_seconds == 0  # from config/settings.test.toml
    assert settings.snapshot_ttl_seconds == 0


def test_environment_overrides_files(monkeypatch):
    monkeypatch.setenv("STORYBOT_CORPUS_DIR", "/stories")
    monkeypatch.setenv("STORYBOT_DATA_DIR", "/state")
    monkeypatch.setenv("STORYBOT_CHROMA_URL", "http://127.0.0.1:9000")
    settings = load_settings()
    assert (settings.corpus_dir, settings.data_dir, settings.chroma_url) == (
        Path("/stories"),
        Path("/state"),
        "http://127.0.0.1:9000",
    )


def test_secrets_only_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    settings = load_settings()
    assert settings.openai_api_key is not None and settings.openai_api_key.get_secret_value() == "sk-test"
    assert "sk-test" not in repr(settings)
    assert settings.llm_enabled

    (tmp_path / "settings.toml").write_text('openai_api_key = "sk-in-a-file"\n')
    monkeypatch.setenv("STORYBOT_CONFIG_DIR", str(tmp_path))
    monkeypatch.delenv("STORYBOT_PROFILE")
    with pytest.raises(ConfigError, match="secrets must come from the environment"):
        load_settings()


def test_invalid_values_are_reported_by_name(monkeypatch):
    monkeypatch.setenv("STORYBOT_CHUNK_SIZE", "ten")
    with pytest.raises(ConfigError, match="chunk_size"):
        load_settings()


def test_unknown_profile(monkeypatch):
    monkeypatch.setenv("STORYBOT_PROFILE", "nope")
    with pytest.raises(ConfigError, match="settings.nope.toml"):
        load_settings()


@pytest.mark.parametrize("settings_class", [Settings, BotSettings])
def test_every_setting_is_described_and_documented(settings_class):
    example = (REPO / "config" / ".env.example").read_text()
    secrets = {"openai_api_key": "OPENAI_API_KEY", "discord_token": "DISCORD_TOKEN"}
    for name, field in settings_class.model_fields.items():
        assert field.description, name
        assert secrets.get(name, f"STORYBOT_{name.upper()}") in example, name
