"""初审 then 终审: a campaign that asks the organisation above each unit to approve first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from zongjie.data.report_yaml import set_fields

from .conftest import CAMPAIGN, CANARY, zongjie

COUNTY = "区委审核人"
OFFICE = "办公室审核人"


@pytest.fixture
def project(review_template: Path, tmp_path: Path) -> Path:
    """The review project with 初审 required; u0001 (待审) under a county committee whose
    reviewer is listed, and the office's reviewer listed at the top."""
    dest = tmp_path / "project"
    shutil.copytree(review_template, dest, ignore=shutil.ignore_patterns("site", ".cache"))
    campaign = dest / "data/campaigns" / f"{CAMPAIGN}.yml"
    campaign.write_text(
        campaign.read_text(encoding="utf-8") + "first_review: true\n", encoding="utf-8"
    )
    units_file = dest / "data/units.yml"
    units = yaml.safe_load(units_file.read_text(encoding="utf-8"))
    units["root"] = {"name": "市委", "reviewers": [OFFICE]}
    county = {"id": "chengguan", "name": "城关区委", "short_name": "城关区委", "kind": "党委",
              "reports": False, "reviewers": [COUNTY]}  # fmt: skip
    units["units"].append(county)
    for unit in units["units"]:
        if unit["id"] == "u0001":
            unit["parent"] = "chengguan"
    units_file.write_text(yaml.safe_dump(units, allow_unicode=True, sort_keys=False), "utf-8")
    # u0000 was approved before the campaign asked for 初审: recorded as given on paper.
    data = dest / "data/reports" / CAMPAIGN / "u0000.yml"
    reviewed = yaml.safe_load(data.read_text(encoding="utf-8"))["reviewed_on"]
    fields = {"first_reviewed_by": OFFICE, "first_reviewed_on": str(reviewed)}
    data.write_text(set_fields(data.read_text(encoding="utf-8"), fields), encoding="utf-8")
    return dest


def data_of(project: Path, uid: str) -> dict[str, object]:
    text = (project / "data/reports" / CAMPAIGN / f"{uid}.yml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def test_first_review_then_final_approval_by_the_listed_reviewers(project: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    assert zongjie(project, "check", "--strict").returncode == 0

    stranger = zongjie(project, "approve", ref, "--by", "张三")
    assert stranger.returncode == 1
    assert "data/units.yml" in stranger.stderr and "城关区委" in stranger.stderr
    assert COUNTY in stranger.stderr and data_of(project, "u0001")["status"] == "待审"

    first = zongjie(project, "approve", ref, "--by", COUNTY)
    assert first.returncode == 0, first.stderr
    assert "初审通过" in first.stdout
    listed = zongjie(project, "review", "--format", "json")
    assert {"unit": "u0001", "status": "待终审"}.items() <= next(
        row for row in yaml.safe_load(listed.stdout) if row["unit"] == "u0001"
    ).items()
    data = data_of(project, "u0001")
    assert data["status"] == "待审" and data["first_reviewed_by"] == COUNTY
    assert len(str(data["first_reviewed_digest"])) == 16
    assert zongjie(project, "check", "--strict").returncode == 0
    # 初审 does not publish
    assert zongjie(project, "build", "--strict", "-q").returncode == 0
    assert not any(
        CANARY["u0001"] in p.read_text("utf-8") for p in (project / "site").rglob("*.html")
    )

    # 终审 is the office's: the county's reviewer is not on its list
    county_again = zongjie(project, "approve", ref, "--by", COUNTY)
    assert county_again.returncode == 1 and "市委" in county_again.stderr

    final = zongjie(project, "approve", ref, "--by", OFFICE)
    assert final.returncode == 0, final.stderr
    data = data_of(project, "u0001")
    assert data["status"] == "已审定" and data["reviewed_by"] == OFFICE
    steps = [entry["step"] for entry in data["history"]]  # type: ignore[union-attr]
    assert steps[-2:] == ["初审", "审定"]
    assert zongjie(project, "build", "--strict", "-q").returncode == 0
    assert any(CANARY["u0001"] in p.read_text("utf-8") for p in (project / "site").rglob("*.html"))


def test_an_edit_after_first_review_needs_first_review_again(project: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    assert zongjie(project, "approve", ref, "--by", COUNTY).returncode == 0
    page = project / "docs/campaigns" / CAMPAIGN / "u0001.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n初审后补充的一句话。\n", encoding="utf-8")
    office = zongjie(project, "approve", ref, "--by", OFFICE)
    assert office.returncode == 1 and "初审" in office.stderr
    assert data_of(project, "u0001")["status"] == "待审"


def test_a_return_restarts_the_chain(project: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    assert zongjie(project, "approve", ref, "--by", COUNTY).returncode == 0
    done = zongjie(project, "return", ref, "--reason", "数据与正文不一致", "--by", OFFICE)
    assert done.returncode == 0, done.stderr
    assert "first_reviewed_by" not in data_of(project, "u0001")


def test_approved_by_hand_without_first_review_is_an_error_at_its_line(project: Path) -> None:
    data = project / "data/reports" / CAMPAIGN / "u0001.yml"
    data.write_text(
        set_fields(
            data.read_text(encoding="utf-8"),
            {"status": "已审定", "reviewed_by": OFFICE, "reviewed_on": "2023-11-14"},
        ),
        encoding="utf-8",
    )
    done = zongjie(project, "check", "--strict")
    assert done.returncode == 1
    assert f"data/reports/{CAMPAIGN}/u0001.yml:" in done.stderr + done.stdout
    assert "初审" in done.stderr + done.stdout


def test_review_dates_keep_their_order() -> None:
    import datetime as dt

    from zongjie.data.models import Report
    from zongjie.rules.report import review_findings

    report = Report.model_validate(
        {"title": "总结", "date": "2021-11-01", "status": "已审定", "submitted_on": "2021-11-10",
         "first_reviewed_by": "甲", "first_reviewed_on": "2021-11-05",
         "reviewed_by": "乙", "reviewed_on": "2021-11-03"}
    )  # fmt: skip
    codes = [(f.code, f.loc) for f in review_findings(report, dt.date(2021, 12, 1))]
    assert ("approved-before-submitted", ("first_reviewed_on",)) in codes
    assert ("approved-before-first-review", ("reviewed_on",)) in codes
    draft = report.model_copy(update={"status": "草稿", "reviewed_by": None, "reviewed_on": None})
    codes = [(f.code, f.loc) for f in review_findings(draft, dt.date(2021, 12, 1))]
    assert ("review-field-without-approval", ("first_reviewed_by",)) in codes
