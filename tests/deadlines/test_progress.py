"""报送进度 with a fixed clock: counts per organisation, late units most overdue first, and a
unit registered after the campaign ended left out."""

from __future__ import annotations

import json
from pathlib import Path

from tests.deadlines.conftest import CAMPAIGN, TODAY

LATE = [
    ("xian-b", "未报送", 21),  # a 县区 itself: due on its level's date, 2021-12-20
    ("u0004", "未报送", 10),
    ("u0002", "退回", 10),
    ("u0003", "草稿", 10),
]


def _progress(zj, project: Path, *args: str) -> dict:
    run = zj(
        "review", "--progress", "--format", "json", "--today", str(TODAY), *args, "-C", project
    )
    assert run.code == 0, run.err
    (campaign,) = json.loads(run.out)["campaigns"]
    assert campaign["id"] == CAMPAIGN
    return campaign


def test_late_units_most_overdue_first(project: Path, zj) -> None:
    found = _progress(zj, project)
    assert [(u["unit"], u["status"], u["days_overdue"]) for u in found["outstanding"]] == LATE
    top, *below = found["rows"]
    assert top["counts"] == {"已审定": 1, "待审": 1, "退回": 1, "草稿": 1, "未报送": 2}
    assert (top["late"], top["most_overdue"]) == (4, 21)
    # 乙县 is the more urgent of the two 县区: it comes first.
    assert [(r["id"], r["counts"]["未报送"], r["most_overdue"]) for r in below] == [
        ("xian-b", 2, 21),
        ("xian-a", 0, 10),
    ]
    # Registered after the campaign ended: neither counted nor reminded.
    assert "u0005" not in json.dumps(found)


def test_before_the_deadline_nothing_is_late(project: Path, zj) -> None:
    run = zj("review", "--progress", "--format", "json", "--today", "2021-12-15", "-C", project)
    (found,) = json.loads(run.out)["campaigns"]
    assert [u["days_overdue"] for u in found["outstanding"]] == [None] * 4
    assert found["rows"][0]["late"] == 0


def test_org_picks_a_subtree(project: Path, zj) -> None:
    found = _progress(zj, project, "--org", "xian-a")
    assert [u["unit"] for u in found["outstanding"]] == ["u0002"]
    assert found["rows"][0]["counts"]["已审定"] == 1
    unknown = zj("review", "--progress", "--org", "xian-c", "-C", project)
    assert unknown.code == 1 and "未知的组织 id" in unknown.err


def test_text_of_review_and_stats(project: Path, zj) -> None:
    for verb in ("review", "stats"):
        run = zj(verb, "--progress", "--today", str(TODAY), "-C", project)
        assert run.code == 0, run.err
        assert "报送截止 2021-12-31；县区 2021-12-20" in run.out
        assert "4 个单位，最多 21 天" in run.out
        lines = [ln.strip() for ln in run.out.splitlines() if "逾期" in ln and "）" in ln]
        assert lines[0].startswith("乙县委（xian-b） 未报送  逾期 21 天")
        assert "乙新区" not in run.out and "u0005" not in run.out


def test_exclude_takes_a_unit_out(project: Path, zj) -> None:
    campaign = project / "data/campaigns" / f"{CAMPAIGN}.yml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + "exclude: [u0004]\n", "utf-8")
    found = _progress(zj, project)
    assert [u["unit"] for u in found["outstanding"]] == ["xian-b", "u0002", "u0003"]
