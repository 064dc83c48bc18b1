"""Shared fixtures for the hardening tests: tiny valid projects, the sample site, a local server."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import QuietHandler, cli, copy_sample, serve
from zongjie.demo import write_demo

REPO = Path(__file__).resolve().parents[2]
EPOCH = "1700000000"


def run_zongjie(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the ``zongjie`` CLI as a user would; returns the finished process (text output)."""
    full_env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        PYTHONDONTWRITEBYTECODE="1",
        SOURCE_DATE_EPOCH=EPOCH,
        **(env or {}),
    )
    return cli.run_zongjie(*args, cwd=cwd, env=full_env, timeout=timeout)


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


@pytest.fixture(scope="session")
def sample_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The sample site (the repository's content) built once per worker with ``zongjie build
    --strict``; if only warnings stop it, built again without --strict so other checks still run.
    Returns the site folder and the strict build's process."""
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    engine = {"PYTHONPATH": str(root / "src")}  # the copied engine, matching the copied hooks
    strict = run_zongjie("build", "-q", "--strict", cwd=root, env=engine)
    if strict.returncode != 0:
        done = run_zongjie("build", "-q", cwd=root, env=engine)
        assert done.returncode == 0, done.stdout + done.stderr
    return root / "site", strict


@pytest.fixture(scope="session")
def sample_site(sample_build: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return sample_build[0]


class _SiteHandler(QuietHandler):
    """Static files, and the site's own 404.html for missing paths (as nginx is configured)."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def site_server(sample_site: Path) -> Iterator[str]:
    """Serve the sample site on 127.0.0.1 (like the intranet web server); yields the base URL."""
    with serve(sample_site, _SiteHandler) as base:
        yield base + "/"
