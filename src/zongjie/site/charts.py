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


MAX_BARS = 30
"""A chart with more rows shows the top and bottom ranks and the distribution of all."""
RANKS = 10
BINS = 8


@dataclass(frozen=True)
class Bin:
    low: int
    high: int
    count: int
    x: float
    width: float
    height: float


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
    omitted: int = 0
    """Rows between the top and the bottom ranks that are not drawn as bars."""
    gap_y: int = 0
    """Where the line saying so goes."""
    distribution: tuple[Bin, ...] = ()
    """How all rows' values are spread, when some are omitted."""
    rows: int = 0


def bar_chart(
    title: str, measure: str, rows: list[tuple[str, int, str | None]], target: int | None = None
) -> BarChart:
    """Horizontal bars, largest first, scaled to the largest value (or the target). Beyond
    :data:`MAX_BARS` rows only the top and bottom :data:`RANKS` are bars, with a histogram of
    every value below them, so no chart grows with the number of units."""
    rows = sorted(rows, key=lambda r: (-r[1], r[0]))
    top = max([v for _, v, _ in rows] + [target or 0, 1])
    shown = rows if len(rows) <= MAX_BARS else [*rows[:RANKS], *rows[-RANKS:]]
    omitted = len(rows) - len(shown)
    bars = []
    for i, (label, value, href) in enumerate(shown):
        y = (i + (1 if omitted and i >= RANKS else 0)) * ROW_HEIGHT
        below = target is not None and value < target
        bars.append(Bar(label, value, y, BAR_WIDTH * value / top, href, below_target=below))
    target_x = LABEL_WIDTH + BAR_WIDTH * target / top if target else None
    slots = len(bars) + (1 if omitted else 0)
    return BarChart(
        title,
        measure,
        bars,
        max(slots, 1) * ROW_HEIGHT + 8,
        target_x,
        omitted=omitted,
        gap_y=RANKS * ROW_HEIGHT,
        distribution=_histogram([v for _, v, _ in rows]) if omitted else (),
        rows=len(rows),
    )


HIST_HEIGHT = 80


def _histogram(values: list[int]) -> tuple[Bin, ...]:
    low, high = min(values), max(values)
    step = max(1, -(-(high - low + 1) // BINS))
    counts = [0] * (-(-(high - low + 1) // step))
    for v in values:
        counts[(v - low) // step] += 1
    most = max(counts)
    width = BAR_WIDTH / len(counts)
    return tuple(
        Bin(
            low + k * step,
            low + (k + 1) * step - 1,
            n,
            LABEL_WIDTH + k * width,
            width - 2,
            HIST_HEIGHT * n / most,
        )
        for k, n in enumerate(counts)
    )


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
