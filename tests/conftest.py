"""Shared fixtures: tiny real projects in tmp_path, built with the real hooks."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import zongjie.framework  # noqa: F401 - on a properdocs-only install, makes mkdocs.* importable
from support import ROOT, make_mini_project  # noqa: F401 - ROOT is imported by test modules

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
if "ZONGJIE_DATA_CACHE" not in os.environ:
    # The builds of one test run share a parse cache of their own, never the user's.
    _cache = tempfile.mkdtemp(prefix="zongjie-data-cache-")
    os.environ["ZONGJIE_DATA_CACHE"] = _cache
    atexit.register(shutil.rmtree, _cache, ignore_errors=True)


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """The seed report plus one more unit, with the repository's hooks and templates."""
    return make_mini_project(tmp_path / "project")


@pytest.fixture
def build(tmp_path: Path) -> Callable[..., Path]:
    """Build a project atomically into ``project/site``; returns the site folder."""
    from zongjie.review.publication import Audience
    from zongjie.site.atomic_build import build_site

    def run(project: Path, strict: bool = True, audience: Audience | None = None) -> Path:
        return build_site(
            project / "mkdocs.yml", site_dir=project / "site", strict=strict, audience=audience
        )

    return run


def edit_yaml(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
