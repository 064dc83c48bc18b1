"""内部 reports: their own tree under the restricted prefix, not a sentence in the public one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from zongjie.data.report_yaml import set_fields

from .conftest import CAMPAIGN, site_texts, squeeze, zongjie

SECRET = "内部报告独有的句子：三号库房的清点结果另行报送。"


@pytest.fixture(scope="module")
def restricted_build(review_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """u0000 approved and public; u0001 approved and 内部 (with a secret sentence)."""
    root = tmp_path_factory.mktemp("restricted") / "project"
    shutil.copytree(review_template, root, ignore=shutil.ignore_patterns("site"))
    page = root / "docs/campaigns" / CAMPAIGN / "u0001.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{SECRET}\n", encoding="utf-8")
    data = root / "data/reports" / CAMPAIGN / "u0001.yml"
    data.write_text(
        set_fields(data.read_text(encoding="utf-8"), {"visibility": "内部"}), encoding="utf-8"
    )
    done = zongjie(root, "approve", f"{CAMPAIGN}/u0001", "--by", "审核人乙")
    assert done.returncode == 0, done.stdout + done.stderr
    done = zongjie(root, "build", "--strict", "-q")
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def totals(html: str) -> list[str]:
    foot = re.search(r"<tfoot>(.*?)</tfoot>", html, re.DOTALL)
    assert foot is not None
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", foot[1])]


def test_secret_is_only_under_the_prefix(restricted_build: Path) -> None:
    texts = site_texts(restricted_build)
    secret = squeeze(SECRET)
    leaked = [n for n, t in texts.items() if secret in t and not n.startswith("nb/")]
    assert leaked == []
    inside = {n for n, t in texts.items() if secret in t}
    assert f"nb/campaigns/{CAMPAIGN}/u0001/index.html" in inside
    assert f"nb/pdf/{CAMPAIGN}/u0001.pdf" in inside
    assert any(n.startswith("nb/search/") for n in inside)
    assert not (restricted_build / f"campaigns/{CAMPAIGN}/u0001").exists()


def test_public_and_restricted_overviews(restricted_build: Path) -> None:
    public = (restricted_build / f"campaigns/{CAMPAIGN}/index.html").read_text(encoding="utf-8")
    inner = (restricted_build / f"nb/campaigns/{CAMPAIGN}/index.html").read_text(encoding="utf-8")
    assert "合计（1 个单位）" in public and "合计（2 个单位）" in inner
    # As if the 内部 report did not exist: its unit reported nowhere else, so it is in no list.
    assert "仅限内部" not in public and "尚未报送" not in public and "u0001" not in public
    pub, nb = totals(public), totals(inner)
    assert pub != nb and all(int(a) <= int(b) for a, b in zip(pub[:-1], nb[:-1], strict=True))
    # The public tree never points into the restricted one.
    assert not any(
        "nb/" in t
        for n, t in site_texts(restricted_build).items()
        if not n.startswith("nb/") and n.endswith(".html")
    )
