"""A 内部 report counts in the restricted tree's subtotals only, at every level."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from zongjie.data.report_yaml import set_fields
from zongjie.demo import write_demo
from zongjie.rules import load_project

CAMPAIGN = "dangshi-2021"


def zongjie(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zongjie", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "GIT_CONFIG_GLOBAL": "/dev/null"},
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("tree-nb")
    write_demo(root, units=60, campaigns=1, seed=5)
    content = load_project(root)
    secret = next(r for r in content.campaigns[CAMPAIGN].reports_in_order()
                  if content.tree.nodes[r.unit_id].parent == "c01-x01")  # fmt: skip
    data = root / secret.doc.path
    data.write_text(
        set_fields(data.read_text(encoding="utf-8"), {"visibility": "内部"}),
        encoding="utf-8",
    )
    done = zongjie(root, "approve", f"{CAMPAIGN}/{secret.unit_id}", "--by", "审核人")
    assert done.returncode == 0, done.stdout + done.stderr
    done = zongjie(root, "build", "--strict", "-q")
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site", secret.unit_id


def _total(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    foot = re.search(r'data-zj="overview".*?<tfoot>(.*?)</tfoot>', text, re.DOTALL)
    assert foot is not None, page
    return re.sub(r"<[^>]+>", "", foot[1]).split("合计")[1].split("）")[0]


@pytest.mark.parametrize(
    "page", [f"campaigns/{CAMPAIGN}/index.html", f"campaigns/{CAMPAIGN}/zuzhi/c01/index.html",
             f"campaigns/{CAMPAIGN}/zuzhi/c01-x01/index.html"],
)  # fmt: skip
def test_no_public_subtotal_counts_it(built: tuple[Path, str], page: str) -> None:
    site, _ = built
    public, inner = _total(site / page), _total(site / "nb" / page)
    count = int(re.search(r"\d+", public)[0])  # type: ignore[index]
    assert int(re.search(r"\d+", inner)[0]) == count + 1  # type: ignore[index]


def test_its_unit_has_no_public_page(built: tuple[Path, str]) -> None:
    site, unit = built
    assert not (site / "danwei" / unit).exists()
    assert (site / "nb" / "danwei" / unit / "index.html").is_file()
    county = (site / f"campaigns/{CAMPAIGN}/zuzhi/c01-x01/index.html").read_text(encoding="utf-8")
    assert f"/{unit}/" not in county
