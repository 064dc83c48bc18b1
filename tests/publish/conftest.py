"""Fixtures of the publish tests: the two sites built once per worker, real nginx servers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .publish_support import (
    HTPASSWD,
    NGINX,
    Nginx,
    Sites,
    free_port,
    make_htpasswd,
    make_sites,
    publisher_project,
    zongjie,
)


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    return make_sites(tmp_path_factory.mktemp("publish-sites"))


@pytest.fixture(scope="session")
def htpasswd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not Path(HTPASSWD).exists():
        pytest.skip("apache2-utils is not installed (make debs-test)")
    return make_htpasswd(tmp_path_factory.mktemp("auth") / "zongjie.htpasswd")


def _need_nginx() -> None:
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (make debs-test)")


@dataclass
class Served:
    project: Path
    dest: Path
    nginx: Nginx

    @property
    def url(self) -> str:
        return self.nginx.url


@pytest.fixture(scope="module")
def served(
    sites: Sites, htpasswd: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """The combined site published with ``zongjie publish --site`` and served by nginx."""
    _need_nginx()
    base = tmp_path_factory.mktemp("served")
    port = free_port()
    project = publisher_project(
        sites, base / "project", listen=f"127.0.0.1:{port}", htpasswd=str(htpasswd)
    )
    dest = base / "dest"
    done = zongjie("publish", "--dest", str(dest), "--site", str(sites.combined), cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    server = Nginx(base / "nginx", dest, port).start()
    try:
        yield Served(project, dest, server)
    finally:
        server.stop()


@pytest.fixture
def nginx_for(tmp_path: Path) -> Iterator[Callable[[Path, int], Nginx]]:
    """Start a real nginx serving a publish destination; stopped after the test."""
    _need_nginx()
    started: list[Nginx] = []

    def start(dest: Path, port: int) -> Nginx:
        server = Nginx(tmp_path / f"nginx-{len(started)}", dest, port).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
