"""A copy of the sample project's data and narratives, and helpers to fill in workbooks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import SEED_FILES
from zongjie.data.content import Content
from zongjie.rules import load_project

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sample_content() -> Content:
    content = load_project(REPO)
    assert not content.log.errors
    return content


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The sample project's data/ and docs/ (all its reports) in a folder a test may change."""
    root = tmp_path / "project"
    for part in ("data", "docs"):
        shutil.copytree(REPO / part, root / part)
    (root / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    return root


@pytest.fixture
def seed_project(tmp_path: Path) -> Path:
    """Only the seed report (市文联, 2021) and the catalogues: quick to load for each bad case."""
    root = tmp_path / "seed"
    for rel in (*SEED_FILES, "docs/campaigns/dangshi-2021/index.md"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, root / rel)
    (root / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    return root


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes: to prove an import wrote nothing."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
