"""Measure live-preview latency: from saving a report to the new page being served.

Runs ``mkdocs serve --dirty`` (what ``make serve`` runs) on a copy of the sample
site and on a generated 1,000-report site, edits one report's Markdown and then
its YAML, and polls the served page until the edit shows up. That is when the
livereload script in the open browser reloads the page, so it is the latency
an editor sees. Results go into a Markdown table (benchmarks/preview.md).

    python -m benchmarks.preview --out benchmarks/preview.md
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import jinja2

from zongjie.demo import PROJECT_ROOT, write_demo

SAMPLE_REPORT = ("dangshi-2021", "shi-wenlian")
TARGETS = {"sample": 3.0, "sample-nopdf": 3.0, "generated": 5.0}
PDF_HOOK = "hooks/zongjie_pdf.py"


def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("preview.md.j2")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, needle: str, timeout: float, interval: float = 0.05) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = _fetch(url)
        if body is not None and needle in body:
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def copy_sample(dest: Path) -> Path:
    """The project's site (config, docs, data, templates, hooks) in a scratch folder."""
    for name in ("docs", "data", "overrides", "hooks"):
        shutil.copytree(
            PROJECT_ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy2(PROJECT_ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "src").mkdir()
    (dest / "src" / "zongjie").symlink_to(PROJECT_ROOT / "src" / "zongjie")  # listed under watch:
    return dest


def measure_site(
    root: Path, campaign: str, unit: str, trials: int = 3, startup_timeout: float = 900.0
) -> dict[str, object]:
    """Serve ``root`` with --dirty, edit one report ``trials`` times (Markdown, then YAML)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/campaigns/{campaign}/{unit}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    log_path = root.parent / f"{root.name}-serve.log"
    log_file = log_path.open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dirty",
            "--livereload",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(root / "mkdocs.yml"),
        ],
        cwd=root,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    result: dict[str, list[float | None]] = {"markdown": [], "data": []}
    md = root / "docs" / "campaigns" / campaign / f"{unit}.md"
    yml = root / "data" / "reports" / campaign / f"{unit}.yml"
    try:
        t0 = time.perf_counter()
        if _wait_for(url, "</html>", startup_timeout, interval=0.5) is None:
            raise RuntimeError(f"预览服务器未能启动：{url}")
        startup = time.perf_counter() - t0
        time.sleep(1.0)
        original_md, original_yml = md.read_text(encoding="utf-8"), yml.read_text(encoding="utf-8")
        for i in range(trials):
            token = f"ZJBENCH{i}X{int(time.time() * 1000)}"
            md.write_text(original_md + f"\n\n预览测试 {token}\n", encoding="utf-8")
            result["markdown"].append(_wait_for(url, token, 60))
            time.sleep(1.0)
            token = f"ZJBENCHDATA{i}X{int(time.time() * 1000)}"
            text = re.sub(r"^signed_by:.*$", "", original_yml, flags=re.MULTILINE).rstrip("\n")
            yml.write_text(text + f"\nsigned_by: 落款{token}\n", encoding="utf-8")
            result["data"].append(_wait_for(url, token, 60))
            time.sleep(1.0)
        md.write_text(original_md, encoding="utf-8")
        yml.write_text(original_yml, encoding="utf-8")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log_file.close()
    if any(v is None for values in result.values() for v in values):
        tail = log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        print("预览服务器日志（末尾）：\n" + "\n".join(tail), file=sys.stderr)
    reports = sum(1 for _ in (root / "data" / "reports").glob("*/*.yml"))
    return {
        "reports": reports,
        "startup": round(startup, 1),
        **{
            kind: [None if v is None else round(v, 2) for v in values]
            for kind, values in result.items()
        },
    }


def run_preview_bench(out_md: Path, trials: int = 3, units: int = 500, campaigns: int = 2) -> dict:
    """Measure the sample site and a generated ``units``×``campaigns`` site; write the table."""
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="zj-preview-") as tmp:
        sample = copy_sample(Path(tmp) / "sample")
        results["sample"] = measure_site(sample, *SAMPLE_REPORT, trials=trials)
        config = (sample / "mkdocs.yml").read_text(encoding="utf-8")
        if (
            PDF_HOOK in config
        ):  # how much of the latency is PDF rendering (not in the generated site)
            (sample / "mkdocs.yml").write_text(
                "\n".join(line for line in config.splitlines() if PDF_HOOK not in line) + "\n",
                encoding="utf-8",
            )
            results["sample-nopdf"] = measure_site(sample, *SAMPLE_REPORT, trials=trials)
        generated = Path(tmp) / "generated"
        write_demo(generated, units=units, campaigns=campaigns, seed=1)
        campaign = min(p.name for p in (generated / "data" / "reports").iterdir())
        results["generated"] = measure_site(generated, campaign, "u0000", trials=trials)
    rows = []
    for name, r in results.items():
        for kind in ("markdown", "data"):
            values = [v for v in r[kind] if v is not None]  # type: ignore[union-attr]
            rows.append(
                {
                    "site": name,
                    "reports": r["reports"],
                    "kind": kind,
                    "startup": r["startup"],
                    "values": r[kind],
                    "median": round(statistics.median(values), 2) if values else None,
                    "max": max(values) if values else None,
                    "target": TARGETS[name],
                    "ok": bool(values)
                    and len(values) == len(r[kind])
                    and max(values) <= TARGETS[name],  # type: ignore[arg-type]
                }
            )
    out_md.parent.mkdir(parents=True, exist_ok=True)
    out_md.write_text(
        _template().render(
            rows=rows,
            cpus=os.cpu_count(),
            trials=trials,
            command=f"python -m benchmarks.preview --out {out_md.as_posix()}",
        ),
        encoding="utf-8",
    )
    return {"rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.preview", description="测量实时预览的刷新延迟"
    )
    parser.add_argument(
        "--out", type=Path, default=Path("benchmarks/preview.md"), help="结果表格（Markdown）"
    )
    parser.add_argument("--trials", type=int, default=3, help="每种修改的测量次数")
    parser.add_argument(
        "--units", type=int, default=500, help="生成站点的单位数（× 活动数 = 报告数）"
    )
    parser.add_argument("--campaigns", type=int, default=2, help="生成站点的活动数")
    args = parser.parse_args(argv)
    summary = run_preview_bench(args.out, args.trials, args.units, args.campaigns)
    for row in summary["rows"]:
        print(
            f"{row['site']:9} {row['reports']:5} 份报告  修改{row['kind']:8}  "
            f"中位 {row['median']} s  "
            f"最大 {row['max']} s  目标 ≤ {row['target']} s  {'达标' if row['ok'] else '未达标'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
