"""``make bench`` plumbing, without the heavy builds: measuring a child, and the results table."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from benchmarks.run import Run, SizeResult, measure, targets, to_markdown


def _result(reports: int, hooks_s: float, plain_s: float, peak: float) -> SizeResult:
    return SizeResult(
        reports,
        Run(hooks_s, peak, 0),
        Run(plain_s, peak * 0.8, 0),
        None,
        site_mb=10,
        index_mb=1,
        plain_site_mb=9,
        plain_index_mb=1,
        extra={"pdf": "not available", "search": {"zongjie_s": 1.5}},
    )


def test_measure_reports_the_childs_own_peak_memory(tmp_path: Path) -> None:
    grow = "x = bytearray(200 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])"
    big = measure([sys.executable, "-c", grow], tmp_path)
    small = measure([sys.executable, "-c", "pass"], tmp_path)
    assert big.returncode == 0 and small.returncode == 0
    assert big.peak_mb > 200 > small.peak_mb
    assert big.seconds > 0


def test_targets_and_table() -> None:
    results = [
        _result(100, 2.7, 2.5, 130),
        _result(1000, 20, 18, 260),
        _result(5000, 700, 400, 5000),
    ]
    lines = "\n".join(targets(results))
    assert "ratio 1.11" in lines and "— met" in lines.split("\n")[0]
    assert "11.7 min" in lines and "**missed**" in lines.split("\n")[1]
    assert "**missed**" in lines.split("\n")[2]  # 130 → 260 → 5000 MB is worse than linear
    table = to_markdown(results, "python -m zongjie.bench", dt.datetime(2026, 1, 1))
    assert "| 5,000 | 700.0 | 400.0 | 1.75 |" in table
    assert "- pdf at 100 reports: not available" in table
    assert "- search at 100 reports: zongjie_s: 1.5" in table
    assert "nproc" not in table and "CPUs" in table
