"""A campaign table (overview or progress) as .xlsx and .csv downloads beside its page.

Both files hold the page's table (:mod:`zongjie.data.tables`) with its whole subtree: every
unit under its organisations' subtotal rows, same 合计, same cells flagged below target. The
.xlsx groups the rows by level as Excel's own 分类汇总 does (outline levels, the subtotal above
its rows), so a leader can collapse to the counties; subtotal and total cells are ``SUBTOTAL``
formulas that carry their values, so a corrected cell recomputes and a reader that does not
calculate still shows the numbers. Numbers are numeric cells; the .csv is UTF-8 with a BOM so
Excel on a Chinese Windows opens it without garbling. They carry the build's date
(:func:`zongjie.dates.build_time`), so they are byte-identical from build to build of one commit,
like the rest of the site.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from weakref import WeakKeyDictionary

from lxml import etree
from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import Outline
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.constants import ARC_CORE as CORE_PROPERTIES
from openpyxl.xml.functions import tostring

from zongjie import atomic
from zongjie.data.tables import Cell, Column, Row, Table
from zongjie.dates import chinese_date
from zongjie.excel import style

SHEET_NAMES = {"overview": "数据总览", "progress": "整改进度"}
HEADER_ROW = 3
MISSING_NOTE = "空白表示该单位未填写此项。"
ROW_KINDS = {"unit": "单位", "own": "本级", "org": "小计"}
FIRST_SHEET = "xl/worksheets/sheet1.xml"
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def heading(column: Column) -> str:
    return f"{column.label}（{column.measure}）" if column.measure else column.label


def _value(cell: Cell, column: Column) -> int | float | None:
    """The cell as a number a spreadsheet can sum: percentages as fractions (85.7 → 0.857)."""
    if cell.value is None or not column.percent:
        return cell.value
    return round(cell.value / 100, 3)


# -- .csv -----------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """A text cell that no spreadsheet takes for a formula (OWASP's CSV injection advice): one
    starting with = + - @, a tab or a carriage return gets a leading apostrophe, which Excel and
    LibreOffice show as the mark of a text cell. Numbers are written as numbers, unprefixed."""
    return "'" + text if text.startswith(FORMULA_START) else text


def table_csv(table: Table) -> bytes:
    """The table as CSV: a header line, one line per row (organisations' subtotals and units,
    each with the organisations above it), then 合计; empty where no value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    headings = [
        spreadsheet_safe(heading(c) + ("（%）" if c.percent else "")) for c in table.columns
    ]
    writer.writerow(["单位", "类别", "所属组织", *headings])
    for row in (*table.rows, table.total):
        values = ("" if c.value is None else c.value for c in row.cells)
        label, path = spreadsheet_safe(row.marked_label), spreadsheet_safe(row.path)
        writer.writerow([label, ROW_KINDS[row.kind], path, *values])
    return out.getvalue().encode("utf-8-sig")


# -- .xlsx ------------------------------------------------------------------------


def table_workbook(table: Table, built: dt.date) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_NAMES.get(table.name, table.name)
    style.register_table_styles(book)
    width = len(table.columns) + 1
    _title(sheet, table.full_title, f"生成日期：{chinese_date(built)}", width)
    headings = ["单位", *(heading(c) for c in table.columns)]
    for col, text in enumerate(headings, start=1):
        cell = _text(sheet, HEADER_ROW, col, text)
        cell.font, cell.fill, cell.border, cell.alignment = (
            style.BOLD,
            style.HEADER_FILL,
            style.BOX,
            style.WRAP_CENTER,
        )
    first = HEADER_ROW + 1
    total_row = first + len(table.rows)
    for offset, row in enumerate(table.rows):
        at = first + offset
        end = _end_of_block(table.rows, offset) + first
        formula = (at + 1, end) if row.kind == "org" else None
        _data_row(sheet, at, row, table.columns, total=False, block=formula)
        if row.depth > 1:
            sheet.row_dimensions[at].outlineLevel = min(row.depth - 1, 7)
    _data_row(
        sheet, total_row, table.total, table.columns, total=True, block=(first, total_row - 1)
    )
    sheet.sheet_properties.outlinePr = Outline(summaryBelow=False, summaryRight=False)
    _notes(sheet, total_row + 2, table)
    labels = [row.marked_label for row in (*table.rows, table.total)]
    widths = [style.fit_width(labels, minimum=10, maximum=24)]
    widths += [style.fit_width([h], minimum=8, maximum=14) for h in headings[1:]]
    for col, w in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = w
    lines = max(style.lines_needed(h, w) for h, w in zip(headings, widths, strict=True))
    sheet.row_dimensions[HEADER_ROW].height = lines * style.POINTS_PER_LINE + 6
    sheet.freeze_panes = f"B{first}"
    if table.rows and not any(r.kind == "org" for r in table.rows):  # sorting would undo groups
        last = get_column_letter(width)
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{total_row - 1}"
    style.print_landscape(sheet, f"{HEADER_ROW}:{HEADER_ROW}", "A:A")
    book.properties.title = table.full_title
    book.properties.creator = "zongjie"
    return book


def _text(sheet: Worksheet, row: int, col: int, text: str) -> SheetCell:
    """A text cell, even for text that starts with “=”: openpyxl would store that as a formula."""
    cell = sheet.cell(row, col, text)
    cell.data_type = "s"
    return cell


def _title(sheet: Worksheet, title: str, subtitle: str, width: int) -> None:
    last = get_column_letter(max(width, 2))
    for row, text, font in ((1, title, style.TITLE), (2, subtitle, style.NOTE)):
        cell = _text(sheet, row, 1, text)
        cell.font = font
        cell.alignment = style.WRAP_CENTER if row == 1 else style.RIGHT
        sheet.merge_cells(f"A{row}:{last}{row}")
    sheet.row_dimensions[1].height = 28


_CACHED: WeakKeyDictionary[Workbook, dict[str, object]] = WeakKeyDictionary()
"""The value of each formula cell of a workbook, written beside its formula when it is saved
(openpyxl writes formulas without values)."""


def _cached(sheet: Worksheet) -> dict[str, object]:
    book = sheet.parent
    assert book is not None
    return _CACHED.setdefault(book, {})


def _end_of_block(rows: tuple[Row, ...], index: int) -> int:
    """The index of the last row under ``rows[index]`` (an organisation's subtotal)."""
    depth, end = rows[index].depth, index
    while end + 1 < len(rows) and rows[end + 1].depth > depth:
        end += 1
    return end


def _data_row(
    sheet: Worksheet,
    row: int,
    data: Row,
    columns: tuple[Column, ...],
    *,
    total: bool,
    block: tuple[int, int] | None = None,
) -> None:
    """One row; a subtotal or total (``block``: the rows it adds up) as formulas."""
    sheet.row_dimensions[row].height = 18
    subtotal = total or data.kind == "org"
    _text(sheet, row, 1, data.marked_label).style = "zj-label-total" if subtotal else "zj-label"
    counts = {c.label: i for i, c in enumerate(columns, start=2) if not c.percent}
    for col, (cell, column) in enumerate(zip(data.cells, columns, strict=True), start=2):
        value = _value(cell, column)
        formula = _formula(col, column, counts, block, row) if block and value is not None else None
        out = sheet.cell(row, col, formula or value)
        if formula:
            _cached(sheet)[out.coordinate] = value
        out.style = style.number_style(
            percent=column.percent, below=cell.below_target, total=subtotal
        )


def _formula(
    col: int, column: Column, counts: dict[str, int], block: tuple[int, int], row: int
) -> str | None:
    """``SUBTOTAL(9, …)`` of a count over the block (nested subtotals are skipped by Excel);
    a rate as its rectified count over its problems, when both are columns of the table."""
    letter = get_column_letter(col)
    if not column.percent:
        return f"=SUBTOTAL(9,{letter}{block[0]}:{letter}{block[1]})"
    fixed, problems = counts.get("已整改"), counts.get("查摆问题")
    if fixed is None or problems is None:
        return None
    a, b = get_column_letter(fixed), get_column_letter(problems)
    return f'=IF({b}{row}=0,"",ROUND({a}{row}/{b}{row},3))'


def _notes(sheet: Worksheet, row: int, table: Table) -> None:
    notes = []
    if table.targets:
        targets = "，".join(f"{c.label} {c.target}{c.measure}" for c in table.targets)
        notes.append(f"标红的数字低于该指标的目标值：{targets}。")
    if any(c.value is None for r in table.rows for c in r.cells):
        notes.append(MISSING_NOTE)
    for offset, text in enumerate(notes):
        sheet.cell(row + offset, 1, text).font = style.NOTE


def workbook_bytes(book: Workbook, when: dt.date) -> bytes:
    """The saved workbook, stamped ``when`` throughout: openpyxl stamps the zip entries and the
    document's “modified” property with the clock, which would make every build differ."""
    raw = io.BytesIO()
    book.save(raw)
    cached = _CACHED.get(book, {})
    book.properties.created = book.properties.modified = dt.datetime.combine(when, dt.time())
    core = tostring(book.properties.to_tree())
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            data = core if info.filename == CORE_PROPERTIES else source.read(info)
            if cached and info.filename == FIRST_SHEET:
                data = _with_values(data, cached)
            target.writestr(entry, data)
    return out.getvalue()


def _with_values(sheet_xml: bytes, values: dict[str, object]) -> bytes:
    """The sheet with each formula cell's value written beside its formula, as Excel does."""
    root = etree.fromstring(sheet_xml)
    for cell in root.iter(f"{{{SHEET_NS}}}c"):
        value = values.get(cell.get("r", ""))
        if value is None or cell.find(f"{{{SHEET_NS}}}f") is None:
            continue
        v = cell.find(f"{{{SHEET_NS}}}v")
        if v is None:
            v = etree.SubElement(cell, f"{{{SHEET_NS}}}v")
        v.text = repr(value) if isinstance(value, float) else str(value)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- into the site -------------------------------------------------------------------


def write_downloads(tables: Iterable[Table], site_dir: Path, built: dt.date) -> list[Path]:
    """Write each table's .xlsx and .csv where its page links to them (``Table.site_path``)."""
    written = []
    for table in tables:
        xlsx = site_dir / table.site_path("xlsx")
        atomic.write_bytes(xlsx, workbook_bytes(table_workbook(table, built), built))
        csv_path = site_dir / table.site_path("csv")
        atomic.write_bytes(csv_path, table_csv(table))
        written += [xlsx, csv_path]
    return written
