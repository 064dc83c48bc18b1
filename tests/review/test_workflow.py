"""submit → approve, the refusals, the listing, and an edit made after approval."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from zongjie.rules.approval import without_review_lines

from .conftest import CAMPAIGN, zongjie

TODAY = dt.date.today()


@pytest.fixture
def project(review_template: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(review_template, dest, ignore=shutil.ignore_patterns("site", ".cache"))
    return dest


def data_of(project: Path, uid: str) -> dict[str, object]:
    text = (project / "data/reports" / CAMPAIGN / f"{uid}.yml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def test_submit_then_approve(project: Path) -> None:
    data_file = project / "data/reports" / CAMPAIGN / "u0002.yml"
    before = data_file.read_text(encoding="utf-8")
    done = zongjie(project, "submit", f"{CAMPAIGN}/u0002")
    assert done.returncode == 0, done.stderr
    assert "草稿 → 待审" in done.stdout
    data = data_of(project, "u0002")
    assert data["status"] == "待审" and data["submitted_on"] == TODAY
    done = zongjie(project, "approve", f"{CAMPAIGN}/u0002", "--by", "王审核")
    assert done.returncode == 0, done.stderr
    data = data_of(project, "u0002")
    assert data["status"] == "已审定"
    assert data["reviewed_by"] == "王审核" and data["reviewed_on"] == TODAY
    assert len(str(data["reviewed_digest"])) == 16
    # Only the review lines changed; every other line is as the editor wrote it.
    assert without_review_lines(data_file.read_text(encoding="utf-8")) == without_review_lines(
        before
    )
    check = zongjie(project, "check", "--strict")
    assert check.returncode == 0, check.stdout + check.stderr


def test_approve_refuses_a_draft_and_unverified_values(project: Path) -> None:
    done = zongjie(project, "approve", f"{CAMPAIGN}/u0002", "--by", "王审核")
    assert done.returncode == 1
    assert f"data/reports/{CAMPAIGN}/u0002.yml:" in done.stderr and "还是草稿" in done.stderr
    assert "zongjie submit" in done.stderr
    data_file = project / "data/reports" / CAMPAIGN / "u0001.yml"
    original = data_file.read_text(encoding="utf-8")
    data_file.write_text(original + "待核实:\n  - metrics.diaoyan\n", encoding="utf-8")
    done = zongjie(project, "approve", f"{CAMPAIGN}/u0001", "--by", "王审核")
    assert done.returncode == 1
    line = next(i for i, ln in enumerate(original.splitlines(), 1) if ln.startswith("metrics:"))
    assert f"data/reports/{CAMPAIGN}/u0001.yml:{line + 1}:" in done.stderr
    assert "尚待核实" in done.stderr and "不能审定" in done.stderr
    assert data_of(project, "u0001")["status"] == "待审"  # nothing written
    data_file.write_text(original, encoding="utf-8")
    done = zongjie(project, "approve", f"{CAMPAIGN}/u0001", "--by", "王审核")
    assert done.returncode == 0, done.stderr
    assert data_of(project, "u0001")["status"] == "已审定"


def test_approve_names_a_missing_report(project: Path) -> None:
    done = zongjie(project, "approve", f"{CAMPAIGN}/u0099", "--by", "王审核")
    assert done.returncode == 1
    assert f"data/reports/{CAMPAIGN}/u0099.yml:1:1: " in done.stderr
    assert "没有单位“u0099”的报告" in done.stderr and "Traceback" not in done.stderr
    assert "构建失败" not in done.stderr
    done = zongjie(project, "approve", "nope-2030/u0000")
    assert done.returncode == 1 and "没有活动“nope-2030”" in done.stderr


def test_edit_after_approval_is_flagged_until_approved_again(project: Path) -> None:
    page = project / "docs/campaigns" / CAMPAIGN / "u0000.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n审定后补写的一句话。\n", encoding="utf-8")
    check = zongjie(project, "check")
    assert check.returncode == 0
    flagged = [ln for ln in check.stdout.splitlines() if "审定" in ln and "之后有改动" in ln]
    assert len(flagged) == 1 and flagged[0].startswith(f"data/reports/{CAMPAIGN}/u0000.yml:")
    assert ": 警告: [status]" in flagged[0]
    assert zongjie(project, "check", "--strict").returncode == 1
    build = zongjie(project, "build", "--strict", "-q")
    assert build.returncode == 1 and "之后有改动" in build.stderr
    listed = zongjie(project, "review")
    assert "u0000" in listed.stdout and "已审定后有改动" in listed.stdout
    # The cure the message names: submit again, then approve.
    assert zongjie(project, "submit", f"{CAMPAIGN}/u0000").returncode == 0
    assert zongjie(project, "approve", f"{CAMPAIGN}/u0000", "--by", "王审核").returncode == 0
    assert zongjie(project, "check", "--strict").returncode == 0


def test_review_lists_what_waits(project: Path) -> None:
    done = zongjie(project, "review")
    assert done.returncode == 0, done.stderr
    lines = [ln.split() for ln in done.stdout.splitlines() if ln.startswith("  ")]
    assert [ln[:2] for ln in lines] == [["u0001", "待审"], ["u0002", "草稿"]]
    assert lines[0][2:4] == [
        str((TODAY - dt.date.fromisoformat(str(data_of(project, "u0001")["submitted_on"]))).days),
        "天",
    ]


def test_submit_refuses_unconfirmed_values_until_confirmed_or_forced(project: Path) -> None:
    data = project / "data/reports" / CAMPAIGN / "u0002.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(
        text.replace("status: 草稿", "status: 草稿  # 导入的报告是草稿：核实后提交")
        + "待核实:\n  - shishi_count\n  - activities[0].count\n",
        encoding="utf-8",
    )
    refused = zongjie(project, "submit", f"{CAMPAIGN}/u0002")
    assert refused.returncode != 0
    assert f"data/reports/{CAMPAIGN}/u0002.yml:" in refused.stderr
    assert "2 项" in refused.stderr and "shishi_count" in refused.stderr
    assert data_of(project, "u0002")["status"] == "草稿"

    done = zongjie(project, "submit", f"{CAMPAIGN}/u0002", "--with-unconfirmed")
    assert done.returncode == 0, done.stderr
    after = data.read_text(encoding="utf-8")
    assert data_of(project, "u0002")["status"] == "待审"
    # the comment spoke of the draft: it does not outlive it
    assert "导入的报告是草稿" not in after
    history = data_of(project, "u0002")["history"]
    assert isinstance(history, list) and "含 2 项待核实" in history[-1]["comment"]
