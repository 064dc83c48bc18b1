"""Open a filled-in workbook, or say in one problem what the file is instead."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook

from zongjie.errors import CommandError, ContentError, Problem
from zongjie.excel.workbook_limits import check_workbook_parts
from zongjie.filetypes import Kind, sniff
from zongjie.office_files import OfficeFileError

RESAVE = "在 Excel 中打开并“另存为”新的 .xlsx 文件"


def _file_error(name: str, message: str, hint: str) -> ContentError:
    return ContentError([Problem(name, 1, message, field="文件", hint=hint, code="not-a-workbook")])


def open_workbook(path: Path, name: str) -> Workbook:
    """The workbook, or one clear problem for a file that is not an .xlsx workbook."""
    if not path.is_file():
        raise CommandError(f"找不到文件：{path}", hint="检查文件名和路径；含空格的路径请加引号")
    kind = sniff(path)
    if kind in (Kind.OLE, Kind.ENCRYPTED):
        raise _file_error(
            name,
            "这是旧版 Excel 97-2003 工作簿（.xls）或设有打开密码的工作簿，无法读取",
            "在 Excel 或 WPS 中打开，去掉打开密码，“另存为”Excel 工作簿（*.xlsx）后再导入",
        )
    if kind is Kind.BROKEN_ZIP:
        raise _file_error(name, "Excel 工作簿已损坏（无法解压）", RESAVE)
    if kind in (Kind.DOCX, Kind.PPTX, Kind.ZIP):
        what = "Word 文档" if kind is Kind.DOCX else "ZIP 压缩包或其他 Office 文件"
        raise _file_error(
            name, f"不是 Excel 工作簿，而是{what}", "请导入 zongjie template 生成的填报表"
        )
    if kind is not Kind.XLSX:
        raise _file_error(
            name, "不是 Excel 工作簿（.xlsx）：文件内容不是 Excel 格式", _not_xlsx_hint(kind)
        )
    try:
        check_workbook_parts(path)
    except OfficeFileError as exc:
        raise _file_error(name, exc.message, exc.hint) from None
    try:
        return load_workbook(path, data_only=False)
    except Exception as exc:  # noqa: BLE001 (openpyxl raises many kinds on malformed parts)
        raise _file_error(
            name, f"无法读取 Excel 工作簿（{type(exc).__name__}）", f"{RESAVE}后重试"
        ) from None


def _not_xlsx_hint(kind: Kind) -> str:
    if kind is Kind.PDF:
        return "这是 PDF 文件；请交回填报表的 Excel 文件"
    if kind is Kind.HTML:
        return "这是网页（HTML/XML）文件；在 Excel 中打开并“另存为” .xlsx 后再导入"
    if kind is Kind.TEXT:
        return "这像是 CSV 或文本文件；请在 Excel 中打开原填报表并保存为 .xlsx"
    return "请交回用 Excel 或 WPS 保存的 .xlsx 填报表"
