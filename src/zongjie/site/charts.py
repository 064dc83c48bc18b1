"""Geometry for the build-time SVG charts; the SVG itself is a Jinja template.

Keeping the arithmetic here (and out of the template) makes it testable, and the
charts need no JavaScript or chart library at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from zongjie.data.metrics import percent

ROW_HEIGHT = 26
LABEL_WIDTH = 120
BAR_WIDTH = 420
VALUE_WIDTH = 90


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: float
    href: str | None = None
    below_target: bool = False


@dataclass(frozen=True)
class BarChart:
    title: str
    measure: str
    bars: list[Bar]
    height: int
    target_x: float | None
    width: int = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    label_width: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH


def bar_chart(
    title: str, measure: str, rows: list[tuple[str, int, str | None]], target: int | None = None
) -> BarChart:
    """Horizontal bars, largest first, scaled to the largest value (or the target)."""
    rows = sorted(rows, key=lambda r: (-r[1], r[0]))
    top = max([v for _, v, _ in rows] + [target or 0, 1])
    bars = [
        Bar(
            label,
            value,
            i * ROW_HEIGHT,
            BAR_WIDTH * value / top,
            href,
            below_target=target is not None and value < target,
        )
        for i, (label, value, href) in enumerate(rows)
    ]
    target_x = LABEL_WIDTH + BAR_WIDTH * target / top if target else None
    return BarChart(title, measure, bars, max(len(bars), 1) * ROW_HEIGHT + 8, target_x)


@dataclass(frozen=True)
class StackedBar:
    label: str
    y: int
    segments: list[tuple[str, float, float, int]]  # (status, x, width, count)
    total: int
    percent: float | None
    href: str | None = None


def progress_chart(
    rows: list[tuple[str, dict[str, int], str | None]],
) -> tuple[list[StackedBar], int]:
    """One 100%-wide stacked bar per unit: 已整改 / 常态化 / 整改中."""
    bars = []
    for i, (label, counts, href) in enumerate(rows):
        total = sum(counts.values())
        x = float(LABEL_WIDTH)
        segments = []
        for status in ("已整改", "常态化", "整改中"):
            n = counts.get(status, 0)
            w = BAR_WIDTH * n / total if total else 0.0
            if n:
                segments.append((status, x, w, n))
            x += w
        pct = percent(counts.get("已整改", 0), total)
        bars.append(StackedBar(label, i * ROW_HEIGHT, segments, total, pct, href))
    return bars, max(len(bars), 1) * ROW_HEIGHT + 8
