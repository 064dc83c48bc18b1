"""``make bench``: the long run of the generated-input tests (Hypothesis), with its record.

``tests/hardening/test_properties.py`` runs a few examples in ``make test``; here the ``bench``
profile runs 2,000 mutated projects (each through ``zongjie check``, and through the build when
check finds no error or for one in eight of the others) and 50 generated valid projects, each
built. The outcome and Hypothesis' statistics (how the examples ended) go to
``benchmarks/properties.md``.

Usage::

    python -m benchmarks.properties --out benchmarks/properties.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.run import machine

TESTS = "tests/hardening/test_properties.py"


def run(out: Path) -> int:
    started = dt.datetime.now(dt.UTC)
    command = [
        sys.executable, "-m", "pytest", TESTS, "-q", "-p", "no:cacheprovider",
        "--hypothesis-show-statistics",
    ]  # fmt: skip
    env = dict(os.environ, ZONGJIE_HYPOTHESIS="bench", NO_MKDOCS_2_WARNING="1")
    clock = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - clock
    log = done.stdout + done.stderr
    stats = log[log.find("Hypothesis Statistics") :] if "Hypothesis Statistics" in log else log
    summary = re.findall(r"^=*\s*(\d+ (?:passed|failed).*?)\s*=*$", log, re.MULTILINE)
    m = machine()
    text = "\n".join(
        [
            "# Generated inputs (Hypothesis)",
            "",
            f"- Date: {started:%Y-%m-%d %H:%M} UTC",
            f"- Command: `ZONGJIE_HYPOTHESIS=bench pytest {TESTS} --hypothesis-show-statistics` "
            "(run by `python -m benchmarks.properties`, part of `make bench`)",
            f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram']} RAM, Python {m['python']}",
            f"- Result: {summary[-1] if summary else 'no summary line'}; exit status "
            f"{done.returncode}; {seconds / 60:.1f} min",
            "- `test_mutated_files_end_in_a_clean_error_or_a_build`: 2,000 examples, each 1–3 "
            "random mutations (deleted or duplicated lines, values of another type, truncation, "
            "random Unicode or bytes, indentation) of the data files and narratives of a valid "
            "project. Passing means: no exception, every problem at `path:line:col` with a Chinese "
            "message, and the build agreeing with `zongjie check`.",
            "- `test_valid_reports_build_with_correct_totals`: 50 generated valid projects built; "
            "each overview row equals the values computed from the generated data, and the total "
            "row equals their sum.",
            "",
            "```text",
            stats.strip()[-6000:],
            "```",
            "",
        ]
    )
    out.write_text(text, encoding="utf-8")
    print(text)
    return done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.properties")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/properties.md"))
    return run(parser.parse_args(argv).out)


if __name__ == "__main__":
    sys.exit(main())
