"""Shared fixtures for the hardening tests: tiny valid projects, the sample site, a local server."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from zongjie.demo import write_demo

REPO = Path(__file__).resolve().parents[2]
ZONGJIE = [sys.executable, "-m", "zongjie"]
# The sample project: everything a build of the real site reads.
SAMPLE_PARTS = ("mkdocs.yml", "docs", "data", "overrides", "hooks", "src/zongjie")
EPOCH = "1700000000"


def run_zongjie(*args: str, cwd: Path, env: dict[str, str] | None = None,
                timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the ``zongjie`` CLI as a user would; returns the finished process (text output)."""
    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1",
                    SOURCE_DATE_EPOCH=EPOCH, **(env or {}))
    return subprocess.run([*ZONGJIE, *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.fixture(scope="session")
def tiny_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid two-report project (one campaign, two units), written once per worker."""
    root = tmp_path_factory.mktemp("tiny")
    write_demo(root, units=2, campaigns=1, seed=1)
    return root


@pytest.fixture
def tiny(tiny_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the tiny project that a test may break."""
    dest = tmp_path / "project"
    shutil.copytree(tiny_template, dest)
    return dest


def copy_sample(dest: Path) -> Path:
    """Copy the repository's own content and engine hooks (not .git, not site/)."""
    for part in SAMPLE_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site (the repository's content) built once per worker with ``zongjie build``."""
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    done = run_zongjie("build", "-q", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site_server(sample_site: Path) -> Iterator[str]:
    """Serve the sample site on 127.0.0.1 (like the intranet web server); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(sample_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
