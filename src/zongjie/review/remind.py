"""催报名单: the outstanding units of a campaign with their contacts, as .xlsx and .csv.

For the campaign office only: the contacts in ``units.yml`` are written here and nowhere on the
readers' site. The CSV starts with a UTF-8 BOM, which is what makes Excel read it as UTF-8.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from zongjie import atomic
from zongjie.data.content import Content
from zongjie.excel import style
from zongjie.excel.export import spreadsheet_safe, workbook_bytes
from zongjie.review.progress import CampaignProgress, contact_of

HEADERS = ("序号", "所属组织", "单位", "状态", "报送截止", "逾期天数", "联系人", "电话", "电子邮箱")
HEADER_ROW = 3


def reminder_rows(content: Content, found: CampaignProgress) -> list[list[str | int]]:
    """One row per outstanding unit, most overdue first (the order of :data:`HEADERS`)."""
    rows: list[list[str | int]] = []
    for i, u in enumerate(found.outstanding, start=1):
        contact = contact_of(content, u.unit)
        rows.append(
            [
                i,
                u.org_path,
                u.name,
                u.status,
                u.due.isoformat() if u.due else "",
                u.days_overdue or "",
                contact.name or "",
                contact.phone or "",
                contact.email or "",
            ]
        )
    return rows


def reminder_csv(rows: list[list[str | int]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([spreadsheet_safe(v) if isinstance(v, str) else v for v in row])
    return out.getvalue().encode("utf-8-sig")


def reminder_workbook(found: CampaignProgress, rows: list[list[str | int]]) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "催报名单"
    last = get_column_letter(len(HEADERS))
    due = f"报送截止 {found.due}" if found.due else "未设报送截止日期"
    for row, text, font in (
        (1, f"{found.title}催报名单", style.TITLE),
        (2, f"截至 {found.today}，{due}，共 {len(rows)} 个单位", style.NOTE),
    ):
        cell = sheet.cell(row, 1, text)
        cell.data_type = "s"
        cell.font = font
        cell.alignment = style.WRAP_CENTER
        sheet.merge_cells(f"A{row}:{last}{row}")
    for col, heading in enumerate(HEADERS, start=1):
        cell = sheet.cell(HEADER_ROW, col, heading)
        cell.font, cell.fill, cell.border = style.BOLD, style.HEADER_FILL, style.BOX
        cell.alignment = style.WRAP_CENTER
    for r, values in enumerate(rows, start=HEADER_ROW + 1):
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(r, col, value)
            if isinstance(value, str):
                cell.data_type = "s"  # a name starting with “=” stays text, never a formula
            cell.font, cell.border = style.BODY, style.BOX
            cell.alignment = style.RIGHT if isinstance(value, int) else style.WRAP_LEFT
    for col in range(1, len(HEADERS) + 1):
        texts = [HEADERS[col - 1], *(row[col - 1] for row in rows)]
        sheet.column_dimensions[get_column_letter(col)].width = style.fit_width(texts)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    style.print_landscape(sheet, f"{HEADER_ROW}:{HEADER_ROW}")
    book.properties.title = f"{found.title}催报名单"
    book.properties.creator = "zongjie"
    return book


def write_reminders(content: Content, found: CampaignProgress, out: Path) -> tuple[Path, Path]:
    """``催报-<campaign>.xlsx`` and ``.csv`` in ``out``."""
    rows = reminder_rows(content, found)
    out.mkdir(parents=True, exist_ok=True)
    xlsx, csv_file = out / f"催报-{found.id}.xlsx", out / f"催报-{found.id}.csv"
    atomic.write_bytes(xlsx, workbook_bytes(reminder_workbook(found, rows), found.today))
    atomic.write_bytes(csv_file, reminder_csv(rows))
    return xlsx, csv_file
