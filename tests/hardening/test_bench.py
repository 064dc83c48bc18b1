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
        warm=Run(hooks_s / 2, peak * 0.9, 0),
        rounds=3,
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
        _result(1000, 8, 18, 260),
        _result(5000, 40, 400, 5000),
    ]
    lines = targets(results)
    assert "cold 0.44×, warm 0.22×" in lines[0] and lines[0].endswith("— met")
    assert "cold 40.0 s, warm 20.0 s" in lines[1] and "**missed**" in lines[1]
    assert "5000 MB" in lines[2] and "**missed**" in lines[2]
    assert "**missed**" in lines[3]  # 130 → 260 → 5000 MB is worse than linear
    table = to_markdown(results, "python -m zongjie.bench", dt.datetime(2026, 1, 1))
    assert "| 5,000 | 3 | 40.0 | 20.0 | 400.0 | 0.10 | 0.05 | 5000 |" in table
    assert "- pdf at 100 reports: not available" in table
    assert "- search at 100 reports: zongjie_s: 1.5" in table
    assert "nproc" not in table and "CPUs" in table


def test_the_pdf_benchmark_samples_the_memory_of_a_whole_process_tree(tmp_path: Path) -> None:
    """A parent and the child it starts, each holding 150 MB: the summed PSS sees both, the
    largest RSS one of them."""
    import subprocess

    from benchmarks.memory import TreeSampler

    hold = "import time; x = bytearray(150 << 20); x[::4096] = b'1' * len(x[::4096]); time.sleep(2)"
    parent = (
        "import subprocess, sys; child = subprocess.Popen([sys.executable, '-c', sys.argv[1]]);"
        " exec(sys.argv[1]); child.wait()"
    )
    process = subprocess.Popen([sys.executable, "-c", parent, hold])
    sampler = TreeSampler(process.pid, interval=0.1).start()
    process.wait()
    sampler.stop()
    pss, rss = sampler.peak()
    assert pss > 290 and 150 < rss < 250, (pss, rss)
    assert max(s.processes for s in sampler.samples) == 2


def test_the_pdf_benchmark_table_judges_each_target(tmp_path: Path) -> None:
    from benchmarks.pdf import targets, write_table

    phase = {
        "build_s": 60.0, "pdf_s": 4.0, "rendered": 0, "bound": 0, "render_s": 0.0,
        "bind_s": 0.5, "archive_s": 1.0, "prepare_s": 2.0, "stage_peak_pss_mb": 900,
        "stage_peak_rss_mb": 700, "build_peak_pss_mb": 1000,
    }  # fmt: skip
    result = {
        "reports": 5000, "part_size": 100, "workers": 2, "load_average": "1.0",
        "cold": {**phase, "pdf_s": 1500.0, "stage_peak_pss_mb": 1700},
        "cold_cpu_s_per_page": 0.08, "edited": {**phase, "pdf_s": 12.0},
        "grown": {**phase, "pdf_s": 25.0}, "unchanged": phase, "grown_index_rebound": 2,
        "pages": 27000, "report_kb_per_page": 27.0, "part_kb_per_page": 4.0,
        "bytes_per_page_ratio": 0.15, "parts": 50, "largest_part_mb": 3.0,
        "largest_part_pages": 600, "index_pages": {"a": 90, "b": 95},
        "index_mb": {"a": 0.5, "b": 0.5}, "reports_mb": 700.0, "parts_mb": 100.0,
        "measured": "2026-12-01T00:00:00+00:00", "machine": "x86_64, 2 CPU",
    }  # fmt: skip
    result["targets"] = targets(result)
    verdicts = {name: t["met"] for name, t in result["targets"].items()}
    assert verdicts == {
        "peak memory of the PDF stage (MB, summed PSS)": False,  # 1700 > 1536
        "largest part (MB)": True,
        "one changed report, PDF stage (s)": False,  # the grown report: 25 s
        "nothing changed, PDF stage (s)": True,
        "bytes per page, part ÷ report": True,
    }
    out = tmp_path / "pdf.md"
    write_table(out, result)
    table = out.read_text(encoding="utf-8")
    assert "| 5000 | 100 | 27000 | 1.0 | 60.0 s | 1500.0 s | 12.0 s | 25.0 s | 4.0 s |" in table
    assert table.count("**missed**") == 2 and "## Before" in table
