"""Template pre-filled from a report → import → the same report data, for every sample report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from zongjie.cli.main import main
from zongjie.data.content import Content
from zongjie.data.models import Report
from zongjie.excel import layout
from zongjie.excel.template import template_workbook, write_template
from zongjie.importing.workbook import import_workbook
from zongjie.rules import load_project

from .conftest import REPO

SAMPLE_REPORTS = sorted(
    (p.parent.name, p.stem) for p in (REPO / "data" / "reports").glob("*/*.yml")
)


# What the import sets itself: 待核实, and a review that starts again from 草稿.
NOT_FROM_WORKBOOK = {"待核实", "status", "submitted_on", "reviewed_by", "reviewed_on"} | {
    "reviewed_digest"
}


def same_data(imported: Report, original: Report) -> bool:
    """Equal as parsed data, apart from what the import sets itself."""
    return imported.model_dump(exclude=NOT_FROM_WORKBOOK) == original.model_dump(
        exclude=NOT_FROM_WORKBOOK
    )


def test_every_sample_report_survives_the_round_trip(
    sample: Path, sample_content: Content, tmp_path: Path
) -> None:
    assert len(SAMPLE_REPORTS) >= 10
    for cid, uid in SAMPLE_REPORTS:
        path = tmp_path / f"{cid}-{uid}.xlsx"
        template_workbook(sample_content, cid, uid).save(path)
        result = import_workbook(sample, path, cid, uid, force=True)
        assert same_data(result.report, sample_content.reports[(cid, uid)].report), (cid, uid)
        assert result.report.status == "草稿"  # replaced data must be reviewed again
    reloaded = load_project(sample)  # the YAML files as written
    for cid, uid in SAMPLE_REPORTS:
        original = sample_content.reports[(cid, uid)].report
        report = reloaded.reports[(cid, uid)].report
        assert same_data(report, original), (cid, uid)
        lists = [
            k
            for k in ("activities", "trainings", "outreach", "shishi", "rectification")
            if getattr(original, k)
        ]
        assert [m for m in report.待核实 if "." not in m and m != "shishi_count"] == lists
    assert not reloaded.log.errors, [p.format() for p in reloaded.log.errors]
    warnings = {p.message for p in reloaded.log.warnings}
    assert any("“activities”" in w and "尚待核实" in w for w in warnings)


def test_the_cli_writes_the_template_and_reads_it_back(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = sample / "填报表.xlsx"
    args = ["--campaign", "zhuti-2023", "--unit", "shi-jiaotongju", "-C", str(sample)]
    assert main(["template", str(out), *args]) == 0
    assert "已写入 填报表.xlsx" in capsys.readouterr().out
    assert main(["template", str(out), *args]) == 1
    assert "文件已存在" in capsys.readouterr().err
    data = sample / "data/reports/zhuti-2023/shi-jiaotongju.yml"
    before = data.read_bytes()
    assert main(["import", str(out), *args]) == 1  # the report exists: --force needed
    assert "--force" in capsys.readouterr().err and data.read_bytes() == before
    assert main(["import", str(out), *args, "--force"]) == 0
    captured = capsys.readouterr()
    assert "已写入 data/reports/zhuti-2023/shi-jiaotongju.yml" in captured.out
    assert "待核实" in captured.err
    text = data.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/report.schema.json\n")
    assert "\n  diaoyan: 2\n" in text and "待核实:\n  - metrics.diaoyan\n" in text


def test_a_new_unit_gets_data_and_a_narrative(sample: Path, sample_content: Content) -> None:
    """A blank template filled in by a unit that has not reported yet."""
    path = sample / "空白.xlsx"
    write_template(sample_content, path, "dangji-2024", None)
    book = openpyxl.load_workbook(path)
    basics = book[layout.BASICS_SHEET]
    basics["B5"], basics["B6"] = "市交通运输局党纪学习教育工作总结", "2024-07-20"
    activities = book[layout.ACTIVITIES.name]
    activities.append(["逐章学习", 6, None, None, None, None])
    activities.append(["警示教育", None, "参观廉政教育基地", "2024年5月8日", 40, None])
    book.save(path)
    result = import_workbook(sample, path, "dangji-2024", "shi-jiaotongju")
    assert [f.relative_to(sample).as_posix() for f in result.files] == [
        "docs/campaigns/dangji-2024/shi-jiaotongju.md",
        "data/reports/dangji-2024/shi-jiaotongju.yml",
    ]
    entry = load_project(sample).reports[("dangji-2024", "shi-jiaotongju")]
    assert entry.values["zhuzhang"] == 6 and entry.values["jingshi"] == 1
    assert str(entry.report.activities[1].date) == "2024-05-08"
    assert entry.report.待核实 == ["activities"]


def test_template_checks_values_as_they_are_typed(sample_content: Content) -> None:
    book = template_workbook(sample_content, "dangshi-2021", None)
    assert book.sheetnames[:3] == ["填写说明", "基本信息", "指标"]
    assert book["选项"].sheet_state == "veryHidden"
    for sheet in layout.LIST_SHEETS:
        ws = book[sheet.name]
        assert ws.protection.sheet and not ws.protection.insertRows
        assert [c.value for c in ws[layout.HEADER_ROW]] == [c.title for c in sheet.columns]
        assert ws["A2"].protection.locked and not ws["A3"].protection.locked
    checks = {
        (dv.type, dv.formula1, dv.formula2)
        for dv in book[layout.ACTIVITIES.name].data_validations.dataValidation
    }
    assert ("whole", "1", None) in checks  # 次数 ≥ 1
    assert ("whole", "0", None) in checks  # 参加人数 ≥ 0
    assert ("date", "DATE(2021,2,20)", "DATE(2022,1,31)") in checks
    assert any(t == "list" and str(f1).startswith("'选项'!$A$2:$A$") for t, f1, _ in checks)
    status = book[layout.SHISHI.name].data_validations.dataValidation
    assert any(dv.formula1 == '"已完成,推进中,常态化"' for dv in status)
    metrics = book[layout.METRICS_SHEET]
    assert [metrics.cell(r, 1).value for r in range(3, 6)] == ["党组会议", "中心组学习", "党员大会"]


def test_warnings_point_at_their_cells(sample: Path, sample_content: Content) -> None:
    """An empty typed metric and a count without statuses are imported, with a warning each."""
    path = sample / "填报表.xlsx"
    write_template(sample_content, path, "zhuti-2023", None)
    book = openpyxl.load_workbook(path)
    book[layout.BASICS_SHEET]["B5"] = "市图书馆主题教育工作总结"
    book[layout.BASICS_SHEET]["B6"] = dt.date(2023, 12, 1)
    book[layout.METRICS_SHEET]["C6"] = 3  # 调研课题; 案例剖析 (C7) stays empty
    book[layout.RECTIFICATION.name]["A3"] = 1
    book[layout.RECTIFICATION.name]["B3"] = "专题民主生活会"
    book[layout.RECTIFICATION.name]["D3"] = 4
    book.save(path)
    result = import_workbook(sample, path, "zhuti-2023", "shi-tushuguan")
    assert [w.format().splitlines()[0] for w in result.warnings] == [
        "填报表.xlsx:指标!C7: 警告: [案例剖析] 未填写指标“案例剖析”（anli），总览表中将显示为“—”",
        "填报表.xlsx:整改!D3: 警告: [问题数] 只填写了问题数，未说明整改状态",
    ]
    assert result.unconfirmed == ["metrics.diaoyan", "rectification"]
