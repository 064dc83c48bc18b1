"""Page and chart size on a province-size tree: no page may grow with the number of units.

Targets (the organisation tree): at 5,000 reports in a 4-level tree every HTML page is at most
300 KB, no chart has more than about 30 bars, and the navigation lists levels, not thousands of
entries. Measured on a site built from :func:`zongjie.demo.write_demo` (an office over cities
over counties over units), by reading every page of it.

Usage (standalone; ``make bench`` runs it through ``benchmarks.run`` on its own builds)::

    python -m benchmarks.pages --sizes 1000,5000 --out benchmarks/pages.md
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from zongjie.demo import write_demo

MAX_PAGE_KB = 300
MAX_BARS = 30
BAR = re.compile(r'<rect [^>]*class="zj-bar[" ]')
FIGURE = re.compile(r'<figure class="zj-chart[^"]*">.*?</figure>', re.DOTALL)
NAV_LINK = re.compile(r'class="md-nav__link')


@dataclass
class PageSizes:
    pages: int
    largest_kb: float
    largest_page: str
    largest_chart_bars: int
    largest_chart_kb: float
    chart_page: str
    most_nav_links: int
    nav_page: str

    @property
    def verdict(self) -> str:
        ok = self.largest_kb <= MAX_PAGE_KB and self.largest_chart_bars <= MAX_BARS
        return "达标" if ok else "未达标"


def measure(site: Path) -> PageSizes:
    """Every HTML page of ``site``: the largest, the chart with most bars, the longest nav."""
    largest = (0, "")
    chart = (0, 0, "")
    nav = (0, "")
    pages = 0
    for path in site.rglob("*.html"):
        pages += 1
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site).as_posix()
        largest = max(largest, (len(text.encode()), rel))
        for figure in FIGURE.findall(text):
            bars = len(BAR.findall(figure))
            chart = max(chart, (bars, len(figure.encode()), rel))
        nav = max(nav, (len(NAV_LINK.findall(text)), rel))
    return PageSizes(
        pages,
        largest[0] / 1024,
        largest[1],
        chart[0],
        chart[1] / 1024,
        chart[2],
        nav[0],
        nav[1],
    )


def run_pages_bench(site_dir: Path, reports: int) -> dict[str, object]:
    """For ``benchmarks.run``: the figures of one built size."""
    found = measure(site_dir)
    return {
        "最大页面": f"{found.largest_kb:.0f} KB（{found.largest_page}）",
        "最大图表": f"{found.largest_chart_bars} 条（{found.largest_chart_kb:.1f} KB）",
        "导航链接最多": f"{found.most_nav_links}",
        "页面大小": found.verdict,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,5000", help="reports (units × 2 campaigns)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/pages.md"))
    parser.add_argument(
        "--keep", type=Path, help="build each size into KEEP/<reports>/ and leave it there"
    )
    args = parser.parse_args()
    from zongjie.site.atomic_build import build_site

    rows = []
    for reports in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="zongjie-pages-") as work:
            project = args.keep / str(reports) if args.keep else Path(work)
            project.mkdir(parents=True, exist_ok=True)
            write_demo(project, units=reports // 2, campaigns=2, seed=1)
            started = time.perf_counter()
            site = build_site(project / "mkdocs.yml", site_dir=project / "site", strict=True)
            seconds = time.perf_counter() - started
            found = measure(site)
        rows.append((reports, found, seconds))
        print(reports, found, f"{seconds:.0f} s", flush=True)
    lines = [
        "# 省级规模的页面大小（组织树）",
        "",
        "`python -m benchmarks.pages --sizes "
        + args.sizes
        + "` 生成示例组织树（省 → 市 → 县区 → 单位，"
        "每个活动每个单位一份报告，2 个活动），构建后读取每个 HTML 页面。目标：每个页面 ≤ "
        f"{MAX_PAGE_KB} KB，每张图 ≤ {MAX_BARS} 条。",
        "",
        "| 报告数 | 页面数 | 最大页面 | 最大图表（条形数） | 导航链接最多的页面 | 构建用时 "
        "| 结论 |",
        "|---:|---:|---|---|---|---:|---|",
    ]
    for reports, f, seconds in rows:
        lines.append(
            f"| {reports:,} | {f.pages:,} | {f.largest_kb:.0f} KB（`{f.largest_page}`） | "
            f"{f.largest_chart_bars} 条，{f.largest_chart_kb:.1f} KB（`{f.chart_page}`） | "
            f"{f.most_nav_links} 个（`{f.nav_page}`） | {seconds:.0f} s | {f.verdict} |"
        )
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
