"""A self-hoster's .env file: read under the real environment, secrets allowed, its path configurable."""

from __future__ import annotations

import pytest

from bot.settings import load_bot_settings, require_token
from retrieval import load_settings


def test_secrets_and_settings_come_from_the_env_file_and_the_environment_wins(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# copied from config/.env.example\nDISCORD_TOKEN=abc.def.ghi\nOPENAI_API_KEY=sk-test\n"
        "STORYBOT_LOG_LEVEL=DEBUG\nSTORYBOT_CHUNK_SIZE=800\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("STORYBOT_ENV_FILE", str(env_file))
    monkeypatch.setenv("STORYBOT_CHUNK_SIZE", "900")

    settings = load_bot_settings()

    assert require_token(settings) == "abc.def.ghi"  # no longer "DISCORD_TOKEN is not set"
    assert settings.openai_api_key is not None and settings.openai_api_key.get_secret_value() == "sk-test"
    assert settings.log_level == "DEBUG"
    assert settings.chunk_size == 900


def test_without_an_env_file_nothing_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYBOT_ENV_FILE", str(tmp_path / "missing.env"))
    settings = load_bot_settings()
    assert settings.discord_token is None and settings.openai_api_key is None


@pytest.mark.parametrize(
    ("base_url", "timeout"),
    [
        (None, 30.0),
        ("https://api.together.xyz/v1", 30.0),
        ("http://localhost:11434/v1", 120.0),
        ("http://127.0.0.1:8080/v1", 120.0),
        ("http://192.168.1.20:8000/v1", 120.0),
        ("http://ollama:11434/v1", 120.0),  # a service beside the bot in Docker Compose
        ("http://host.docker.internal:11434/v1", 120.0),
    ],
)
def test_a_model_served_nearby_gets_a_cpu_sized_timeout(base_url, timeout):
    assert load_settings(llm_base_url=base_url).llm_timeout_seconds == timeout
    assert load_settings(llm_base_url=base_url, llm_timeout_seconds=7).llm_timeout_seconds == 7
