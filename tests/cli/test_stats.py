"""``zongjie stats``: campaign totals and the units that have not reported."""

from __future__ import annotations

import json
import re
from pathlib import Path


def test_stats_text(project: Path, zj) -> None:
    run = zj("stats", "-C", project)
    assert run.code == 0
    assert "2021年党史学习教育（dangshi-2021）：已审定 2/3 个单位" in run.out
    assert "党组会议：6次" in run.out  # 2 + 4
    assert "办实事：10件" in run.out  # 7 listed + shishi_count 3
    assert "未报送（1）：市图书馆" in run.out


def test_stats_json_and_filter(project: Path, zj) -> None:
    run = zj("stats", "--format", "json", "--campaign", "dangshi-2021", "-C", project)
    data = json.loads(run.out)
    (campaign,) = data["campaigns"]
    totals = {m["id"]: m["total"] for m in campaign["metrics"]}
    assert totals == {"dangzu": 6, "zhuti-dangri": 5, "shishi": 10, "wenti": 12}
    assert campaign["missing"] == ["市图书馆"] and data["errors"] == 0


def test_stats_unknown_campaign_and_broken_data(project: Path, zj) -> None:
    run = zj("stats", "--campaign", "nope", "-C", project)
    assert run.code == 1 and "未知的活动 id “nope”" in run.err
    (project / "data/reports/dangshi-2021/shi-jiaoyuju.yml").write_text(
        "title: [\n", encoding="utf-8"
    )
    run = zj("stats", "-C", project)
    # Totals are still shown without the broken file, which is named; the command fails.
    assert run.code == 1
    where = "data/reports/dangshi-2021/shi-jiaoyuju.yml:2:1: 错误: [YAML] YAML 语法错误"
    assert run.err.startswith(where), run.err
    assert "已审定 1/3" in run.out and "党组会议：2次" in run.out
    assert "数据文件有错误（未计入合计，运行 zongjie check 查看）：市教育局" in run.out
    assert "未报送（1）：市图书馆" in run.out  # the unit did send its report
    assert "数据中有 1 个错误，出错的文件未计入合计（运行 zongjie check 查看）" in run.out


def test_stats_count_approved_reports_and_list_the_rest(project: Path, zj) -> None:
    data = project / "data/reports/dangshi-2021/shi-jiaoyuju.yml"
    approval = re.compile(r"^reviewed_(?:by|on|digest): .*\n", re.MULTILINE)
    text = approval.sub("", data.read_text(encoding="utf-8"))
    data.write_text(text.replace("status: 已审定", "status: 待审"), encoding="utf-8")
    run = zj("stats", "-C", project)
    assert "已审定 1/3 个单位" in run.out
    assert "党组会议：2次" in run.out  # the submitted report's 4 are not counted yet
    assert "已报送、待审定（未计入合计）：市教育局（待审）" in run.out
    assert "未报送（1）：市图书馆" in run.out
