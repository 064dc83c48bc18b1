"""Which units are expected: a unit registered after a campaign ended, or excluded from it, is
never 未报送 there — not in ``stats``, not in the campaign page's 尚未报送."""

from __future__ import annotations

import re
from pathlib import Path

from tests.deadlines.conftest import CAMPAIGN

from zongjie import rules
from zongjie.demo import write_demo


def test_stats_leaves_out_a_unit_registered_later(project: Path, zj) -> None:
    first = run = zj("stats", "--campaign", CAMPAIGN, "-C", project)
    assert run.code == 0, run.err
    missing = next(ln for ln in run.out.splitlines() if "未报送（" in ln)
    assert "乙县财政" in missing and "乙县" in missing
    assert "乙县新区" not in missing  # since: 2022-06-01, after the campaign ended
    campaign = project / "data/campaigns" / f"{CAMPAIGN}.yml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + "exclude: [u0004]\n", "utf-8")
    run = zj("stats", "--campaign", CAMPAIGN, "-C", project)
    missing = next(ln for ln in run.out.splitlines() if "未报送（" in ln)
    assert "乙县财政" not in missing
    # "已审定 m/n": n counts the units expected, as the 未报送 list does.
    before = int(re.search(r"已审定 \d+/(\d+) 个单位", first.out)[1])
    after = int(re.search(r"已审定 \d+/(\d+) 个单位", run.out)[1])
    assert after == before - 1


def test_a_later_unit_is_not_missing_from_an_earlier_campaign(tmp_path: Path) -> None:
    write_demo(tmp_path, units=3, campaigns=2, seed=7)
    (tmp_path / "data/reports/dangshi-2021/u0002.yml").unlink()
    (tmp_path / "docs/campaigns/dangshi-2021/u0002.md").unlink()
    content = rules.load_project(tmp_path)
    assert [u.id for u in content.missing_reports("dangshi-2021")] == ["u0002"]
    units = tmp_path / "data/units.yml"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("- id: u0002\n", "- id: u0002\n  since: 2022-02-01\n"), "utf-8")
    content = rules.load_project(tmp_path)
    assert not content.log.errors
    assert content.units["u0002"].since is not None
    assert content.missing_reports("dangshi-2021") == []
