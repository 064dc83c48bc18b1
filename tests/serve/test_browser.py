"""The real ``serve`` in Debian's Chromium: a failed rebuild shows its problems in the page, and
the page turns back into the real one by itself once the files are fixed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support import ROOT
from zongjie import framework

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPORT = "data/reports/dangshi-2021/ceshi-ju.yml"
HOME = "docs/index.md"
PAGE = "/campaigns/dangshi-2021/ceshi-ju/"
WAIT = 90_000  # ms: a rebuild takes seconds, but the machine is shared


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Serve:
    """``make serve``'s command (``<framework> serve --livereload --dirty``) on a free port."""

    def __init__(self, project: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = project.parent / "serve.log"
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
            "NO_MKDOCS_2_WARNING": "1",
        }
        with self.log.open("wb") as out:
            # `make serve`'s options, and the framework in use (mkdocs or properdocs).
            command = ["serve", "--livereload", "--dirty", "-a", f"127.0.0.1:{self.port}"]
            self.process = subprocess.Popen(
                [sys.executable, "-m", framework.NAME, *command, "-f", str(project / "mkdocs.yml")],
                cwd=project,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited:\n{self.output()}")
            try:
                with urllib.request.urlopen(self.base + PAGE, timeout=10) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"serve did not start:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # as Ctrl+C: serve removes its temp folder
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)


@pytest.fixture
def server(mini_project: Path) -> Iterator[Serve]:
    serve = Serve(mini_project)
    try:
        serve.wait_ready()
        yield serve
    finally:
        serve.stop()


@pytest.fixture
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _text_has(page: Any, texts: list[str], absent: str = "") -> None:
    page.wait_for_function(
        """([texts, absent]) => document.body !== null
            && texts.every(t => document.body.innerText.includes(t))
            && !(absent && document.body.innerText.includes(absent))""",
        arg=[texts, absent],
        timeout=WAIT,
        polling=250,
    )


def test_a_failed_rebuild_is_shown_in_the_page_until_it_is_fixed(
    server: Serve, browser: Any, mini_project: Path
) -> None:
    report, home = mini_project / REPORT, mini_project / HOME
    good_report, good_home = report.read_text("utf-8"), home.read_text("utf-8")
    assert "count: 4" in good_report.splitlines()[8]  # line 9
    context = browser.new_context()
    page = context.new_page()
    elsewhere: list[str] = []
    loads: list[str] = []
    local = (server.base + "/", "data:")
    page.on("request", lambda r: None if r.url.startswith(local) else elsewhere.append(r.url))
    page.on("load", lambda loaded: loads.append(loaded.url))
    try:
        page.goto(server.base + PAGE)
        _text_has(page, ["市测试局"])
        page.wait_for_timeout(1000)  # the live-reload poll is waiting on the server

        # A bad value in the report's data and a mistyped marker on another page: both listed.
        # The value quotes HTML: the page shows it as text and loads nothing.
        bad = "count: '四<img src=\"http://198.51.100.7/x.png\">'"
        report.write_text(good_report.replace("count: 4", bad, 1), "utf-8")
        home.write_text(good_home + "\n共<!-- zj:vaule dangzu -->次。\n", "utf-8")
        try:
            _text_has(
                page,
                [
                    "网站生成失败",
                    f"{REPORT}:9:5",
                    "activities[0].count",
                    "应为整数（实际为：四<img",
                    "提示：数字不要加引号",
                    f"{HOME}:5:1",
                    "未知的标记“zj:vaule”",
                    "另有 1 条警告",  # the HTML in a data value, logged as a warning
                ],
            )
        except Exception as error:
            raise AssertionError(f"no error page:\n{server.output()}") from error
        assert page.url == server.base + PAGE  # the same address, now showing the problems
        assert page.eval_on_selector_all("img, script[src], link", "els => els.length") == 0

        report.write_text(good_report, "utf-8")
        home.write_text(good_home, "utf-8")
        try:
            _text_has(page, ["市测试局", "党组会议"], absent="网站生成失败")
        except Exception as error:
            raise AssertionError(f"the page did not recover:\n{server.output()}") from error
        assert page.url == server.base + PAGE
        assert len(loads) >= 3  # opened once; reloaded by the server's script, not by the test
        assert elsewhere == []  # no request to any other host
    finally:
        context.close()
