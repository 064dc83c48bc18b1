"""The page loops on both cores (``zongjie.site.page_workers``): a large site read and
written in two processes is the site built in one, what the child logs counts as the parent's,
and the errors the pages hold are reported as one process reports them."""

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
    assert "页面分两个进程读取" in out and "页面分两个进程生成" in out
    assert tree_hash(large / "two") == tree_hash(large / "one")


def test_what_the_childs_pages_log_counts_for_strict(large: Path, tmp_path: Path) -> None:
    """Links to a missing heading (warned while pages are written) and to a missing page
    (warned while they are read) on six report pages, which both halves of each loop hold: the
    build names each page for each link and fails under --strict."""
    config = large / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["validation"] = {"anchors": "warn"}
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    pages = sorted((large / "docs/campaigns/dangshi-2021").glob("u*.md"))[:6]
    try:
        for page in pages:
            page.write_text(page.read_text("utf-8") + BROKEN, "utf-8")
        reapprove(large)  # approved as edited, so that the pages are published
        results = [build(large, f"strict-{n}", "--strict", split=n) for n in (False, True)]
    finally:
        for page in pages:
            page.write_text(page.read_text("utf-8").replace(BROKEN, ""), "utf-8")
        reapprove(large)
    (one_code, one), (two_code, two) = results
    assert one_code != 0 and two_code != 0

    def named(out: str, link: str) -> set[str]:
        lines = " ".join(line for line in out.splitlines() if link in line)
        return set(re.findall(r"u\d{4}\.md", lines))

    for link in ("meiyou", "bucunzai.md"):
        assert named(one, link) == named(two, link) == {p.name for p in pages}, link
    assert not (large / "strict-True").exists()


BROKEN = "\n[见上](index.md#meiyou)\n\n[另见](bucunzai.md)\n"
NEAR_MISS = "\n<!- zj:activities -->\n"


def test_errors_the_pages_hold_are_listed_as_one_process_lists_them(large: Path) -> None:
    """A mistyped marker on pages of both halves of the reading: the build fails with the same
    list of errors, in the same order, and leaves no site."""
    pages = sorted((large / "docs/campaigns/dangshi-2021").glob("u*.md"))[:5]
    try:
        for page in pages:
            page.write_text(page.read_text("utf-8") + NEAR_MISS, "utf-8")
        reapprove(large)
        results = [build(large, f"bad-{n}", split=n) for n in (False, True)]
    finally:
        for page in pages:
            page.write_text(page.read_text("utf-8").replace(NEAR_MISS, ""), "utf-8")
        reapprove(large)
    (one_code, one), (two_code, two) = results

    def errors(out: str) -> list[str]:
        return [line for line in out.splitlines() if re.search(r"u\d{4}\.md:\d+", line)]

    assert one_code != 0 and two_code != 0
    assert len(errors(one)) >= len(pages)
    assert {p.name for p in pages} <= set(re.findall(r"u\d{4}\.md", " ".join(errors(one))))
    assert errors(two) == errors(one)
    assert not (large / "bad-True").exists()
