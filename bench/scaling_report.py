"""The scaling benchmark's table (markdown) and plot (SVG, drawn by hand: matplotlib is not a dependency)."""

from __future__ import annotations

import math
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

WIDTH, HEIGHT, MARGIN = 560, 340, 60
SERIES = [
    ("answer_p95_ms", "storybot warm answer p95", "#c0392b"),
    ("answer_p50_ms", "storybot warm answer p50", "#e67e22"),
    ("recipe_search_p50_ms", "tutorial recipe search p50", "#2c7fb8"),
]


def markdown(rows: list[dict], profile: dict[str, float]) -> str:
    lines = [
        "# Scaling: warm answer latency from 1k to 100k chunks",
        "",
        f"`python -m bench --only scaling`, {datetime.now(UTC):%Y-%m-%d}, {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[1]:.1f} over the run's last 5 minutes (this "
        "benchmark itself keeps two threads busy). Document vectors are SYNTHETIC (a hashed bag of words, "
        "384-d): only latency is measured. Each question runs the real all-MiniLM-L6-v2 once.",
        "",
        "| stories | chunks | ingest | answer p50 | answer p95 | recipe chunks | recipe search p50 |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['stories']} | {r['chunks']:,} | {r['ingest_s']} s | {r['answer_p50_ms']} ms "
            f"| {r['answer_p95_ms']} ms | {r['recipe_chunks']:,} | {r['recipe_search_p50_ms']} ms |"
        )
    lines += [
        "",
        f"Where a question's time goes at {rows[-1]['chunks']:,} chunks (cProfile, ms per question):",
        "",
    ]
    lines += ["| part | ms |", "|---|---|"] + [f"| {k} | {v} |" for k, v in profile.items()]
    lines += ["", "![latency by corpus size](scaling.svg)", ""]
    return "\n".join(lines)


def svg(rows: list[dict]) -> str:
    """Latency against chunks, both axes logarithmic."""
    xs = [math.log10(r["chunks"]) for r in rows]
    values = [r[key] for r in rows for key, _, _ in SERIES]
    y_low, y_high = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
    y_high = max(y_high, y_low + 1)
    x_low, x_high = math.floor(min(xs)), math.ceil(max(xs))

    def px(x: float) -> float:
        return MARGIN + (x - x_low) / ((x_high - x_low) or 1) * (WIDTH - 2 * MARGIN)

    def py(y: float) -> float:
        return HEIGHT - MARGIN - (math.log10(y) - y_low) / (y_high - y_low) * (HEIGHT - 2 * MARGIN)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        'font-family="sans-serif" font-size="11">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{WIDTH / 2}" y="18" text-anchor="middle" font-size="13">'
        "Warm latency by corpus size (synthetic document vectors)</text>",
    ]
    for e in range(x_low, x_high + 1):
        x = px(e)
        out.append(f'<line x1="{x}" y1="{MARGIN}" x2="{x}" y2="{HEIGHT - MARGIN}" stroke="#ddd"/>')
        out.append(f'<text x="{x}" y="{HEIGHT - MARGIN + 16}" text-anchor="middle">{10**e:,}</text>')
    for e in range(y_low, y_high + 1):
        y = py(10**e)
        out.append(f'<line x1="{MARGIN}" y1="{y}" x2="{WIDTH - MARGIN}" y2="{y}" stroke="#ddd"/>')
        out.append(f'<text x="{MARGIN - 6}" y="{y + 4}" text-anchor="end">{10**e:g} ms</text>')
    out.append(f'<text x="{WIDTH / 2}" y="{HEIGHT - 20}" text-anchor="middle">chunks</text>')
    for n, (key, label, colour) in enumerate(SERIES):
        points = " ".join(f"{px(x):.1f},{py(r[key]):.1f}" for x, r in zip(xs, rows))
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, r in zip(xs, rows):
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(r[key]):.1f}" r="3" fill="{colour}"/>')
        out.append(f'<text x="{MARGIN + 10}" y="{MARGIN + 14 * n}" fill="{colour}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_report(out_dir: Path, rows: list[dict], profile: dict[str, float]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "scaling.md").write_text(markdown(rows, profile), encoding="utf-8")
    (out_dir / "scaling.svg").write_text(svg(rows), encoding="utf-8")
