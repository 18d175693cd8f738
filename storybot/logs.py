"""Logging, configured once at the wiring point (the CLI or the bot launcher)."""

from __future__ import annotations

import logging
import os
import sys

NOISY = (
    "chromadb",
    "httpx",
    "httpcore",
    "urllib3",
    "sentence_transformers",
    "transformers",
    "huggingface_hub",
    "openai",
    "langchain",
    "discord.gateway",
    "discord.http",
)


def configure_logging(level: str = "WARNING", *, debug: bool = False) -> None:
    root_level = logging.DEBUG if debug else getattr(logging, level.upper(), logging.INFO)
    logging.basicConfig(
        level=root_level,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.DEBUG if debug else max(root_level, logging.WARNING))
    # Libraries that draw their own progress bars or print load reports: quiet unless debugging.
    if not debug:
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
