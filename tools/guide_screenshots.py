"""Screenshots of the real site for the editors' guide (docs/guide/img/).

Builds the site into a temporary folder, serves it locally and photographs it
with headless Chromium (Playwright); the ``zongjie check`` screenshot shows the
real output of a check on a copy of the project with typical mistakes in it.

    python -m tools.guide_screenshots [--out docs/guide/img]
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from zongjie.demo import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTH = 1000
REPORT = "campaigns/dangshi-2021/shi-wenlian/"

# (file name, page, CSS selector to photograph or None for the viewport, viewport height)
SHOTS = [
    ("report-page.png", REPORT, None, 700),
    ("page-history.png", REPORT, ".zj-report-header", 700),
    ("report-tables.png", REPORT, 'table[data-zj="activities"]', 900),
    ("campaign-overview.png", "campaigns/dangshi-2021/", 'table[data-zj="overview"]', 900),
]


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _optimise(path: Path) -> None:
    """Quantise to a palette PNG when Pillow is available (screenshots are flat colours)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
        small.save(path, optimize=True)


def _check_output(tmp: Path) -> str:
    """Real ``zongjie check`` output on a copy of the project with three typical mistakes."""
    copy = tmp / "broken"
    for name in ("docs", "data"):
        shutil.copytree(PROJECT_ROOT / name, copy / name)
    yml = copy / "data/reports/dangshi-2021/shi-jiaoyuju.yml"
    yml.write_text(
        yml.read_text(encoding="utf-8").replace("count: 5\n", "count: 五\n", 1), encoding="utf-8"
    )
    md = copy / "docs/campaigns/dangshi-2021/shi-wenlian.md"
    md.write_text(
        md.read_text(encoding="utf-8").replace("<!-- zj:summary -->", "<!-- zj:sumary -->")
        + "\n截止目前，共开展“我为群众办实事”活动9次。\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "zongjie", "check", "-C", str(copy)],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return f"$ zongjie check\n{proc.stdout}{proc.stderr}"


def take_screenshots(out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="zj-shots-") as tmp_name:
        tmp = Path(tmp_name)
        site = tmp / "site"
        subprocess.run(
            [sys.executable, "-m", "zongjie", "build", "-q", "-d", str(site)],
            check=True,
            cwd=PROJECT_ROOT,
            capture_output=True,
        )
        server, base = _serve(site)
        terminal = tmp / "check.html"
        terminal.write_text(
            "<meta charset=utf-8><body style='margin:0;background:#1e1e1e'><pre style='margin:0;"
            'padding:16px;color:#ddd;font:14px/1.5 "Noto Sans Mono CJK SC",monospace;'
            "white-space:pre-wrap'>" + html.escape(_check_output(tmp)) + "</pre>",
            encoding="utf-8",
        )
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for name, page_path, selector, height in SHOTS:
                    page = browser.new_page(viewport={"width": WIDTH, "height": height})
                    page.goto(base + page_path, wait_until="load")
                    target = out / name
                    element = page.query_selector(selector) if selector else None
                    if element is not None:
                        element.screenshot(path=str(target))
                    else:
                        page.screenshot(path=str(target))
                    page.close()
                    written.append(target)
                page = browser.new_page(viewport={"width": WIDTH, "height": 400})
                page.goto(terminal.as_uri())
                page.query_selector("pre").screenshot(path=str(out / "check-output.png"))  # type: ignore[union-attr]
                written.append(out / "check-output.png")
                browser.close()
        finally:
            server.shutdown()
    for path in written:
        _optimise(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.guide_screenshots", description="为写作指南截图"
    )
    parser.add_argument(
        "--out", type=Path, default=PROJECT_ROOT / "docs/guide/img", help="输出目录"
    )
    args = parser.parse_args(argv)
    for path in take_screenshots(args.out):
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
