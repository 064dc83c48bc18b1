"""Sent back with a reason, submitted again only once changed, and every step in the history."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import CAMPAIGN, CANARY, site_texts, squeeze, zongjie

TODAY = dt.date.today().isoformat()


@pytest.fixture
def project(review_template: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(review_template, dest, ignore=shutil.ignore_patterns("site", ".cache"))
    return dest


def ok(root: Path, *args: str) -> str:
    done = zongjie(root, *args)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def data_of(project: Path, uid: str) -> dict[str, object]:
    text = (project / "data/reports" / CAMPAIGN / f"{uid}.yml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def test_the_cycle_with_a_return(project: Path) -> None:
    ref = f"{CAMPAIGN}/u0002"
    ok(project, "submit", ref, "--by", "编辑乙")
    out = ok(project, "return", ref, "--reason", "第二部分缺少数据, 请补充", "--by", "审核人甲")
    assert "待审 → 退回" in out
    data = data_of(project, "u0002")
    assert data["status"] == "退回" and data["returned_reason"] == "第二部分缺少数据, 请补充"
    # The unit's editor sees the reason in check and review.
    check = zongjie(project, "check", "--strict")
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"data/reports/{CAMPAIGN}/u0002.yml:" in check.stderr
    assert "第二部分缺少数据" in check.stderr
    review = ok(project, "review")
    assert "退回" in review and "第二部分缺少数据" in review
    rows = json.loads(ok(project, "review", "--format", "json").split("\n检查")[0])
    assert any(r["reason"] == "第二部分缺少数据, 请补充" for r in rows)
    # Unchanged: refused, in Chinese, at the status line.
    again = zongjie(project, "submit", ref)
    assert again.returncode == 1
    assert "被退回" in again.stderr and "还没有修改" in again.stderr
    assert f"data/reports/{CAMPAIGN}/u0002.yml:" in again.stderr
    assert data_of(project, "u0002")["status"] == "退回"
    approve = zongjie(project, "approve", ref, "--by", "审核人甲")
    assert approve.returncode == 1 and "重新提交" in approve.stderr
    page = project / "docs/campaigns" / CAMPAIGN / "u0002.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n补充的数据说明。\n", encoding="utf-8")
    assert "退回 → 待审" in ok(project, "submit", ref, "--by", "编辑乙")
    data = data_of(project, "u0002")
    assert data["status"] == "待审" and "returned_reason" not in data
    ok(project, "approve", ref, "--by", "审核人甲")
    ok(project, "check", "--strict")
    lines = ok(project, "history", ref).splitlines()
    assert lines[:4] == [
        f"{TODAY} 提交 编辑乙",
        f"{TODAY} 退回 审核人甲：第二部分缺少数据, 请补充",
        f"{TODAY} 提交 编辑乙",
        f"{TODAY} 审定 审核人甲",
    ]
    assert lines[-1] == "当前状态：已审定"


def test_returning_an_approved_report_withdraws_it(project: Path) -> None:
    ref = f"{CAMPAIGN}/u0000"
    out = ok(project, "return", ref, "--reason", "数字与原件不符", "--by", "审核人甲")
    assert "已审定 → 退回" in out and "撤下" in out
    ok(project, "build", "--strict", "-q")
    site = project / "site"
    texts = site_texts(site)
    leaks = [name for name, text in texts.items() if squeeze(CANARY["u0000"]) in text]
    assert leaks == []
    # Readers never see why it was sent back.
    assert [name for name, text in texts.items() if "数字与原件不符" in text] == []
    assert not (site / "campaigns" / CAMPAIGN / "u0000" / "index.html").exists()
    overview = (site / "campaigns" / CAMPAIGN / "index.html").read_text("utf-8")
    assert 'href="u0000/"' not in overview  # no row, so no part of the totals
    history = ok(project, "history", ref)
    assert f"{TODAY} 撤回 审核人甲：数字与原件不符" in history
    # The editors' preview shows the reason on the page.
    ok(project, "build", "--audience", "editors", "-q", "-d", "preview")
    page = (project / "preview/campaigns" / CAMPAIGN / "u0000/index.html").read_text("utf-8")
    banner = page[page.index('data-status="退回"') :][:600]
    assert "数字与原件不符" in banner and "审核人甲" in banner


def test_return_refusals(project: Path) -> None:
    draft = zongjie(project, "return", f"{CAMPAIGN}/u0002", "--reason", "重写")
    assert draft.returncode == 1
    assert "还是草稿" in draft.stderr and f"data/reports/{CAMPAIGN}/u0002.yml:" in draft.stderr
    missing = zongjie(project, "return", f"{CAMPAIGN}/u0001")
    assert missing.returncode != 0 and "--reason" in missing.stderr
    blank = zongjie(project, "return", f"{CAMPAIGN}/u0001", "--reason", "  ")
    assert blank.returncode == 1 and "退回必须说明理由" in blank.stderr
    assert data_of(project, "u0001")["status"] == "待审"


def test_a_malformed_history_entry_is_an_error_at_its_line(project: Path) -> None:
    data_file = project / "data/reports" / CAMPAIGN / "u0001.yml"
    text = data_file.read_text(encoding="utf-8").rstrip("\n")
    line = len(text.splitlines()) + 3
    data_file.write_text(text + "\n\nhistory:\n  - {step: 批准, day: 2021-07-01}\n", "utf-8")
    done = zongjie(project, "check")
    assert done.returncode == 1
    assert f"data/reports/{CAMPAIGN}/u0001.yml:{line}:" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


def test_history_lines_keep_the_fingerprint_and_the_following_keys() -> None:
    from zongjie.data.report_yaml import append_history, history_line
    from zongjie.rules.approval import digest

    text = "title: 报告\nhistory:\n  - {step: 提交, day: 2021-07-01}\nvisibility: 内部\n"
    step = history_line("退回", "2021-07-02", "王审核", "缺数字, 请补")
    out = append_history(text, step)
    assert yaml.safe_load(out)["history"][1] == {
        "step": "退回",
        "day": dt.date(2021, 7, 2),
        "by": "王审核",
        "comment": "缺数字, 请补",
    }
    assert yaml.safe_load(out)["visibility"] == "内部"
    assert (
        digest(out, "正文")
        == digest(text, "正文")
        == digest("title: 报告\nvisibility: 内部", "正文")
    )
    fresh = append_history("title: 报告\n", step)
    assert digest(fresh, "正文") == digest("title: 报告\n", "正文")
