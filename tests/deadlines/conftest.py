"""A demo project with deadlines: one campaign, a tree of two 县区, a unit in each review state,
units that have not reported, and one registered after the campaign ended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from zongjie.cli.main import main
from zongjie.data.report_yaml import set_fields
from zongjie.demo import write_demo

CAMPAIGN = "dangshi-2021"
TODAY = dt.date(2022, 1, 10)
PHONE = "0931-8765432"
UNITS = """\
root: {name: 中共X市委, short_name: 市委}
levels: [县区, 单位]
units:
  - {id: xian-a, name: 甲县委, short_name: 甲县, kind: 区县, reports: false}
  - {id: xian-b, name: 乙县委, short_name: 乙县, kind: 区县}
  - {id: u0000, name: 甲县教育局, short_name: 甲县教育, kind: 机关, parent: xian-a}
  - {id: u0001, name: 甲县财政局, short_name: 甲县财政, kind: 机关, parent: xian-a}
  - {id: u0002, name: 甲县民政局, short_name: 甲县民政, kind: 机关, parent: xian-a}
  - {id: u0003, name: 乙县教育局, short_name: 乙县教育, kind: 机关, parent: xian-b}
  - id: u0004
    name: 乙县财政局
    short_name: 乙县财政
    kind: 机关
    parent: xian-b
    contact: {name: 张三, phone: "0931-8765432", email: zhangsan@example.cn}
  - {id: u0005, name: 乙县新区管委会, short_name: 乙县新区, kind: 机关, parent: xian-b,
     since: 2022-06-01}
"""
DUE = "due: 2021-12-31\ndue_by_level: {县区: 2021-12-20}\n"
NOT_APPROVED = {"reviewed_by": None, "reviewed_on": None, "reviewed_digest": None}


def make_deadline_project(root: Path) -> Path:
    """u0000 已审定, u0001 待审, u0002 退回, u0003 草稿; u0004 and 乙县 itself have not reported
    (late); u0005 was registered after the campaign ended (not expected)."""
    write_demo(root, units=6, campaigns=1, seed=7)
    (root / "data/units.yml").write_text(UNITS, encoding="utf-8")
    campaign = root / "data/campaigns" / f"{CAMPAIGN}.yml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + DUE, encoding="utf-8")
    reports = root / "data/reports" / CAMPAIGN
    states = {
        "u0001": {"status": "待审", **NOT_APPROVED},
        "u0002": {
            "status": "退回",
            **NOT_APPROVED,
            "returned_reason": "缺少数据",
            "returned_by": "审核人",
            "returned_on": "2022-01-02",
        },
        "u0003": {"status": "草稿", "submitted_on": None, **NOT_APPROVED},
    }
    for uid, fields in states.items():
        data = reports / f"{uid}.yml"
        data.write_text(set_fields(data.read_text(encoding="utf-8"), fields), encoding="utf-8")
    for uid in ("u0004", "u0005"):
        (reports / f"{uid}.yml").unlink()
        (root / "docs/campaigns" / CAMPAIGN / f"{uid}.md").unlink()
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_deadline_project(tmp_path / "project")


def data_of(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def zj(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run ``zongjie ARGS…`` in-process; a traceback would fail the test by raising."""

    def run(*args: str | Path) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err
        return Run(code, captured.out, captured.err)

    return run
