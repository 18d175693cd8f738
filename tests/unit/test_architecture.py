"""The layout's rules: the core never knows the edges, the edges use only the core's front door, and no
module grows past what a newcomer can read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import retrieval

REPO = Path(__file__).resolve().parents[2]
EDGES = ("bot", "storybot", "bench")
MAX_MODULE_LINES = 350
MAX_FACADE_LINES = 150


def _modules(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (REPO / package).rglob("*.py"))


def _imported(path: Path) -> list[str]:
    """Every module name ``path`` imports, at any depth (function bodies and TYPE_CHECKING blocks too)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", _modules("retrieval"), ids=lambda p: str(p.relative_to(REPO)))
def test_the_core_never_imports_an_edge(path: Path) -> None:
    leaks = [n for n in _imported(path) if n.split(".")[0] in (*EDGES, "discord")]
    assert leaks == []


@pytest.mark.parametrize("path", _modules(*EDGES), ids=lambda p: str(p.relative_to(REPO)))
def test_edges_use_only_the_front_door(path: Path) -> None:
    deep = [n for n in _imported(path) if n.startswith("retrieval.")]
    assert deep == []


def test_the_front_door_exports_what_it_lists() -> None:
    for name in retrieval.__all__:
        assert getattr(retrieval, name) is not None, name


@pytest.mark.parametrize(
    "path", _modules("retrieval", *EDGES, "tests"), ids=lambda p: str(p.relative_to(REPO))
)
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    limit = MAX_FACADE_LINES if path == REPO / "retrieval" / "engine.py" else MAX_MODULE_LINES
    assert lines <= limit
