"""The test project built once per session with the PDF hook into a private cache."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .pdf_support import Built, build, make_project


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    base = tmp_path_factory.mktemp("pdf")
    project = make_project(base / "project")
    cache = base / "cache"
    site = build(project, cache)
    yield Built(project, site, cache)
