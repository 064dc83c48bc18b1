"""Workbooks in a folder import: the unit from the workbook, its data over figures from prose."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from zongjie.cli.main import main
from zongjie.data.content import Content
from zongjie.excel import layout
from zongjie.excel.template import template_workbook, write_template
from zongjie.rules import load_project

WORD = Path(__file__).parents[2] / "benchmarks/import_corpus/reports/01-shi-jiaoyuju.docx"


def _rows(out: str) -> dict[str, list[str]]:
    return {
        line.split()[0]: line.split()
        for line in out.splitlines()
        if ".xlsx" in line or ".docx" in line
    }


def test_word_and_workbook_of_one_unit(
    sample: Path, sample_content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    """市教育局's Word report and its workbook: narrative from Word, data from the workbook,
    who may read the report kept, and the review started again."""
    data = sample / "data/reports/dangshi-2021/shi-jiaoyuju.yml"
    data.write_text(data.read_text(encoding="utf-8") + "visibility: 内部\n", encoding="utf-8")
    inbox = sample / "收到的材料"
    inbox.mkdir()
    shutil.copy(WORD, inbox / "教育局总结.docx")
    book = template_workbook(sample_content, "dangshi-2021", "shi-jiaoyuju")
    book[layout.BASICS_SHEET]["B5"] = "填报表里的标题"
    book.save(inbox / "填报表（教育局）.xlsx")

    code = main(["import", str(inbox), "--campaign", "dangshi-2021", "-C", str(sample), "--force"])
    out, err = capsys.readouterr()
    assert code == 0, err
    rows = _rows(out)
    assert rows["教育局总结.docx"][1] == "市教育局" == rows["填报表（教育局）.xlsx"][1]
    assert "数据取自填报表，替换了从 收到的材料/教育局总结.docx 正文中读出的数值" in err

    report = load_project(sample).reports[("dangshi-2021", "shi-jiaoyuju")].report
    assert report.title == "填报表里的标题"
    assert report.status == "草稿" and report.reviewed_by is None
    assert report.visibility == "内部"
    original = sample_content.reports[("dangshi-2021", "shi-jiaoyuju")].report
    assert report.activities == original.activities and report.shishi == original.shishi
    page = sample / "docs/campaigns/dangshi-2021/shi-jiaoyuju.md"
    before = (Path(__file__).parents[2] / "docs/campaigns/dangshi-2021/shi-jiaoyuju.md").read_text(
        encoding="utf-8"
    )
    assert page.read_text(encoding="utf-8") != before  # the narrative is the Word file's


def test_unit_from_the_file_name_when_the_workbook_leaves_it_blank(
    sample: Path, sample_content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = sample / "收到的材料"
    inbox.mkdir()
    blank = inbox / "市交通运输局.xlsx"
    write_template(sample_content, blank, "dangji-2024", None)
    book = openpyxl.load_workbook(blank)
    book[layout.BASICS_SHEET]["B5"] = "市交通运输局党纪学习教育工作总结"
    book[layout.BASICS_SHEET]["B6"] = "2024-07-20"
    book[layout.ACTIVITIES.name].append(["逐章学习", 6, None, None, None, None])
    book.save(blank)
    nobody = inbox / "不知道是谁.xlsx"
    shutil.copy(blank, nobody)
    twice = inbox / "市交通运输局（重发）.xlsx"
    shutil.copy(blank, twice)

    code = main(["import", str(inbox), "--campaign", "dangji-2024", "-C", str(sample)])
    out, err = capsys.readouterr()
    assert code == 1  # the unnamed workbook and the second copy are not imported
    assert _rows(out)["市交通运输局.xlsx"][1:] == ["市交通运输局", "1", "1", "0", "已导入"]
    assert "不知道是谁.xlsx" in err and "无法确定是哪个单位的填报表" in err and "--unit" in err
    assert "与 收到的材料/市交通运输局.xlsx 是同一单位（市交通运输局）的数据，未导入" in err
    entry = load_project(sample).reports[("dangji-2024", "shi-jiaotongju")]
    assert entry.report.title == "市交通运输局党纪学习教育工作总结"


def test_single_workbook_without_unit_option(
    sample: Path, sample_content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sample / "回收.xlsx"
    template_workbook(sample_content, "zhuti-2023", "shi-jiaoyuju").save(path)
    args = ["import", str(path), "--campaign", "zhuti-2023", "-C", str(sample), "--force"]
    assert main(args) == 0, capsys.readouterr().err
    assert "已写入 data/reports/zhuti-2023/shi-jiaoyuju.yml" in capsys.readouterr().out
