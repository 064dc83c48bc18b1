"""The page loop on both cores (``zongjie.site.page_workers``): a large site built in two
processes is the site built in one, and what the child logs counts as the parent's."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from support import cli, reapprove, tree_hash
from zongjie.demo import write_demo
from zongjie.site.page_workers import MIN_PAGES


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("large")
    write_demo(root, units=MIN_PAGES, campaigns=1, seed=5)
    return root


def build(project: Path, site: str, *args: str, split: bool = True) -> tuple[int, str]:
    env = dict(
        os.environ, SOURCE_DATE_EPOCH="1700000000", ZONGJIE_PAGE_WORKERS="2" if split else "1"
    )
    done = cli.run_zongjie("build", "-d", site, *args, cwd=project, env=env)
    return done.returncode, done.stdout + done.stderr


def test_two_processes_build_the_same_site_as_one(large: Path) -> None:
    pages = len(list((large / "docs").rglob("*.md")))
    assert pages >= MIN_PAGES  # large enough to be split (generated pages come on top)
    assert build(large, "one", split=False)[0] == 0
    code, out = build(large, "two")
    assert code == 0, out
    assert "页面分两个进程生成" in out
    assert tree_hash(large / "two") == tree_hash(large / "one")


def test_what_the_childs_pages_log_counts_for_strict(large: Path, tmp_path: Path) -> None:
    """Links to a missing heading on every report page: warned while pages are written (after
    the split), by both halves; the build names each page and fails under --strict."""
    config = large / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["validation"] = {"anchors": "warn"}
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    pages = sorted((large / "docs/campaigns/dangshi-2021").glob("u*.md"))[:6]
    try:
        for page in pages:
            page.write_text(page.read_text("utf-8") + "\n[见上](index.md#meiyou)\n", "utf-8")
        reapprove(large)  # approved as edited, so that the pages are published
        results = [build(large, f"strict-{n}", "--strict", split=n) for n in (False, True)]
    finally:
        for page in pages:
            page.write_text(
                page.read_text("utf-8").replace("\n[见上](index.md#meiyou)\n", ""), "utf-8"
            )
        reapprove(large)
    (one_code, one), (two_code, two) = results
    assert one_code != 0 and two_code != 0

    def named(out: str) -> set[str]:
        return set(
            re.findall(
                r"u\d{4}\.md", " ".join(line for line in out.splitlines() if "meiyou" in line)
            )
        )

    assert named(one) == named(two) == {p.name for p in pages}
    assert not (large / "strict-True").exists()
