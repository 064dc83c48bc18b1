"""Atomic publish: a failed build leaves the previously published site byte-for-byte unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_zongjie
from .sitefiles import tree_hashes

REPORT = "data/reports/dangshi-2021/u0000.yml"
PAGE = "docs/campaigns/dangshi-2021/u0000.md"


def _break_yaml(root: Path) -> None:  # fails while loading data (on_config)
    path = root / REPORT
    path.write_text(path.read_text(encoding="utf-8").replace("count: 2", "count: 两次", 1), "utf-8")


def _break_marker(root: Path) -> None:  # fails after every page was read (on_env)
    path = root / PAGE
    path.write_text(path.read_text(encoding="utf-8") + "\n<!-- zj:nosuch -->\n", "utf-8")


def _break_strict(root: Path) -> None:  # only a warning: --strict fails after MkDocs wrote pages
    (root / "docs/orphan-link.md").write_text(
        "# 孤立页面\n\n[失效链接](no-such-page.md)\n", "utf-8"
    )


@pytest.mark.parametrize(
    "breakage",
    [_break_yaml, _break_marker, _break_strict],
    ids=["data", "marker", "strict-warning"],
)
def test_failed_build_keeps_previous_site(tiny: Path, breakage) -> None:
    first = run_zongjie("build", "-q", cwd=tiny)
    assert first.returncode == 0, first.stderr
    site = tiny / "site"
    before = tree_hashes(site)
    assert "index.html" in before and len(before) > 20

    breakage(tiny)
    failed = run_zongjie("build", "-q", "--strict", cwd=tiny)
    assert failed.returncode != 0, failed.stdout + failed.stderr

    assert tree_hashes(site) == before, "the published site changed after a failed build"
    leftovers = [p.name for p in tiny.iterdir() if p.name.startswith(".site-")]
    assert leftovers == [], f"staging folders left behind: {leftovers}"


def test_successful_build_replaces_site(tiny: Path) -> None:
    assert run_zongjie("build", "-q", cwd=tiny).returncode == 0
    stale = tiny / "site" / "stale.txt"
    stale.write_text("from an older build", encoding="utf-8")
    assert run_zongjie("build", "-q", cwd=tiny).returncode == 0
    assert not stale.exists(), "a new build must replace the whole site, not merge into it"
    assert (tiny / "site" / "index.html").exists()
