"""Benchmarks (`python -m bench`): each section prints its figures, then its targets, met or not."""

from __future__ import annotations


def print_targets(targets: dict[str, bool]) -> None:
    for key, ok in targets.items():
        print(f"  target: {key:<46} {'met' if ok else 'NOT MET'}")
