"""Search benchmark: zongjie's search side by side with Material's built-in search.

On one generated corpus (:func:`zongjie.demo.write_demo`) three builds run, each in its own
child process: without any search, with Material's search plugin (lunr), and with zongjie's
search. Then headless Chromium opens each searchable site as a reader would, types queries
into the header box, and records how long the first results take and how many bytes search
fetched. The figures go to a Markdown table (``benchmarks/search.md``).

Usage::

    python -m benchmarks.search --reports 1000 --out benchmarks/search.md
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger("mkdocs.plugins.zongjie.search")

SEARCH_HOOK = "hooks/zongjie_search.py"
QUERIES = (
    "张桂梅",
    "学习强国",
    "我为群众办实事",
    "黨史學習教育",
    "问题清单 整改",
    "三会一课",
    "红色教育基地",
    "辦實事",
    "从党的非凡历程中领会了党的非凡历史功绩",
)  # the last: pasted
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VARIANTS = ("none", "material", "zongjie")
TARGET_SECONDS, TARGET_KB, TARGET_OVERHEAD = 0.5, 500, 0.20


@dataclass
class QueryRun:
    query: str
    seconds: float  # typing → first result shown, search box typed right after load
    warm_seconds: float  # typing → results, once search is ready (second query on the page)
    search_kb: float  # bytes search fetched until the first results (worker, index files)
    page_kb: float  # everything else the page loaded
    results: int
    external: int


@dataclass
class VariantRun:
    name: str
    build_seconds: float  # wall clock, best of the runs
    cpu_seconds: float  # user + system CPU of the build process, best of the runs
    index_seconds: float = 0.0
    index_cpu_seconds: float = 0.0
    index_mb: float = 0.0
    entries: int = 0  # files and folders in the built site
    index_entries: int = 0  # of which the search index
    queries: list[QueryRun] = field(default_factory=list)


# -- builds ------------------------------------------------------------------------------------


def variant_overrides(config_file: Path, variant: str) -> dict[str, Any]:
    """load_config() overrides that turn the project's config into one benchmark variant."""
    raw = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    hooks = [h for h in raw.get("hooks", []) if h != SEARCH_HOOK]
    if variant == "zongjie":
        return {"hooks": [*hooks, SEARCH_HOOK]}
    if variant == "material":
        return {"hooks": hooks}
    return {"hooks": hooks, "plugins": []}


def build_variant(config_file: Path, variant: str, site_dir: Path) -> dict[str, float]:
    """Build one variant in this process (called in a child process by :func:`run_build`)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    config = load_config(
        str(config_file), site_dir=str(site_dir), **variant_overrides(config_file, variant)
    )
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    seconds = time.perf_counter() - started
    index_seconds = index_cpu = 0.0
    for plugin in config.plugins.values():  # hook modules are registered as plugins
        search = getattr(plugin, "_search", None)
        if search is not None:
            index_seconds = float(getattr(search, "seconds", 0.0))
            index_cpu = float(getattr(search, "cpu_seconds", 0.0))
    return {"seconds": seconds, "index_seconds": index_seconds, "index_cpu_seconds": index_cpu}


def run_build(config_file: Path, variant: str, site_dir: Path) -> dict[str, float]:
    """Build in a child process; adds its CPU seconds (user + system, from ``wait4``)."""
    shutil.rmtree(site_dir, ignore_errors=True)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.search",
                "--build-variant",
                variant,
                "--config",
                str(config_file),
                "--site",
                str(site_dir),
            ],
            stdout=out,
            stderr=err,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"build {variant} failed:\n{err.read().decode()[-3000:]}")
        figures = json.loads(out.read().decode().strip().splitlines()[-1])
    figures["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return dict(figures)


def tree_entries(path: Path) -> int:
    """Files and folders under ``path`` (each is a new inode the build had to create)."""
    return sum(1 for _ in path.rglob("*")) if path.is_dir() else int(path.exists())


def file_creation_ms(folder: Path, count: int = 400) -> float:
    """CPU milliseconds to create one new small file in ``folder``, measured now.

    On this shared VM the figure moves between ~0.02 and ~0.8 ms from hour to hour, and it
    dominates how much every extra file costs a build.
    """
    probe = Path(tempfile.mkdtemp(prefix="probe-", dir=folder))
    try:
        started = time.process_time()
        for number in range(count):
            (probe / f"{number}.bin").write_bytes(b"x" * 4096)
        return (time.process_time() - started) * 1000 / count
    finally:
        shutil.rmtree(probe, ignore_errors=True)


def tree_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    if not path.exists():
        return 0.0
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


# -- browser -----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _is_search(url: str) -> bool:
    return "/search/" in url or "/workers/" in url or "zongjie-search/worker" in url


def measure_site(
    site_dir: Path, queries: tuple[str, ...] = QUERIES, timeout: float = 60.0
) -> list[QueryRun]:
    """Type each query into a freshly loaded page (empty cache) and time the first results."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "-b", "127.0.0.1", "-d", str(site_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    runs: list[QueryRun] = []
    try:
        time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                sizes: dict[str, int] = {"search": 0, "page": 0}
                external: list[str] = []
                counting = [True]

                def finished(
                    request: Any, counting: list[bool] = counting, sizes: dict[str, int] = sizes
                ) -> None:
                    if not counting[0]:
                        return
                    try:
                        body = request.sizes()["responseBodySize"]
                    except Exception:  # noqa: BLE001 - a request without a body
                        body = 0
                    if not body:  # Chromium reports 0 for a worker's own script
                        response = request.response()
                        length = response.headers.get("content-length") if response else None
                        body = int(length) if length and length.isdigit() else 0
                    sizes["search" if _is_search(request.url) else "page"] += body

                def requested(request: Any, external: list[str] = external) -> None:
                    if not request.url.startswith((base, "data:", "blob:")):
                        external.append(request.url)

                page.on("requestfinished", finished)
                page.on("request", requested)
                page.goto(base + "/", wait_until="domcontentloaded")
                started = _type(page, query)
                count = _wait_results(page, timeout)
                seconds = time.perf_counter() - started
                page.wait_for_timeout(300)  # let the last excerpt fetches of this query land
                counting[0] = False
                warm_query = "张桂梅" if query != "张桂梅" else "学习强国"
                page.fill("input.md-search__input", "")
                page.wait_for_timeout(200)
                warm_started = _type(page, warm_query)
                _wait_results(page, timeout)
                warm = time.perf_counter() - warm_started
                runs.append(
                    QueryRun(
                        query,
                        round(seconds, 3),
                        round(warm, 3),
                        round(sizes["search"] / 1024, 1),
                        round(sizes["page"] / 1024, 1),
                        count,
                        len(external),
                    )
                )
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return runs


def _type(page: Any, query: str) -> float:
    page.focus("input.md-search__input")
    started = time.perf_counter()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")  # Material reads the box on keyup
    return started


def _wait_results(page: Any, timeout: float) -> int:
    """Wait until the result list shows links, or Material says nothing matched."""
    deadline = time.perf_counter() + timeout
    none_since = None
    while time.perf_counter() < deadline:
        state = page.evaluate("""() => {
            const meta = document.querySelector('.md-search-result__meta');
            return [meta ? meta.textContent : '',
                    document.querySelectorAll('.md-search-result__link').length]; }""")
        if state[1] > 0:
            return int(state[1])
        # "nothing found" may be the answer to the empty box the page started with: only
        # believe it once it has stayed for a while.
        if re.search(r"没有|No matching", state[0]):
            none_since = none_since or time.perf_counter()
            if time.perf_counter() - none_since > 2.0:
                return 0
        else:
            none_since = None
        page.wait_for_timeout(10)
    return 0


# -- report ------------------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def summarize(runs: dict[str, VariantRun], reports: int) -> dict[str, Any]:
    none, none_cpu = runs["none"].build_seconds, runs["none"].cpu_seconds
    out: dict[str, Any] = {
        "reports": reports,
        "build_seconds_without_search": round(none, 1),
        "build_cpu_seconds_without_search": round(none_cpu, 1),
    }
    for name in ("material", "zongjie"):
        run = runs[name]
        out[f"{name}_build_seconds"] = round(run.build_seconds, 1)
        out[f"{name}_build_overhead"] = round(run.build_seconds / none - 1, 3) if none else None
        out[f"{name}_build_cpu_seconds"] = round(run.cpu_seconds, 1)
        out[f"{name}_build_cpu_overhead"] = (
            round(run.cpu_seconds / none_cpu - 1, 3) if none_cpu else None
        )
        out[f"{name}_index_mb"] = round(run.index_mb, 2)
        out[f"{name}_first_results_s_max"] = max((q.seconds for q in run.queries), default=None)
        out[f"{name}_first_results_s_median"] = _median([q.seconds for q in run.queries])
        out[f"{name}_warm_results_s_max"] = max((q.warm_seconds for q in run.queries), default=None)
        out[f"{name}_first_query_kb_max"] = max((q.search_kb for q in run.queries), default=None)
        out[f"{name}_external_requests"] = sum(q.external for q in run.queries)
    out["site_entries_without_search"] = runs["none"].entries
    out["zongjie_site_entries"] = runs["zongjie"].entries
    out["zongjie_index_entries"] = runs["zongjie"].index_entries
    out["zongjie_index_seconds"] = round(runs["zongjie"].index_seconds, 2)
    out["zongjie_index_cpu_seconds"] = round(runs["zongjie"].index_cpu_seconds, 2)
    out["zongjie_index_share"] = round(runs["zongjie"].index_seconds / none, 3) if none else None
    out["zongjie_index_cpu_share"] = (
        round(runs["zongjie"].index_cpu_seconds / none_cpu, 3) if none_cpu else None
    )
    return out


def write_markdown(out_md: Path, runs: dict[str, VariantRun], summary: dict[str, Any]) -> None:
    z, m = runs["zongjie"], runs["material"]
    lines = [
        "# Search benchmark",
        "",
        f"Generated by `python -m benchmarks.search --reports {summary['reports']}` "
        f"({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, shared machine). "
        "Corpus: `zongjie demo` with "
        f"{summary['reports']} reports. Each build runs in its own process; every variant is "
        f"built {summary['rounds']} times, interleaved, and the best run counts. Each query is "
        "typed into the header search box of a freshly loaded page with an empty cache, in "
        "headless Chromium, right after the page's HTML has loaded.",
        "",
        "Creating a new file cost "
        + " and ".join(f"{ms} ms" for ms in summary["file_creation_ms"])
        + " of CPU (measured in the build folder before and after the builds); on this VM it "
        "has been seen anywhere between 0.02 and 0.8 ms, so every file a build writes counts.",
        "",
        "| | Material search (lunr) | zongjie search | target |",
        "|---|---|---|---|",
        f"| site build, CPU s (without search: {summary['build_cpu_seconds_without_search']}) "
        f"| {m.cpu_seconds:.1f} (+{summary['material_build_cpu_overhead']:.0%}) "
        f"| {z.cpu_seconds:.1f} (+{summary['zongjie_build_cpu_overhead']:.0%}) | ≤ +20 % |",
        f"| site build, wall s (without search: {summary['build_seconds_without_search']}) "
        f"| {m.build_seconds:.1f} (+{summary['material_build_overhead']:.0%}) "
        f"| {z.build_seconds:.1f} (+{summary['zongjie_build_overhead']:.0%}) | ≤ +20 % |",
        f"| index build alone (extract, index, write), s | – | {z.index_seconds:.2f} wall, "
        f"{z.index_cpu_seconds:.2f} CPU (+{summary['zongjie_index_cpu_share']:.0%}) | ≤ +20 % |",
        "| files and folders in the site "
        f"(without search: {summary['site_entries_without_search']}) "
        f"| {m.entries} | {z.entries} (index: {z.index_entries}) | |",
        f"| index on disk, MB | {m.index_mb:.1f} | {z.index_mb:.1f} | |",
        "| first results after typing, s (median / max) "
        f"| {summary['material_first_results_s_median']} / "
        f"{summary['material_first_results_s_max']} "
        f"| {summary['zongjie_first_results_s_median']} / {summary['zongjie_first_results_s_max']} "
        "| ≤ 0.5 |",
        f"| next query once ready, s (max) | {summary['material_warm_results_s_max']} "
        f"| {summary['zongjie_warm_results_s_max']} | |",
        "| transferred for search until the first results, KB (max) "
        f"| {summary['material_first_query_kb_max']} | {summary['zongjie_first_query_kb_max']} "
        "| ≤ 500 |",
        f"| requests to other hosts | {summary['material_external_requests']} "
        f"| {summary['zongjie_external_requests']} | 0 |",
        "",
        "Per query (first results s / search KB / results shown):",
        "",
        "| query | Material | zongjie |",
        "|---|---|---|",
    ]
    for mq, zq in zip(m.queries, z.queries, strict=False):
        lines.append(
            f"| {zq.query} | {mq.seconds} s / {mq.search_kb} KB / {mq.results} "
            f"| {zq.seconds} s / {zq.search_kb} KB / {zq.results} |"
        )
    lines += [
        "",
        "Page load without search (HTML, CSS, Material's bundle) is the same for both "
        f"and not counted above: about {z.queries[0].page_kb if z.queries else 0} KB.",
        "",
    ]
    out_md.parent.mkdir(parents=True, exist_ok=True)
    out_md.write_text("\n".join(lines), encoding="utf-8")


def run_search_bench(
    out_md: Path | None = None,
    reports: int = 1000,
    project: Path | None = None,
    site_dir: Path | None = None,
    rounds: int = 5,
) -> dict[str, Any]:
    """Measure zongjie's search against Material's on ``reports`` generated reports.

    ``project`` may name an existing generated project (``zongjie demo`` output) to reuse;
    ``site_dir`` is accepted for ``make bench`` and ignored (each variant is built afresh).
    Writes ``out_md`` if given and returns the summary figures.
    """
    del site_dir
    from zongjie.demo import write_demo

    work = Path(tempfile.mkdtemp(prefix="zongjie-search-bench-"))
    try:
        if project is None:
            project = work / "project"
            write_demo(project, units=max(1, reports // 2), campaigns=2)
        config_file = project / "mkdocs.yml"
        runs: dict[str, VariantRun] = {}
        # The machine is shared and the first build warms the disk cache: one warm-up build
        # is thrown away, then every variant runs twice, interleaved, and the best counts.
        run_build(config_file, "none", work / "site-warmup")
        shutil.rmtree(work / "site-warmup", ignore_errors=True)
        creation_ms = [file_creation_ms(work)]
        for variant in VARIANTS * rounds:
            site = work / f"site-{variant}"
            figures = run_build(config_file, variant, site)
            log.info(
                "search bench: %s built in %.1f s (%.1f s CPU)",
                variant,
                figures["seconds"],
                figures["cpu_seconds"],
            )
            index = site / ("search/search_index.json" if variant == "material" else "search")
            run = VariantRun(
                variant,
                figures["seconds"],
                figures["cpu_seconds"],
                figures["index_seconds"],
                figures["index_cpu_seconds"],
                tree_mb(index) if variant != "none" else 0.0,
                tree_entries(site),
                tree_entries(index) if variant != "none" else 0,
            )
            old = runs.get(variant)
            if old is None:
                if variant != "none":
                    run.queries = measure_site(site)
                runs[variant] = run
            else:
                old.build_seconds = min(old.build_seconds, run.build_seconds)
                old.cpu_seconds = min(old.cpu_seconds, run.cpu_seconds)
                old.index_seconds = min(old.index_seconds, run.index_seconds)
                old.index_cpu_seconds = min(old.index_cpu_seconds, run.index_cpu_seconds)
        creation_ms.append(file_creation_ms(work))
        summary = summarize(runs, reports)
        summary["rounds"] = rounds
        summary["file_creation_ms"] = [round(ms, 3) for ms in creation_ms]
        if out_md is not None:
            write_markdown(out_md, runs, summary)
        return summary
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="zongjie 中文搜索与 Material 内置搜索的对比基准")
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/search.md"))
    parser.add_argument("--project", type=Path, help="reuse a `zongjie demo` folder")
    parser.add_argument(
        "--rounds", type=int, default=5, help="builds per variant, interleaved; the best counts"
    )
    parser.add_argument("--build-variant", choices=VARIANTS, help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--site", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_variant:
        print(json.dumps(build_variant(args.config, args.build_variant, args.site)))
        return 0
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    summary = run_search_bench(args.out, args.reports, project=args.project, rounds=args.rounds)
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
