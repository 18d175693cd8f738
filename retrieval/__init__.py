"""storybot's core: stories in, cited answers and summaries out. The edges (``bot``, ``storybot``,
``bench``) use only what this module exports.

Names load on first use, so a command that needs only settings does not pay for the vector store and
the models (``storybot --help`` stays fast).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_HOMES = {
    "Answer": "retrieval.models",
    "AnswerStream": "retrieval.models",
    "Backend": "retrieval.models",
    "build_engine": "retrieval.wiring",
    "build_server_corpora": "retrieval.wiring",
    "Citation": "retrieval.models",
    "ConfigError": "retrieval.errors",
    "CorpusError": "retrieval.errors",
    "create_embeddings": "retrieval.embeddings",
    "AuditUnavailableError": "retrieval.audit",
    "database_path": "retrieval.audit",
    "DatabaseProblems": "retrieval.datadir",
    "describe_database_error": "retrieval.datadir",
    "EmbedProgress": "retrieval.index.report",
    "cited_recall": "retrieval.eval_items",
    "EvalItem": "retrieval.eval_items",
    "EvalReport": "retrieval.evaluation",
    "GroupFigures": "retrieval.evaluation",
    "ItemResult": "retrieval.evaluation",
    "evaluate": "retrieval.evaluation",
    "fold": "retrieval.eval_items",
    "IndexEmptyError": "retrieval.errors",
    "IndexSchemaError": "retrieval.errors",
    "IndexStatus": "retrieval.models",
    "IndexUnavailableError": "retrieval.errors",
    "IngestReport": "retrieval.index.report",
    "Intent": "retrieval.answer.intents",
    "IntentKind": "retrieval.answer.intents",
    "is_story_file": "retrieval.corpus.loader",
    "load_corpus": "retrieval.corpus",
    "load_items": "retrieval.eval_items",
    "load_settings": "retrieval.settings",
    "Locator": "retrieval.models",
    "Mode": "retrieval.models",
    "QuestionError": "retrieval.errors",
    "published_at": "retrieval.models",
    "recognise": "retrieval.answer.intents",
    "ReloadInProgressError": "retrieval.errors",
    "ReloadRecord": "retrieval.audit",
    "ServerCorpora": "retrieval.servers",
    "safe_quote": "retrieval.answer.untrusted",
    "shown": "retrieval.answer.untrusted",
    "clean": "retrieval.answer.normalising",
    "Scope": "retrieval.models",
    "SCOPES": "retrieval.models",
    "Settings": "retrieval.settings",
    "STORY_SUFFIXES": "retrieval.corpus.loader",
    "StorybotError": "retrieval.errors",
    "StoryDiff": "retrieval.index.report",
    "StoryEngine": "retrieval.engine",
    "StoryFileError": "retrieval.errors",
    "StoryInfo": "retrieval.models",
    "Summary": "retrieval.models",
    "SummaryPoint": "retrieval.models",
    "Turn": "retrieval.models",
    "UnknownStoryError": "retrieval.errors",
    "unsupported_type": "retrieval.corpus.loader",
}

if TYPE_CHECKING:
    from retrieval.answer.intents import Intent, IntentKind, recognise
    from retrieval.answer.normalising import clean
    from retrieval.answer.untrusted import safe_quote, shown
    from retrieval.audit import AuditUnavailableError, ReloadRecord, database_path
    from retrieval.corpus import load_corpus
    from retrieval.corpus.loader import STORY_SUFFIXES, is_story_file, unsupported_type
    from retrieval.datadir import DatabaseProblems, describe_database_error
    from retrieval.embeddings import create_embeddings
    from retrieval.engine import StoryEngine
    from retrieval.errors import (
        ConfigError,
        CorpusError,
        IndexEmptyError,
        IndexSchemaError,
        IndexUnavailableError,
        QuestionError,
        ReloadInProgressError,
        StorybotError,
        StoryFileError,
        UnknownStoryError,
    )
    from retrieval.eval_items import EvalItem, cited_recall, fold, load_items
    from retrieval.evaluation import EvalReport, GroupFigures, ItemResult, evaluate
    from retrieval.index.report import EmbedProgress, IngestReport, StoryDiff
    from retrieval.models import (
        SCOPES,
        Answer,
        AnswerStream,
        Backend,
        Citation,
        IndexStatus,
        Locator,
        Mode,
        Scope,
        StoryInfo,
        Summary,
        SummaryPoint,
        Turn,
        published_at,
    )
    from retrieval.servers import ServerCorpora
    from retrieval.settings import Settings, load_settings
    from retrieval.wiring import build_engine, build_server_corpora


__all__ = [
    "SCOPES",
    "STORY_SUFFIXES",
    "Answer",
    "AnswerStream",
    "AuditUnavailableError",
    "Backend",
    "Citation",
    "ConfigError",
    "CorpusError",
    "DatabaseProblems",
    "EmbedProgress",
    "EvalItem",
    "EvalReport",
    "GroupFigures",
    "IndexEmptyError",
    "IndexSchemaError",
    "IndexStatus",
    "IndexUnavailableError",
    "IngestReport",
    "Intent",
    "IntentKind",
    "ItemResult",
    "Locator",
    "Mode",
    "QuestionError",
    "ReloadInProgressError",
    "ReloadRecord",
    "Scope",
    "ServerCorpora",
    "Settings",
    "StoryDiff",
    "StoryEngine",
    "StoryFileError",
    "StoryInfo",
    "StorybotError",
    "Summary",
    "SummaryPoint",
    "Turn",
    "UnknownStoryError",
    "build_engine",
    "build_server_corpora",
    "cited_recall",
    "clean",
    "create_embeddings",
    "database_path",
    "describe_database_error",
    "evaluate",
    "fold",
    "is_story_file",
    "load_corpus",
    "load_items",
    "load_settings",
    "published_at",
    "recognise",
    "safe_quote",
    "shown",
    "unsupported_type",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'retrieval' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
