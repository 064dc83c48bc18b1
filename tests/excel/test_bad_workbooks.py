"""Bad workbooks: each gives a Chinese error at its cell, exits non-zero and writes nothing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from zongjie.cli.main import main
from zongjie.data.content import Content
from zongjie.excel.template import template_workbook

from .conftest import tree

CAMPAIGN, UNIT = "dangshi-2021", "shi-wenlian"


def cell(sheet: str, ref: str, value: object) -> Callable[[Workbook], None]:
    def change(book: Workbook) -> None:
        book[sheet][ref] = value

    return change


def delete_sheet(book: Workbook) -> None:
    del book["培训"]


def merge(book: Workbook) -> None:
    book["活动"].merge_cells("A5:A6")


def hide_row(book: Workbook) -> None:
    book["办实事"].row_dimensions[5].hidden = True


def hide_column(book: Workbook) -> None:
    book["活动"].column_dimensions["F"].hidden = True


def extra_sheet(book: Workbook) -> None:
    book.create_sheet("备注")["A1"] = "另有两次活动未填"


def clear_required(book: Workbook) -> None:
    book["办实事"]["A3"] = None


# (case, change to the pre-filled template, the first line of the expected error)
CASES: list[tuple[str, Callable[[Workbook], None], str]] = [
    ("text-in-number", cell("活动", "B4", "三次"), "活动!B4: 错误: [次数] 应为整数，实际为“三次”"),
    (
        "date-outside-period",
        cell("活动", "D3", dt.datetime(2020, 3, 26)),
        "活动!D3: 错误: [日期] 日期 2020-03-26 不在活动期间 2021-02-20 至 2022-01-31 内",
    ),
    ("deleted-sheet", delete_sheet, "培训!A1: 错误: [工作表] 缺少工作表“培训”（可能被删除或改名）"),
    (
        "unknown-status",
        cell("办实事", "D3", "已办结"),
        "办实事!D3: 错误: [状态] 应为“已完成”“推进中”“常态化”之一，实际为“已办结”",
    ),
    (
        "renamed-header",
        cell("培训", "C2", "参训人数（人）"),
        "培训!C2: 错误: [表头] 表头应为“参训人数*”，实际为“参训人数（人）”",
    ),
    (
        "formula",
        cell("活动", "B5", "=1+1"),
        "活动!B5: 错误: [次数] 填写的是公式“=1+1”，只能填写数值",
    ),
    (
        "merged-cells",
        merge,
        "活动!A5: 错误: [合并单元格] 合并了单元格 A5:A6：每个单元格只能填一个值",
    ),
    (
        "hidden-row",
        hide_row,
        "办实事!A5: 错误: [隐藏行] 第 5 行被隐藏了：隐藏的行也会导入，必须看得见",
    ),
    ("hidden-column", hide_column, "活动!F1: 错误: [隐藏列] 第 F 列被隐藏了"),
    ("extra-sheet", extra_sheet, "备注!A1: 错误: [工作表] 工作表“备注”不是填报表的一部分"),
    (
        "decimal",
        cell("培训", "C3", 2.5),
        "培训!C3: 错误: [参训人数] 应为整数，不能有小数，实际为 2.5",
    ),
    (
        "negative",
        cell("活动", "E3", -3),
        "活动!E3: 错误: [参加人数] 应为不小于 0 的整数，实际为 -3",
    ),
    (
        "bad-date",
        cell("办实事", "B3", "四月下旬"),
        "办实事!B3: 错误: [日期] 应为日期，如 2021-03-26，实际为“四月下旬”",
    ),
    ("missing-required", clear_required, "办实事!A3: 错误: [事项] 缺少必填项“事项”"),
    (
        "unknown-parent",
        cell("赠阅", "A3", 9),
        "赠阅!A3: 错误: [走访序号] “走访”表中没有序号为 9 的行",
    ),
    (
        "unknown-resource",
        cell("学习资源", "A3", "《不存在的书》"),
        "学习资源!A3: 错误: [学习资源] 资源目录中没有“《不存在的书》”",
    ),
    (
        "count-disagrees-with-list",
        cell("整改", "D5", 12),
        "整改!D5: 错误: [问题数] 问题数写的是 12，但“问题清单”列出了 11 个",
    ),
    (
        "shishi-count-disagrees",
        cell("基本信息", "B8", 9),
        "基本信息!B8: 错误: [办实事件数] 办实事件数写的是 9，但“办实事”表列出了 8 项",
    ),
    (
        "other-campaign",
        cell("基本信息", "B3", "2024年党纪学习教育"),
        "基本信息!B3: 错误: [活动] 这是“2024年党纪学习教育”的填报表，不是“2021年党史学习教育”的",
    ),
    (
        "row-below-the-metrics",
        cell("指标", "A20", "另有调研两项"),
        "指标!A20: 错误: [指标] 本表没有这一行指标，“另有调研两项”不会导入",
    ),
    (
        "empty-workbook",
        lambda book: None,
        "Sheet!A1: 错误: [工作表] 这不是填报表：没有“基本信息”“指标”“活动”等工作表",
    ),
]


@pytest.fixture(scope="module")
def template_bytes(sample_content: Content) -> bytes:
    out = io.BytesIO()
    template_workbook(sample_content, CAMPAIGN, UNIT).save(out)
    return out.getvalue()


def run_import(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    before = tree(root)
    code = main(
        [
            *("import", str(root / "填报表.xlsx"), "--campaign", CAMPAIGN, "--unit", UNIT),
            *("-C", str(root), "--force"),
        ]
    )
    err = capsys.readouterr().err
    assert "Traceback" not in err
    after = tree(root)
    assert after == before, "a bad workbook must not write anything"
    return code, err


@pytest.mark.parametrize(("case", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_workbook(
    seed_project: Path,
    template_bytes: bytes,
    capsys: pytest.CaptureFixture[str],
    case: str,
    change: Callable[[Workbook], None],
    expected: str,
) -> None:
    if case == "empty-workbook":
        book = Workbook()
    else:
        book = openpyxl.load_workbook(io.BytesIO(template_bytes))
    change(book)
    book.save(seed_project / "填报表.xlsx")
    code, err = run_import(seed_project, capsys)
    assert code == 1
    lines = err.splitlines()
    assert any(line.startswith(f"填报表.xlsx:{expected}") for line in lines), err
    problem = next(line for line in lines if line.startswith(f"填报表.xlsx:{expected}"))
    assert lines[lines.index(problem) + 1].startswith("    提示：") or case == "negative"
    assert lines[-1] == "填报表有误，没有写入任何文件。改正后重新导入。"


@pytest.mark.parametrize(
    ("case", "content", "expected"),
    [
        (
            "csv-renamed",
            "单位,数值\r\n市文联,3\r\n".encode("utf-8-sig"),
            "不是 Excel 工作簿（.xlsx）",
        ),
        (
            "old-xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "这是旧版 Excel 97-2003 工作簿（.xls）",
        ),
        ("pdf-renamed", b"%PDF-1.7\n", "不是 Excel 工作簿（.xlsx）"),
        ("broken-zip", b"PK\x03\x04" + bytes(100), "Excel 工作簿已损坏"),
        ("docx-renamed", None, "不是 Excel 工作簿，而是Word 文档"),
    ],
)
def test_not_a_workbook(
    seed_project: Path,
    capsys: pytest.CaptureFixture[str],
    case: str,
    content: bytes | None,
    expected: str,
) -> None:
    if content is None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as docx:
            docx.writestr("word/document.xml", "<w:document/>")
        content = out.getvalue()
    (seed_project / "填报表.xlsx").write_bytes(content)
    code, err = run_import(seed_project, capsys)
    assert code == 1
    assert err.startswith(f"内容校验失败：\n填报表.xlsx:1:1: 错误: [文件] {expected}"), err
    assert "\n    提示：" in err


def test_every_problem_is_reported_at_once(
    seed_project: Path, template_bytes: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(template_bytes))
    for change in (cell("活动", "B4", "三次"), cell("办实事", "D3", "已办结"), merge):
        change(book)
    book.save(seed_project / "填报表.xlsx")
    code, err = run_import(seed_project, capsys)
    assert code == 1
    assert err.startswith("内容校验失败（4 个错误）：")  # the merge also empties A6
    for where in ("活动!B4", "办实事!D3", "活动!A5", "活动!A6"):
        assert f"填报表.xlsx:{where}: 错误:" in err
