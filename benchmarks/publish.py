"""Measure ``zongjie publish``: compression modes, republishing, disk per release.

For a built site (the sample site, and a generated one of N reports) this runs the real
command, each time as its own process:

* the baseline: copying the site folder (what publishing without zongjie costs at least);
* ``zongjie publish --site`` into an empty destination, with ``compression: standard`` and,
  for sites up to ``MAX_MODE_LIMIT_MB`` of text, ``compression: max``;
* the same site published again: unchanged files are hard links to the previous release,
  so the seconds and the new bytes on disk are those of a republish with nothing changed.

    python -m benchmarks.publish --site site --reports 1000 --out benchmarks/publish.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jinja2
import yaml

from zongjie.demo import write_demo
from zongjie.publish.compress import candidates

MAX_MODE_LIMIT_MB = 15.0  # zopfli runs at about 0.1 MB/s: larger sites take many minutes


def _publish(project: Path, site: Path, dest: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "zongjie", "publish", "--dest", str(dest), "--site", str(site)],
        cwd=project, check=True, capture_output=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )  # fmt: skip
    return time.perf_counter() - start


def _project(work: Path, compression: str) -> Path:
    """A project folder whose mkdocs.yml holds only what publishing reads."""
    project = work / f"project-{compression}"
    project.mkdir(parents=True, exist_ok=True)
    config = {
        "site_name": "publish benchmark",
        "extra": {"zongjie": {"publish": {"compression": compression, "brotli": True}}},
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return project


def _sizes(release: Path) -> dict[str, float]:
    mb = 1024 * 1024
    texts = candidates(release)
    return {
        "text_mb": sum(p.stat().st_size for p in texts) / mb,
        "gzip_mb": sum(p.stat().st_size for p in release.rglob("*.gz")) / mb,
        "brotli_mb": sum(p.stat().st_size for p in release.rglob("*.br")) / mb,
        "files": len(texts),
    }


def _new_bytes(release: Path, previous: Path) -> float:
    """Bytes of the files of ``release`` that are not links into ``previous``."""
    old = {p.stat().st_ino for p in previous.rglob("*") if p.is_file()}
    return sum(
        p.stat().st_size for p in release.rglob("*") if p.is_file() and p.stat().st_ino not in old
    ) / (1024 * 1024)


def measure_site(label: str, site: Path, work: Path) -> dict[str, object]:
    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    shutil.copytree(site, work / "copy")
    copy_s = time.perf_counter() - start
    shutil.rmtree(work / "copy")
    site_mb = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / (1024 * 1024)
    row: dict[str, object] = {"site": label, "site_mb": site_mb, "copy_s": copy_s}

    project, dest = _project(work, "standard"), work / "dest-standard"
    row["standard_s"] = _publish(project, site, dest)
    first = (dest / "current").resolve()
    row["standard"] = _sizes(first)
    row["again_s"] = _publish(project, site, dest)
    row["again_new_mb"] = _new_bytes((dest / "current").resolve(), first)

    text_mb = float(row["standard"]["text_mb"])  # type: ignore[index]
    if text_mb <= MAX_MODE_LIMIT_MB:
        project, dest = _project(work, "max"), work / "dest-max"
        row["max_s"] = _publish(project, site, dest)
        row["max"] = _sizes((dest / "current").resolve())
    return row


def run_publish_bench(
    site_dir: Path, reports: int, out_md: Path | None = None
) -> dict[str, object]:
    """Hook for ``benchmarks.run``: the generated site of ``reports`` reports."""
    with tempfile.TemporaryDirectory(prefix="zongjie-publish-bench-") as tmp:
        row = measure_site(f"生成站点（{reports} 份报告）", site_dir, Path(tmp))
    if out_md is not None:
        load = f"{os.getloadavg()[0]:.1f}"
        out_md.write_text(render([row], "python -m benchmarks.run", load), encoding="utf-8")
    return row


def render(rows: list[dict[str, object]], command: str, load: str = "") -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )  # fmt: skip
    return env.get_template("publish.md.j2").render(
        rows=rows, command=command, cpus=len(os.sched_getaffinity(0)), limit=MAX_MODE_LIMIT_MB,
        date=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), load=load,
    )  # fmt: skip


def _generated(reports: int, work: Path) -> Path:
    project = work / f"demo-{reports}"
    write_demo(project, units=max(1, reports // 2), campaigns=2, seed=1)
    subprocess.run(
        [sys.executable, "-m", "zongjie", "build", "-q"], cwd=project, check=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )  # fmt: skip
    return project / "site"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure zongjie publish.")
    parser.add_argument("--site", type=Path, help="a built site, e.g. the sample site/")
    parser.add_argument("--reports", type=int, default=0, help="also a generated site")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/publish.md"))
    args = parser.parse_args(argv)
    rows = []
    load = f"{os.getloadavg()[0]:.1f}"
    with tempfile.TemporaryDirectory(prefix="zongjie-publish-bench-") as tmp:
        work = Path(tmp)
        if args.site:
            rows.append(measure_site("示例站点（make site）", args.site.resolve(), work / "sample"))
        if args.reports:
            site = _generated(args.reports, work)
            rows.append(measure_site(f"生成站点（{args.reports} 份报告）", site, work / "gen"))
    command = "python -m benchmarks.publish " + " ".join(argv or sys.argv[1:])
    args.out.write_text(render(rows, command, load), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
