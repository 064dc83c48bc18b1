"""``zongjie import 填报表.xlsx``: a filled-in workbook → the report's YAML data.

The whole workbook is read and checked before anything is written: its structure (sheets,
headers, no merged cells, hidden rows or formulas), every cell's type, then the report as a
whole, with the same schema and cross-checks as ``zongjie check``. Each problem names its cell,
``填报表.xlsx:活动!C7: 错误: [次数] 应为整数，实际为“三次”``. Only a workbook without errors is
written, and the lists it brought in are marked ``待核实`` for the campaign office to confirm.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from zongjie import atomic
from zongjie.authoring.skeleton import load_campaign, report_files, report_paths
from zongjie.authoring.units import match_unit
from zongjie.data.content import Content, ReportEntry, check_report
from zongjie.data.models import Campaign, Report, Unit
from zongjie.data.schema_errors import validate
from zongjie.data.yamlfile import Loc, YamlDocument, parse_dotted, relpath
from zongjie.errors import CommandError, ContentError, Problem
from zongjie.excel import layout as lay
from zongjie.excel.report_yaml import report_yaml
from zongjie.excel.template import resource_labels
from zongjie.excel.workbook_limits import check_workbook_parts
from zongjie.office_files import OfficeFileError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
REGENERATE = "用 zongjie template 重新生成填报表，把数据复制到新表的对应位置"
# YAML words in the shared report checks, as a workbook user knows them.
WORKBOOK_WORDS = {
    "shishi_count": "“办实事件数”",
    "shishi": "“办实事”表",
    "items": "“问题清单”",
    "status": "各状态个数",
    "count": "问题数",
    "sites": "点位数",
    "site_names": "点位名称",
}
WORKBOOK_HINTS = {
    "shishi_count": "清空“基本信息”中的办实事件数让系统按“办实事”表计数，或补全“办实事”表",
    "count": "清空“问题数”让系统按“问题清单”计数，或补全“问题清单”",
    "status": "已整改 + 整改中 + 常态化 应等于问题数；逐条列出问题时这三列留空",
    "metrics": "在“指标”表中填写该指标的数值",
    "rectification": "至少填写问题数，或在“问题清单”中逐条列出",
}


class CellRef(NamedTuple):
    """A cell of the workbook, with the heading of its column for the problem's ``[field]``."""

    sheet: str
    row: int
    col: int
    header: str = ""

    @property
    def name(self) -> str:
        return f"{self.sheet}!{get_column_letter(self.col)}{self.row}"


@dataclass
class WorkbookImport:
    files: list[Path]
    report: Report
    unconfirmed: list[str]
    warnings: list[Problem] = field(default_factory=list)
    unit_id: str = ""


# -- the command --------------------------------------------------------------------------


def import_workbook(
    root: Path,
    path: Path,
    campaign_id: str,
    unit_id: str | None = None,
    force: bool = False,
    content: Content | None = None,
    book: Workbook | None = None,
) -> WorkbookImport:
    """Read the filled-in workbook at ``path`` into the report of ``unit_id`` in ``campaign_id``
    (the unit named in its 基本信息 sheet, or in its file name, when not given).

    Raises :class:`ContentError` with every problem (by cell) and writes nothing unless the
    whole workbook is valid; the narrative is created from the outline only if it is missing.
    """
    if content is None:
        content = load_campaign(root, campaign_id, unit_id)
    name = relpath(path, root)
    book = book or open_workbook(path, name)  # the folder import has opened it to find the unit
    if unit_id is None:
        unit_id = unit_of_workbook(book, path, content, campaign_id).id
    data_path, page_path = report_paths(root, campaign_id, unit_id)
    if data_path.exists() and not force:
        raise CommandError(
            f"文件已存在：{relpath(data_path, root)}",
            hint="确认用填报表的数据替换它时加上 --force（正文 Markdown 不会被改动）",
        )
    reader = WorkbookReader(book, name, content, campaign_id, unit_id)
    report, warnings = reader.read()
    unconfirmed = _unconfirmed(report)
    # Replaced data is a new draft to review; who may read the report does not change with it.
    kept = content.reports.get((campaign_id, unit_id))
    update: dict[str, Any] = {"待核实": unconfirmed}
    if kept is not None:
        update["visibility"] = kept.report.visibility
    report = report.model_copy(update=update)
    unit = content.units[unit_id]
    campaign = content.campaigns[campaign_id].campaign
    header = [
        "yaml-language-server: $schema=../../schema/report.schema.json",
        f"{unit.short_name} {campaign.display_title}总结报告的事实数据。",
        f"由 zongjie import 从填报表 {path.name} 导入：“待核实”所列的数据由单位填报，",
        "请活动办公室逐项核对，核对一项删除一项。",
    ]
    files = []
    if not page_path.exists():
        _yml, md = report_files(content, campaign_id, unit_id, title=report.title)
        atomic.write_text(page_path, md)
        files.append(page_path)
    atomic.write_text(data_path, report_yaml(report, header))
    files.append(data_path)
    return WorkbookImport(files, report, unconfirmed, warnings, unit_id)


def unit_of_workbook(book: Workbook, path: Path, content: Content, campaign_id: str) -> Unit:
    """The registered unit a workbook is for: its 基本信息 单位 cell, else its file name."""
    named = None
    if lay.BASICS_SHEET in book.sheetnames:
        ws = book[lay.BASICS_SHEET]
        for offset, spec in enumerate(lay.BASICS):
            if spec.field == "_unit":
                named = _text(ws.cell(lay.FIRST_ROW + offset, 2).value)
    unit = match_unit(content.units, named) if named else match_unit(content.units, path.stem)
    if unit is None:
        where = f"“基本信息”表写的单位“{named}”" if named else "填报表的“单位”一栏是空白，文件名"
        raise CommandError(
            f"无法确定是哪个单位的填报表：{where}不是已登记的单位",
            path=path.as_posix(),
            hint=f"用 --unit 指定单位 id，如 zongjie import {path.name} --campaign {campaign_id} "
            "--unit <单位id>；新单位先用 zongjie new unit 登记",
        )
    return unit


def _unconfirmed(report: Report) -> list[str]:
    """Everything the unit filled in that counts: each typed metric, each list, the 办实事 count."""
    marks = [f"metrics.{key}" for key in report.metrics]
    for key in ("activities", "trainings", "outreach", "shishi", "rectification"):
        if getattr(report, key):
            marks.append(key)
    if report.shishi_count is not None:
        marks.append("shishi_count")
    return marks


# -- opening ------------------------------------------------------------------------------


def _file_error(name: str, message: str, hint: str) -> ContentError:
    return ContentError([Problem(name, 1, message, field="文件", hint=hint)])


def open_workbook(path: Path, name: str) -> Workbook:
    """The workbook, or one clear problem for a file that is not an .xlsx workbook."""
    if not path.is_file():
        raise CommandError(f"找不到文件：{path}", hint="检查文件名和路径；含空格的路径请加引号")
    with open(path, "rb") as handle:
        raw = handle.read(4096)
    if raw.startswith(OLE_MAGIC):
        raise _file_error(
            name,
            "这是旧版 Excel 97-2003 工作簿（.xls）或设有打开密码的工作簿，无法读取",
            "在 Excel 或 WPS 中打开，去掉打开密码，“另存为”Excel 工作簿（*.xlsx）后再导入",
        )
    if not raw.startswith(ZIP_MAGIC):
        raise _file_error(
            name, "不是 Excel 工作簿（.xlsx）：文件内容不是 Excel 格式", _not_xlsx(raw)
        )
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise _file_error(
            name, "Excel 工作簿已损坏（无法解压）", "在 Excel 中打开并“另存为”新的 .xlsx 文件"
        ) from None
    if "xl/workbook.xml" not in names:
        kind = "Word 文档" if "word/document.xml" in names else "ZIP 压缩包或其他 Office 文件"
        raise _file_error(
            name, f"不是 Excel 工作簿，而是{kind}", "请导入 zongjie template 生成的填报表"
        )
    try:
        check_workbook_parts(path)
    except OfficeFileError as exc:
        raise _file_error(name, exc.message, exc.hint) from None
    try:
        return load_workbook(path, data_only=False)
    except Exception as exc:  # noqa: BLE001 (openpyxl raises many kinds on malformed parts)
        raise _file_error(
            name,
            f"无法读取 Excel 工作簿（{type(exc).__name__}）",
            "在 Excel 中打开并“另存为”新的 .xlsx 文件后重试",
        ) from None


def _not_xlsx(raw: bytes) -> str:
    head = raw.lstrip()
    if head.startswith(b"%PDF"):
        return "这是 PDF 文件；请交回填报表的 Excel 文件"
    if head[:1] == b"<":
        return "这是网页（HTML/XML）文件；在 Excel 中打开并“另存为” .xlsx 后再导入"
    if b"," in head or b"\t" in head:
        return "这像是 CSV 或文本文件；请在 Excel 中打开原填报表并保存为 .xlsx"
    return "请交回用 Excel 或 WPS 保存的 .xlsx 填报表"


# -- reading ------------------------------------------------------------------------------


class WorkbookReader:
    """Reads a filled-in workbook into report data, collecting every problem by cell."""

    def __init__(
        self, book: Workbook, name: str, content: Content, campaign_id: str, unit_id: str
    ) -> None:
        self.book, self.name, self.content = book, name, content
        self.campaign_id, self.unit_id = campaign_id, unit_id
        self.campaign: Campaign = content.campaigns[campaign_id].campaign
        self.problems: list[Problem] = []
        self.cells: list[CellRef] = [
            CellRef(lay.BASICS_SHEET, 1, 1),
            CellRef(lay.BASICS_SHEET, 1, 1),
        ]
        self.lines: dict[Loc, tuple[int, int]] = {}
        self.labels = resource_labels(content)

    # problems and locations

    def error(self, ref: CellRef, message: str, hint: str = "") -> None:
        self.problems.append(
            Problem(self.name, ref.row, message, ref.header, hint, ref.col, cell=ref.name)
        )

    def mark(self, loc: Loc, ref: CellRef) -> None:
        """Remember that ``loc`` in the report data came from ``ref``."""
        self.cells.append(ref)
        self.lines[loc] = (len(self.cells) - 1, 1)

    def at_cell(self, problem: Problem) -> Problem:
        """A problem found in the assembled data (located by :meth:`mark`), at its cell."""
        ref = self.cells[problem.line] if 0 < problem.line < len(self.cells) else self.cells[1]
        named = self.lines.get(parse_dotted(problem.field))  # the field can be more precise
        if named is not None:
            ref = self.cells[named[0]]
        hint = problem.hint
        if re.search("[A-Za-z_]{3,}", hint):  # a hint in the YAML file's terms
            last = problem.field.rsplit(".", 1)[-1].split("[")[0]
            hint = WORKBOOK_HINTS.get(
                "metrics" if problem.field.startswith("metrics") else last, ""
            )
        message = re.sub(
            " ?([A-Za-z_]+) ?",
            lambda m: WORKBOOK_WORDS.get(m.group(1), m.group()),
            problem.message,
        )
        return replace(
            problem,
            path=self.name,
            line=ref.row,
            col=ref.col,
            cell=ref.name,
            field=ref.header or problem.field,
            message=message,
            hint=hint,
        )

    # the workbook as a whole

    def read(self) -> tuple[Report, list[Problem]]:
        sheets = self.check_sheets()
        data: dict[str, Any] = {}
        if lay.BASICS_SHEET in sheets:
            data |= self.read_basics(sheets[lay.BASICS_SHEET])
        if lay.METRICS_SHEET in sheets:
            data["metrics"] = self.read_metrics(sheets[lay.METRICS_SHEET])
        rows = {
            s.name: self.read_rows(sheets[s.name], s) for s in lay.LIST_SHEETS if s.name in sheets
        }
        data |= self.assemble(rows)
        doc = YamlDocument(self.name, data, self.lines)
        report, problems = validate(Report, doc)
        found = [self.at_cell(p) for p in problems]
        if isinstance(report, Report):
            entry = ReportEntry(self.campaign_id, self.unit_id, report, doc, {})
            checked = check_report(self.content, entry)
            if self.problems:  # totals would miss the bad cells: only the per-cell date checks
                checked = [p for p in checked if p.field.rsplit(".", 1)[-1] == "date"]
            found += [self.at_cell(p) for p in checked]
        # A bad cell is left out of the data, so what the schema says about its row only
        # follows from the first problem.
        bad_rows = {(p.cell.split("!")[0], p.line) for p in self.problems}
        errors = self.problems + [
            p
            for p in found
            if p.severity == "error" and (p.cell.split("!")[0], p.line) not in bad_rows
        ]
        if errors or report is None:
            raise ContentError(sorted(errors, key=_reading_order))
        assert isinstance(report, Report)
        return report, [p for p in found if p.severity == "warning"]

    def check_sheets(self) -> dict[str, Worksheet]:
        """The expected sheets, each checked for merged cells, hidden rows and formulas."""
        present = {ws.title: ws for ws in self.book.worksheets if isinstance(ws, Worksheet)}
        expected = [n for n in lay.SHEET_ORDER if n != lay.INSTRUCTIONS_SHEET]
        missing = [n for n in expected if n not in present]
        if len(missing) == len(expected):
            first = self.book.sheetnames[0] if self.book.sheetnames else lay.BASICS_SHEET
            self.error(
                CellRef(first, 1, 1, "工作表"),
                f"这不是填报表：没有“{'”“'.join(expected[:3])}”等工作表",
                "请导入用 zongjie template 生成并填好的填报表",
            )
            raise ContentError(self.problems)
        for sheet_name in missing:
            self.error(
                CellRef(sheet_name, 1, 1, "工作表"),
                f"缺少工作表“{sheet_name}”（可能被删除或改名）",
                f"不用的工作表请保留为空表；{REGENERATE}",
            )
        known = {*lay.SHEET_ORDER, lay.CHOICES_SHEET}
        for ws in present.values():
            if ws.title not in known and _has_values(ws):
                self.error(
                    CellRef(ws.title, 1, 1, "工作表"),
                    f"工作表“{ws.title}”不是填报表的一部分，其中的内容不会导入",
                    "把数据移到对应的工作表后删除这个工作表",
                )
        checked: dict[str, Worksheet] = {n: present[n] for n in expected if n in present}
        for sheet in checked.values():
            self.check_sheet(sheet)
        return checked

    def check_sheet(self, ws: Worksheet) -> None:
        title = ws.title
        if ws.sheet_state != "visible":
            self.error(
                CellRef(title, 1, 1, "工作表"),
                "工作表被隐藏了",
                "右键单击任一工作表标签 →“取消隐藏”，核对其中的数据后再导入",
            )
        for merged in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            self.error(
                CellRef(title, merged.min_row, merged.min_col, "合并单元格"),
                f"合并了单元格 {merged.coord}：每个单元格只能填一个值",
                "选中后“取消合并单元格”，在每一行分别填写",
            )
        for index, dim in sorted(ws.row_dimensions.items()):
            if dim.hidden:
                self.error(
                    CellRef(title, index, 1, "隐藏行"),
                    f"第 {index} 行被隐藏了：隐藏的行也会导入，必须看得见",
                    "选中上下相邻的行，右键 →“取消隐藏”；不要的行请删除",
                )
        for column in ws.column_dimensions.values():
            if column.hidden:
                low, high = column.min or 1, column.max or column.min or 1
                first, last = get_column_letter(low), get_column_letter(high)
                span = first if first == last else f"{first}:{last}"
                self.error(
                    CellRef(title, 1, low, "隐藏列"),
                    f"第 {span} 列被隐藏了",
                    "选中左右相邻的列，右键 →“取消隐藏”",
                )
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and cell.row and cell.column:
                    formula = str(cell.value)[:40]
                    self.error(
                        CellRef(title, cell.row, cell.column, _header_of(ws, cell.column)),
                        f"填写的是公式“{formula}”，只能填写数值",
                        "复制这个单元格，再“选择性粘贴 → 数值”粘贴回原处",
                    )

    # sheets

    def check_headers(self, ws: Worksheet, row: int, titles: list[str]) -> bool:
        ok = True
        for col, title in enumerate(titles, start=1):
            found = _text(ws.cell(row, col).value) or ""
            if found.rstrip("*") != title.rstrip("*"):
                shown = f"“{found}”" if found else "空白"
                self.error(
                    CellRef(ws.title, row, col, "表头"),
                    f"表头应为“{title}”，实际为{shown}",
                    f"不要修改表头；改回“{title}”，或{REGENERATE}",
                )
                ok = False
        for col in range(len(titles) + 1, (ws.max_column or 0) + 1):
            for r in range(row, (ws.max_row or 0) + 1):
                value = ws.cell(r, col).value
                if _text(value) is not None:
                    self.error(
                        CellRef(ws.title, r, col, "多余的列"),
                        f"填报表在这一列没有表头，“{_text(value)}”不会导入",
                        "把内容移到对应的列，或删除这一列",
                    )
                    break
        return ok

    def read_basics(self, ws: Worksheet) -> dict[str, Any]:
        if not self.check_headers(ws, lay.HEADER_ROW, list(lay.BASICS_HEADERS)):
            return {}
        data: dict[str, Any] = {}
        for offset, spec in enumerate(lay.BASICS):
            row = lay.FIRST_ROW + offset
            label = _text(ws.cell(row, 1).value) or ""
            if label.rstrip("*") != spec.header:
                self.error(
                    CellRef(ws.title, row, 1, "项目"),
                    f"这一行应为“{spec.title}”，实际为“{label}”",
                    f"不要插入、删除或改动这张表的行；{REGENERATE}",
                )
                continue
            ref = CellRef(ws.title, row, 2, spec.header)
            value = self.convert(ws.cell(row, 2).value, spec.kind, ref)
            if spec.field == "_campaign":
                self.check_campaign(value, ref)
            elif spec.field == "_unit":
                self.check_unit(value, ref)
            elif value is None and spec.required:
                self.error(ref, f"缺少必填项“{spec.header}”", f"在 {ref.name} 填写{spec.header}")
            elif value is not None:
                data[spec.field] = value
                self.mark((spec.field,), ref)
        self.nothing_below(ws, lay.FIRST_ROW + len(lay.BASICS), "项目")
        return data

    def check_campaign(self, value: Any, ref: CellRef) -> None:
        if value != self.campaign.display_title:
            self.error(
                ref,
                f"这是“{value or '（空白）'}”的填报表，不是“{self.campaign.display_title}”的",
                f"检查 --campaign；或用 zongjie template --campaign {self.campaign_id} 重新生成",
            )

    def check_unit(self, value: Any, ref: CellRef) -> None:
        unit = self.content.units[self.unit_id]
        if value is not None and value not in (unit.name, unit.short_name):
            self.error(
                ref,
                f"这是“{value}”的填报表，不是“{unit.name}”的",
                "检查 --unit 是否写错；确是本单位的数据时清空这个单元格",
            )

    def read_metrics(self, ws: Worksheet) -> dict[str, Any]:
        if not self.check_headers(ws, lay.HEADER_ROW, list(lay.METRICS_HEADERS)):
            return {}
        values: dict[str, Any] = {}
        self.mark(("metrics",), CellRef(ws.title, lay.FIRST_ROW, lay.METRIC_VALUE_COL, "数值"))
        for offset, metric in enumerate(self.campaign.metrics):
            row = lay.FIRST_ROW + offset
            label = _text(ws.cell(row, 1).value) or ""
            if label != metric.label:
                self.error(
                    CellRef(ws.title, row, 1, "指标"),
                    f"这一行应为指标“{metric.label}”，实际为“{label}”",
                    f"不要插入、删除或改动指标行；填报表可能是按旧的活动设置生成的，{REGENERATE}",
                )
                continue
            ref = CellRef(ws.title, row, lay.METRIC_VALUE_COL, metric.label)
            self.mark(("metrics", metric.id), ref)  # also where an empty one is warned about
            value = self.convert(ws.cell(row, lay.METRIC_VALUE_COL).value, "int", ref)
            if value is not None:
                values[metric.id] = value
        self.nothing_below(ws, lay.FIRST_ROW + len(self.campaign.metrics), "指标")
        return values

    def nothing_below(self, ws: Worksheet, first: int, what: str) -> None:
        """A fixed-row sheet (基本信息, 指标) has nothing to import below its rows."""
        for row in range(first, (ws.max_row or 0) + 1):
            filled = [c for c in ws[row] if _text(c.value) is not None]
            if filled and filled[0].column:
                self.error(
                    CellRef(ws.title, row, filled[0].column, what),
                    f"本表没有这一行{what}，“{_text(filled[0].value)}”不会导入",
                    "删除这一行，把内容填到对应的工作表或行中",
                )

    def read_rows(self, ws: Worksheet, sheet: lay.ListSheet) -> list[tuple[int, dict[str, Any]]]:
        """Non-empty rows of a list sheet as (row number, field → converted value)."""
        if not self.check_headers(ws, lay.HEADER_ROW, [c.title for c in sheet.columns]):
            return []
        rows = []
        for row in range(lay.FIRST_ROW, (ws.max_row or 0) + 1):
            raw = [ws.cell(row, col).value for col in range(1, len(sheet.columns) + 1)]
            if all(_text(v) is None for v in raw):
                continue  # empty rows are allowed anywhere
            values: dict[str, Any] = {}
            for col, (column, value) in enumerate(zip(sheet.columns, raw, strict=True), start=1):
                ref = CellRef(ws.title, row, col, column.header)
                converted = self.convert(value, column.kind, ref, column)
                if converted is None and column.required and _text(value) is None:
                    self.error(
                        ref,
                        f"缺少必填项“{column.header}”",
                        f"填写{column.header}，或删除整行",
                    )
                if converted is not None:
                    values[column.field] = converted
            rows.append((row, values))
        return rows

    # cells

    def convert(self, value: Any, kind: str, ref: CellRef, column: lay.Col | None = None) -> Any:
        """The cell's value as report data; ``None`` (and a problem) where it cannot be."""
        if isinstance(value, str) and value.startswith("="):
            return None  # a formula, reported by check_sheet
        text = _text(value)
        if text is None:
            return None
        match kind:
            case "int":
                return self.to_int(value, text, ref, column.minimum if column else 0)
            case "date":
                return self.to_date(value, text, ref)
            case "choice":
                choices = column.choices if column else ()
                if text not in choices and not (column and column.open_choice):
                    self.error(
                        ref,
                        f"应为“{'”“'.join(choices)}”之一，实际为“{text}”",
                        "从下拉列表中选择",
                    )
                    return None
                return text
            case "resource":
                rid = self.labels.get(text) or _resource_id(self.content, text)
                if rid is None:
                    self.error(
                        ref,
                        f"资源目录中没有“{text}”",
                        "从下拉列表中选择；目录中没有的资源请联系活动办公室登记",
                    )
                return rid
            case "names":
                return [n.strip() for n in re.split(f"[{lay.NAME_SEPARATORS}]", text) if n.strip()]
        return text

    def to_int(self, value: Any, text: str, ref: CellRef, minimum: int) -> int | None:
        number: int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float):
            if not value.is_integer():
                self.error(ref, f"应为整数，不能有小数，实际为 {text}", "填写整数，如 3")
                return None
            number = int(value)
        else:
            plain = unicodedata.normalize("NFKC", text).replace(",", "")
            number = int(plain) if re.fullmatch(r"[+-]?\d+", plain) else None
        if number is None:
            self.error(ref, f"应为整数，实际为“{text}”", "只填阿拉伯数字，如 3（不写“三次”“3次”）")
            return None
        if number < minimum:
            self.error(ref, f"应为不小于 {minimum} 的整数，实际为 {number}", "")
            return None
        return number

    def to_date(self, value: Any, text: str, ref: CellRef) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        match = DATE.match(unicodedata.normalize("NFKC", text)) if isinstance(value, str) else None
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                pass
        self.error(
            ref,
            f"应为日期，如 2021-03-26，实际为“{text}”",
            "按“年-月-日”填写，或把单元格格式设为日期",
        )
        return None

    # rows into the report's lists

    def assemble(self, rows: dict[str, list[tuple[int, dict[str, Any]]]]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        simple = (lay.ACTIVITIES, lay.TRAININGS, lay.SHISHI)
        for sheet in simple:
            items = []
            for i, (row, values) in enumerate(rows.get(sheet.name, [])):
                self.mark_row((sheet.key, i), sheet, row, values)
                items.append(values)
            if items:
                data[sheet.key] = items
        outreach = self.nest(rows, lay.OUTREACH, lay.DISTRIBUTED, "distributed")
        rectification = self.nest(rows, lay.RECTIFICATION, lay.ITEMS, "items")
        for group in rectification:
            status = {s: group.pop(s) for s in lay.STATUS_FIELDS if s in group}
            if status:
                group["status"] = status
        if outreach:
            data["outreach"] = outreach
        if rectification:
            data["rectification"] = rectification
        resources = [(row, v["resource"]) for row, v in rows.get(lay.RESOURCES.name, []) if v]
        for i, (row, rid) in enumerate(resources):  # an unknown one is already reported
            self.mark(("resources", i), CellRef(lay.RESOURCES.name, row, 1, "学习资源"))
            data.setdefault("resources", []).append(rid)
        return data

    def mark_row(self, loc: Loc, sheet: lay.ListSheet, row: int, values: dict[str, Any]) -> None:
        self.mark(loc, CellRef(sheet.name, row, 1, sheet.columns[0].header))
        for field_name in values:
            if field_name.startswith("_"):
                continue
            col = sheet.column(field_name)
            ref = CellRef(sheet.name, row, col, sheet.columns[col - 1].header)
            if sheet is lay.RECTIFICATION and field_name in lay.STATUS_FIELDS:
                if (*loc, "status") not in self.lines:
                    self.mark((*loc, "status"), ref)
                self.mark((*loc, "status", field_name), ref)
            else:
                self.mark((*loc, field_name), ref)

    def nest(
        self,
        rows: dict[str, list[tuple[int, dict[str, Any]]]],
        outer: lay.ListSheet,
        inner: lay.ListSheet,
        key: str,
    ) -> list[dict[str, Any]]:
        """Rows of ``outer`` with the rows of ``inner`` that name them by 序号 as ``key``."""
        groups: list[dict[str, Any]] = []
        by_no: dict[int, int] = {}
        for i, (row, values) in enumerate(rows.get(outer.name, [])):
            no = values.pop("_no", None)
            if no is not None:
                if no in by_no:
                    self.error(
                        CellRef(outer.name, row, 1, "序号"),
                        f"序号 {no} 重复",
                        "每行的序号各不相同，“" + inner.name + "”表才能对应",
                    )
                by_no[no] = i
            self.mark_row((outer.key, i), outer, row, values)
            groups.append(values)
        for row, values in rows.get(inner.name, []):
            parent = values.pop("_parent", None)
            if parent is None:
                continue  # reported as a missing required cell
            if parent not in by_no:
                self.error(
                    CellRef(inner.name, row, 1, inner.columns[0].header),
                    f"“{outer.name}”表中没有序号为 {parent} 的行",
                    f"填写“{outer.name}”表中对应那一行的序号",
                )
                continue
            group = groups[by_no[parent]]
            j = len(group.setdefault(key, []))
            self.mark_row((outer.key, by_no[parent], key, j), inner, row, values)
            group[key].append(values)
        return groups


def _reading_order(problem: Problem) -> tuple[int, int, int]:
    """Sheets in the workbook's order, then top to bottom and left to right."""
    sheet = problem.cell.split("!")[0]
    order = lay.SHEET_ORDER.index(sheet) if sheet in lay.SHEET_ORDER else len(lay.SHEET_ORDER)
    return order, problem.line, problem.col


def _text(value: Any) -> str | None:
    """A cell's value as text, ``None`` when it is empty."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip(" \t\r\n\u3000\xa0")
    return text or None


def _has_values(ws: Worksheet) -> bool:
    return any(_text(c.value) is not None for row in ws.iter_rows() for c in row)


def _header_of(ws: Worksheet, col: int) -> str:
    return (_text(ws.cell(lay.HEADER_ROW, col).value) or "").rstrip("*")


def _resource_id(content: Content, text: str) -> str | None:
    """A resource typed by its id or bare title instead of picked from the list."""
    if text in content.resources:
        return text
    hits = [rid for rid, r in content.resources.items() if text.strip("《》") == r.title]
    return hits[0] if len(hits) == 1 else None
