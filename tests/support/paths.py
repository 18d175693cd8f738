"""Where the tests find the repo's corpus, their own data files and the shared data beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
FIRST_STORY = CORPUS / "iraq-coalition-letter.txt"
SHARED = REPO.parent / "shared"
TEST_DATA = REPO / "tests" / "data"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a clean skip when the shared data is not beside the repo."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path
