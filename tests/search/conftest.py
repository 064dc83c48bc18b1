"""Fixtures for the search tests: a small generated project built with the real hooks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support import serve
from zongjie.demo import write_demo
from zongjie.site.atomic_build import build_site


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six units × two campaigns from ``zongjie demo``, built once per test worker."""
    project = tmp_path_factory.mktemp("search-demo")
    write_demo(project, units=6, campaigns=2, seed=3)
    return build_site(project / "mkdocs.yml", site_dir=project / "site")


@pytest.fixture(scope="session")
def demo_server(demo_site: Path) -> Iterator[str]:
    with serve(demo_site) as base:
        yield base
