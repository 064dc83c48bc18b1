"""Fixtures for the search tests: a small generated project built with the real hooks."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from zongjie.demo import write_demo
from zongjie.publish import build_site


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six units × two campaigns from ``zongjie demo``, built once per test worker."""
    project = tmp_path_factory.mktemp("search-demo")
    write_demo(project, units=6, campaigns=2, seed=3)
    return build_site(project / "mkdocs.yml", site_dir=project / "site")


@pytest.fixture(scope="session")
def demo_server(demo_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(demo_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass
