"""``make bench``: build generated corpora with our hooks and with plain Material; write a table.

For each size N (reports = units × 2 campaigns) the same Markdown is generated twice by
:func:`zongjie.demo.write_demo`: once with our hooks and once with a plain mkdocs-material
config (the baseline). Each build runs in its own child process, so its wall time and peak
resident memory (``ru_maxrss`` from ``wait4``) belong to that build alone.

Benchmarks owned by other parts of the project (search, PDF, preview, publish) are imported if they
exist. Each is a function taking the keyword arguments it names among ``project``,
``site_dir``, ``reports``, ``units`` and ``out_md`` (its own detailed table, written to the
work folder) and returning ``{label: value}``; missing ones are reported as not available.

Usage::

    python -m benchmarks.run --out benchmarks/results.md [--sizes 100,1000,5000] [--work DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import inspect
import itertools
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from zongjie.demo import write_demo

CAMPAIGNS = 2
DEFAULT_SIZES = (100, 1000, 5000)
# Targets for the build with zongjie's hooks, against Material + search + navigation.prune.
MAX_RATIO_1000 = 0.5  # at most half of Material's time at 1,000 reports
MAX_SECONDS_5000 = 30  # the whole build at 5,000 reports, cold and warm parse cache alike
MAX_PEAK_MB_5000 = 1024
ROUNDS = 3  # interleaved rounds at each size up to ROUNDS_MAX_REPORTS; the median is reported
ROUNDS_MAX_REPORTS = 1000  # above it one round (Material alone takes minutes at 5,000)
GNU_TIME = "/usr/bin/time"

EXTERNAL_MAX = 1000  # the other benchmarks build their own corpora; above this they are skipped
# (label, module, function, largest corpus it runs at) of benchmarks written elsewhere in the
# project. The PDF stage's targets are set at 5,000 reports, so it runs that far (~1 hour).
EXTERNAL: tuple[tuple[str, str, str, int], ...] = (
    ("search", "benchmarks.search", "run_search_bench", EXTERNAL_MAX),
    ("pdf", "benchmarks.pdf", "run_pdf_bench", 5000),
    ("preview", "benchmarks.preview", "run_preview_bench", EXTERNAL_MAX),
    ("import", "benchmarks.importer", "run_import_bench", 100),  # its own corpus: once is enough
    ("publish", "benchmarks.publish", "run_publish_bench", EXTERNAL_MAX),
    ("pages", "benchmarks.pages", "run_pages_bench", 5000),
)


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    log: str = ""


@dataclass
class SizeResult:
    reports: int
    hooks: Run
    """zongjie with an empty parse cache (cold)."""
    plain: Run
    check: Run | None
    site_mb: float
    index_mb: float
    plain_site_mb: float
    plain_index_mb: float
    extra: dict[str, dict[str, object] | str] = field(default_factory=dict)
    warm: Run | None = None
    """zongjie again, with the parse cache the cold build left."""
    rounds: int = 1

    @property
    def ratio(self) -> float:
        return self.hooks.seconds / self.plain.seconds if self.plain.seconds else float("nan")

    @property
    def warm_ratio(self) -> float:
        if self.warm is None or not self.plain.seconds:
            return float("nan")
        return self.warm.seconds / self.plain.seconds


def median_run(runs: list[Run]) -> Run:
    """The median wall time, the largest peak memory, and the first failure if any."""
    times = sorted(r.seconds for r in runs)
    failed = next((r for r in runs if r.returncode), None)
    return Run(
        statistics.median(times),
        max(r.peak_mb for r in runs),
        failed.returncode if failed else 0,
        (failed or runs[-1]).log,
    )


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` as a child process; return wall time and that child's own peak RSS.

    Linux keeps a forked child's ``ru_maxrss`` at least at its parent's size at fork time,
    so the build is started through GNU time (a small process) when it is installed.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **(env or {}))
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as peak:
        wrapped = (
            [GNU_TIME, "-f", "%M", "-o", peak.name, *cmd] if os.access(GNU_TIME, os.X_OK) else cmd
        )
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        log = out.read().decode("utf-8", "replace")
        lines = peak.read().split()
        peak_kb = int(lines[-1]) if lines and lines[-1].isdigit() else usage.ru_maxrss
    return Run(seconds, peak_kb / 1024, proc.returncode, log[-4000:])


def tree_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1024 / 1024


def _search_mb(site: Path) -> float:
    """Everything under ``site/search/``: Material's index, or zongjie's index shards."""
    return tree_mb(site / "search") if (site / "search").is_dir() else 0.0


def bench_size(reports: int, work: Path, log: Callable[[str], None]) -> SizeResult:
    units = max(1, reports // CAMPAIGNS)
    hooks_dir, plain_dir = work / f"hooks-{reports}", work / f"plain-{reports}"
    for d in (hooks_dir, plain_dir):
        shutil.rmtree(d, ignore_errors=True)
    write_demo(hooks_dir, units=units, campaigns=CAMPAIGNS, seed=1)
    write_demo(plain_dir, units=units, campaigns=CAMPAIGNS, seed=1, plain=True)
    bindir = Path(sys.executable).parent
    zongjie = (
        [str(bindir / "zongjie")]
        if (bindir / "zongjie").exists()
        else [sys.executable, "-m", "zongjie"]
    )
    rounds = ROUNDS if reports <= ROUNDS_MAX_REPORTS else 1
    cache = work / f"parse-cache-{reports}"
    cache_env = {"ZONGJIE_DATA_CACHE": str(cache)}
    plains, colds, warms = [], [], []
    for i in range(rounds):  # interleaved, so the machine's load falls on all three alike
        log(f"[{reports}] round {i + 1}/{rounds}: plain Material …")
        plains.append(
            measure([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], plain_dir)
        )
        shutil.rmtree(cache, ignore_errors=True)
        colds.append(measure([*zongjie, "build", "-q", "-d", "site"], hooks_dir, cache_env))
        warms.append(measure([*zongjie, "build", "-q", "-d", "site"], hooks_dir, cache_env))
        log(
            f"[{reports}] Material {plains[-1].seconds:.1f} s, zongjie cold "
            f"{colds[-1].seconds:.1f} s, warm {warms[-1].seconds:.1f} s"
        )
    plain, hooks, warm = median_run(plains), median_run(colds), median_run(warms)
    check = measure([*zongjie, "check", "-C", "."], hooks_dir, cache_env)
    for name, run in (("plain", plain), ("hooks", hooks), ("warm", warm)):
        if run.returncode != 0:
            log(f"[{reports}] {name} build failed:\n{run.log}")
    result = SizeResult(
        reports=units * CAMPAIGNS,
        hooks=hooks,
        plain=plain,
        check=check,
        site_mb=tree_mb(hooks_dir / "site"),
        index_mb=_search_mb(hooks_dir / "site"),
        plain_site_mb=tree_mb(plain_dir / "site"),
        plain_index_mb=_search_mb(plain_dir / "site"),
        warm=warm,
        rounds=rounds,
    )
    return result


def bench_external(
    result: SizeResult, work: Path, log: Callable[[str], None], external_max: int | None = None
) -> None:
    """The search/PDF/preview benchmarks, run after all builds (they grow this process).

    Each runs up to its own largest corpus, or up to ``external_max`` when that is given."""
    limits = {label: cap if external_max is None else external_max for label, *_, cap in EXTERNAL}
    labels = [label for label, limit in limits.items() if result.reports <= limit]
    if labels:
        log(f"[{result.reports}] running the {'/'.join(labels)} benchmarks …")
        # Their detailed tables go to the work folder: benchmarks/<label>.md belong to their owners.
        hooks_dir = work / f"hooks-{result.reports}"
        result.extra = run_external(
            hooks_dir,
            hooks_dir / "site",
            result.reports,
            work / f"external-{result.reports}",
            labels,
        )
    for label, limit in limits.items():
        if label not in labels:
            result.extra[label] = f"skipped (runs up to {limit:,} reports)"


def run_external(
    project: Path, site_dir: Path, reports: int, out_dir: Path, labels: list[str] | None = None
) -> dict[str, dict[str, object] | str]:
    """Call the search/PDF/preview benchmarks (those in ``labels``) if their modules exist."""
    found: dict[str, dict[str, object] | str] = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    for label, module_name, func_name, _ in EXTERNAL:
        if labels is not None and label not in labels:
            continue
        offered = {
            "project": project,
            "site_dir": site_dir,
            "reports": reports,
            "units": max(1, reports // CAMPAIGNS),
            "out_md": out_dir / f"{label}.md",
        }
        if isinstance(found.get(label), dict):
            continue
        try:
            func = getattr(importlib.import_module(module_name), func_name)
        except (ImportError, AttributeError):
            found.setdefault(label, "not available")
            continue
        try:
            params = inspect.signature(func).parameters
            kwargs = {k: v for k, v in offered.items() if k in params}
            value = func(**kwargs)
            found[label] = dict(value) if isinstance(value, dict) else {"result": value}
        except Exception as exc:  # noqa: BLE001 (a broken benchmark elsewhere must not hide ours)
            found[label] = f"failed: {type(exc).__name__}: {exc}"
    return found


# -- report --------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
                break
    except OSError:
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "ram": ram,
        "python": platform.python_version(),
        "os": platform.platform(),
    }


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def targets(results: list[SizeResult]) -> list[str]:
    lines = []
    by_size = {r.reports: r for r in results}
    if 1000 in by_size:
        r = by_size[1000]
        ok = r.ratio <= MAX_RATIO_1000 and r.warm_ratio <= MAX_RATIO_1000
        lines.append(
            f"- At 1,000 reports ≤ {MAX_RATIO_1000} × Material + search + navigation.prune: "
            f"cold {r.ratio:.2f}×, warm {r.warm_ratio:.2f}× — {_verdict(ok)}"
        )
    else:
        lines.append("- Ratio at 1,000 reports: not measured in this run")
    if 5000 in by_size:
        r = by_size[5000]
        warm = r.warm or r.hooks
        ok = max(r.hooks.seconds, warm.seconds) <= MAX_SECONDS_5000
        lines.append(
            f"- 5,000 reports in ≤ {MAX_SECONDS_5000} s: cold {r.hooks.seconds:.1f} s, "
            f"warm {warm.seconds:.1f} s — {_verdict(ok)}"
        )
        peak = max(r.hooks.peak_mb, warm.peak_mb)
        lines.append(
            f"- Peak memory at 5,000 reports ≤ {MAX_PEAK_MB_5000} MB: {peak:.0f} MB — "
            f"{_verdict(peak <= MAX_PEAK_MB_5000)}"
        )
    else:
        lines.append("- 5,000 reports: not measured in this run")
    if len(results) >= 2:
        # Linear means a constant cost per extra report: the slope between the larger sizes
        # must not exceed the slope between the smaller ones (25 % allowed for noise).
        slopes = [
            (b.hooks.peak_mb - a.hooks.peak_mb) / (b.reports - a.reports) * 1000
            for a, b in itertools.pairwise(results)
        ]
        steps = ", ".join(f"{r.hooks.peak_mb:.0f} MB at {r.reports:,}" for r in results)
        slope_text = " then ".join(f"{s:.0f}" for s in slopes)
        if len(slopes) >= 2:
            ok = all(later <= earlier * 1.25 + 5 for earlier, later in itertools.pairwise(slopes))
            verdict = _verdict(ok)
        else:
            first, last = results[0], results[-1]
            ok = last.hooks.peak_mb <= first.hooks.peak_mb * last.reports / first.reports
            verdict = _verdict(ok) + " (two sizes only: peak grows less than proportionally)"
        lines.append(
            f"- Memory grows no faster than linearly: {steps} reports; "
            f"{slope_text} MB per 1,000 extra reports — {verdict}"
        )
    return lines


def to_markdown(results: list[SizeResult], command: str, started: dt.datetime) -> str:
    m = machine()
    out = [
        "# Build benchmarks",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC",
        f"- Command: `{command}`",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram']} RAM, Python {m['python']}, "
        f"{m['os']}",
        f"- Corpus: `zongjie.demo.write_demo(units=N/{CAMPAIGNS}, campaigns={CAMPAIGNS}, seed=1)`; "
        "the baseline is the same Markdown with `plain=True` "
        "(mkdocs-material, its search plugin and `navigation.prune`, no hooks).",
        "- Each build is a separate process: wall time, and its peak RSS (GNU time `%M`). At each "
        f"size up to {ROUNDS_MAX_REPORTS:,} reports the three builds run in {ROUNDS} interleaved "
        "rounds and the median is shown (peak memory: the largest); above it, one round.",
        '- "zongjie" is the project as `write_demo` configures it (all our hooks, templates, nav '
        "and search), *cold* with an empty parse cache (`ZONGJIE_DATA_CACHE`), *warm* with the "
        'one the cold build left; "Material" is mkdocs-material with its search plugin and '
        "`navigation.prune`, on the same Markdown.",
        "- The machine is shared with other engineers, so times carry some noise.",
        "",
        "| Reports | Rounds | zongjie cold (s) | zongjie warm (s) | Material (s) | cold / Material "
        "| warm / Material | zongjie peak RSS (MB) | Material peak RSS (MB) | `zongjie check` (s) "
        "| Search files (MB) | Site (MB) | Material search files (MB) | Material site (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        failed = " (failed)" if r.hooks.returncode else ""
        check = f"{r.check.seconds:.1f}" if r.check else "—"
        warm = f"{r.warm.seconds:.1f}" if r.warm else "—"
        peak = max(r.hooks.peak_mb, r.warm.peak_mb if r.warm else 0)
        out.append(
            f"| {r.reports:,} | {r.rounds} | {r.hooks.seconds:.1f}{failed} | {warm} "
            f"| {r.plain.seconds:.1f} | {r.ratio:.2f} | {r.warm_ratio:.2f} "
            f"| {peak:.0f} | {r.plain.peak_mb:.0f} | {check} | {r.index_mb:.1f} "
            f"| {r.site_mb:.1f} | {r.plain_index_mb:.1f} | {r.plain_site_mb:.1f} |"
        )
    out += ["", "## Targets", "", *targets(results), "", "## Other benchmarks", ""]
    labels = sorted({label for r in results for label in r.extra})
    for label in labels:
        for r in results:
            value = r.extra.get(label, "not available")
            text = value if isinstance(value, str) else _summary(value)
            out.append(f"- {label} at {r.reports:,} reports: {text}")
    if not labels:
        out.append("- none run")
    return "\n".join(out) + "\n"


def _summary(value: dict[str, object], limit: int = 400) -> str:
    flat: list[str] = []
    for k, v in value.items():
        if isinstance(v, dict):
            flat += [f"{k}.{k2}: {v2}" for k2, v2 in v.items() if not isinstance(v2, (dict, list))]
        elif not isinstance(v, list):
            flat.append(f"{k}: {v}")
    text = ", ".join(flat) or json.dumps(value, ensure_ascii=False, default=str)
    return (text[:limit] + " …") if len(text) > limit else text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results.md"))
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated report counts (default 100,1000,5000)",
    )
    parser.add_argument("--work", type=Path, help="where to generate corpora (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora")
    parser.add_argument(
        "--external-max",
        type=int,
        default=None,
        help="run the search/PDF/preview benchmarks only up to this many reports "
        f"(default: search and preview {EXTERNAL_MAX}, PDF 5000; 0 = never)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    command = "python -m benchmarks.run " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    started = dt.datetime.now(dt.UTC)
    work = args.work or Path(tempfile.mkdtemp(prefix="zongjie-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: list[SizeResult] = []
    args.out.parent.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        for size in sizes:
            results.append(bench_size(size, work, log))
            args.out.write_text(to_markdown(results, command, started), encoding="utf-8")
        for result in results:
            bench_external(result, work, log, args.external_max)
            args.out.write_text(to_markdown(results, command, started), encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(args.out.read_text(encoding="utf-8"))
    return 1 if any(r.hooks.returncode or r.plain.returncode for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
