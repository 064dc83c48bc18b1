"""Shared fixtures: tiny real projects in tmp_path, built with the real hooks."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"
SEED_FILES = [
    "data/units.yml",
    "data/resources.yml",
    "data/campaigns/dangshi-2021.yml",
    "data/reports/dangshi-2021/shi-wenlian.yml",
    "docs/campaigns/dangshi-2021/shi-wenlian.md",
]
TEST_UNIT = {"id": "ceshi-ju", "name": "市测试局", "short_name": "测试局", "kind": "机关"}

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """The seed report plus one more unit, with the repository's hooks and templates."""
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    for rel in SEED_FILES:
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, project / rel)
    units_file = project / "data/units.yml"
    units = yaml.safe_load(units_file.read_text(encoding="utf-8"))
    units["units"] = [u for u in units["units"] if u["id"] == "shi-wenlian"] + [TEST_UNIT]
    units_file.write_text(yaml.safe_dump(units, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "hooks").mkdir()
    shutil.copy(ROOT / "hooks/zongjie_hooks.py", project / "hooks/zongjie_hooks.py")
    return project


@pytest.fixture
def build(tmp_path: Path) -> Callable[..., Path]:
    """Build a project atomically into ``project/site``; returns the site folder."""
    from zongjie.publish import build_site

    def run(project: Path, strict: bool = True) -> Path:
        return build_site(project / "mkdocs.yml", site_dir=project / "site", strict=strict)

    return run


def edit_yaml(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
