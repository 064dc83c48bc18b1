"""``zongjie template``: the fill-in workbook (填报表) a unit fills in and returns.

One sheet per list of the report, laid out by :mod:`zongjie.excel.layout`; drop-downs for
statuses, activity kinds and resources; whole numbers ≥ 0 and dates within the campaign period
checked as they are typed; headers protected. With a unit that has reported, the rows come
pre-filled with that report, so a unit can correct last round's figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from zongjie import atomic
from zongjie.data.content import Content
from zongjie.data.models import Campaign, Metric, Report
from zongjie.data.yamlfile import relpath
from zongjie.dates import chinese_date
from zongjie.errors import CommandError
from zongjie.excel import layout as lay
from zongjie.excel import style
from zongjie.excel.export import workbook_bytes

OPEN = Protection(locked=False)
DATE_FORMAT = "yyyy-mm-dd"
BLANK_ROWS = 12
"""Empty bordered rows below the pre-filled ones, so a printed form has room to write in."""
HOW_TO_FILL = (
    "1. 各工作表第 1 行是说明，第 2 行是表头（已保护，不能修改），从第 3 行起每行填一项；"
    "可以插入或删除行，空行会被忽略。",
    "2. 带 * 的列必填。数字列只填阿拉伯数字整数（如 3，不写“三次”）；"
    "日期填 2021-03-26 这样的日期。",
    "3. “状态”“计量”“学习资源”从下拉列表选择；“活动”表的类型可从下拉列表选择，"
    "列表中没有的类型可直接输入。",
    "4. 走访中赠送的书刊物品填在“赠阅”表，逐条列出的问题填在“问题清单”表，"
    "分别用“走访”“整改”表的序号对应。",
    "5. “指标”表中标明“可不填”的数值由系统按各表自动统计；其余指标请填写数值。",
    "6. 请勿改名、删除或隐藏工作表，勿修改表头，勿合并单元格，勿隐藏行或列，勿填写公式"
    "（从别处复制时请用“选择性粘贴 → 数值”）。",
    "7. 填好后仍保存为 Excel 工作簿（.xlsx），不要另存为 .xls、.csv 或 WPS 格式，交回活动办公室。",
)
HOW = {
    "activities": "按“活动”表中类型为“{kind}”的次数合计",
    "trainings": "按“培训”表的参训人数合计",
    "outreach_sites": "按“走访”表的点位数合计",
    "distributed": "按“赠阅”表的册数（未填册数时为数量）合计",
    "shishi": "按“办实事”表的件数（或“基本信息”中的办实事件数）",
    "problems": "按“整改”表中以“个”计的问题数合计",
    "rectified": "按“整改”“问题清单”表中已整改的问题数合计",
}


def activity_kinds(content: Content, campaign_id: str) -> list[str]:
    """Kinds the campaign counts first, then the kinds its reports already use."""
    entry = content.campaigns[campaign_id]
    kinds = [m.derive.kind for m in entry.campaign.metrics if m.derive and m.derive.kind]
    for report in entry.reports:
        kinds += [a.kind for a in report.report.activities]
    return list(dict.fromkeys(kinds))


def resource_labels(content: Content) -> dict[str, str]:
    """Drop-down label → resource id; a title two resources share gets the id added."""
    titles = [r.display_title for r in content.resources.values()]
    labels = {}
    for rid, resource in content.resources.items():
        label = resource.display_title
        labels[label if titles.count(label) == 1 else f"{label}（{rid}）"] = rid
    return labels


def metric_note(metric: Metric) -> str:
    if metric.derive is None:
        return "请填写"
    how = HOW[metric.derive.source].format(kind=metric.derive.kind)
    return f"可不填：{how}；填写时须与表中合计一致"


def report_rows(report: Report, labels: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The report's lists as rows of each list sheet, keyed by sheet name."""
    by_id = {rid: label for label, rid in labels.items()}
    rows: dict[str, list[dict[str, Any]]] = {s.name: [] for s in lay.LIST_SHEETS}
    rows[lay.ACTIVITIES.name] = [a.model_dump() for a in report.activities]
    rows[lay.TRAININGS.name] = [t.model_dump() for t in report.trainings]
    rows[lay.SHISHI.name] = [s.model_dump() for s in report.shishi]
    for no, visit in enumerate(report.outreach, start=1):
        row = visit.model_dump(exclude={"distributed", "site_names"})
        row |= {"_no": no, "sites": visit.sites or None, "site_names": "、".join(visit.site_names)}
        rows[lay.OUTREACH.name].append(row)
        for gift in visit.distributed:
            rows[lay.DISTRIBUTED.name].append({"_parent": no, **gift.model_dump()})
    for no, group in enumerate(report.rectification, start=1):
        status = group.status.model_dump() if group.status else {}
        rows[lay.RECTIFICATION.name].append(
            {"_no": no, "source": group.source, "measure": group.measure, "count": group.count}
            | status
        )
        for item in group.items:
            rows[lay.ITEMS.name].append({"_parent": no, **item.model_dump()})
    rows[lay.RESOURCES.name] = [{"resource": by_id.get(rid, rid)} for rid in report.resources]
    return rows


def template_workbook(content: Content, campaign_id: str, unit_id: str | None) -> Workbook:
    campaign = content.campaigns[campaign_id].campaign
    entry = content.reports.get((campaign_id, unit_id or ""))
    report = entry.report if entry else None
    labels = resource_labels(content)
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    unit_name = content.units[unit_id].name if unit_id else ""
    command = f"zongjie import 填报表.xlsx --campaign {campaign_id} --unit {unit_id or '单位id'}"
    _instructions(book.create_sheet(lay.INSTRUCTIONS_SHEET), campaign, unit_name, command)
    _basics(book.create_sheet(lay.BASICS_SHEET), campaign, unit_name, report)
    _metrics(book.create_sheet(lay.METRICS_SHEET), campaign, report)
    choices = _choices(book.create_sheet(lay.CHOICES_SHEET), content, campaign_id, labels)
    rows = report_rows(report, labels) if report else {}
    for sheet in lay.LIST_SHEETS:
        _list_sheet(
            book.create_sheet(sheet.name), sheet, rows.get(sheet.name, []), campaign, choices
        )
    book.move_sheet(lay.CHOICES_SHEET, offset=len(book.sheetnames))
    book.active = 0
    book.properties.title = f"{campaign.display_title}数据填报表"
    book.properties.creator = "zongjie"
    return book


def write_template(
    content: Content, out: Path, campaign_id: str, unit_id: str | None, force: bool = False
) -> Path:
    if out.suffix.lower() != ".xlsx":
        raise CommandError(
            f"填报表的文件名应以 .xlsx 结尾：{out.name}", hint="例如 填报表.xlsx（不要用 .xls）"
        )
    if out.exists() and not force:
        raise CommandError(
            f"文件已存在：{relpath(out, content.root)}", hint="确认要覆盖时加上 --force"
        )
    book = template_workbook(content, campaign_id, unit_id)
    atomic.write_bytes(out, workbook_bytes(book, dt.date.today()))
    return out


# -- sheets -----------------------------------------------------------------------------


def _header(sheet: Worksheet, row: int, titles: Iterable[str]) -> None:
    for col, text in enumerate(titles, start=1):
        cell = sheet.cell(row, col, text)
        cell.font, cell.fill, cell.border = style.BOLD, style.HEADER_FILL, style.BOX
        cell.alignment = style.WRAP_CENTER


def _intro(sheet: Worksheet, text: str) -> None:
    cell = sheet.cell(lay.INTRO_ROW, 1, text)
    cell.font = style.NOTE
    sheet.row_dimensions[lay.INTRO_ROW].height = 20


def _protect(sheet: Worksheet) -> None:
    """Headers are locked; rows may still be inserted, deleted and resized (no password)."""
    protection = sheet.protection
    protection.sheet = True
    protection.insertRows = protection.deleteRows = False
    protection.formatColumns = protection.formatRows = protection.formatCells = False


def _body_cell(sheet: Worksheet, row: int, col: int, value: Any, kind: str) -> None:
    cell = sheet.cell(row, col, value)
    cell.font, cell.border, cell.protection = style.BODY, style.BOX, OPEN
    cell.alignment = style.WRAP_LEFT
    if kind == "date":
        cell.number_format = DATE_FORMAT
    elif kind == "int":
        cell.number_format = "0"


def _instructions(sheet: Worksheet, campaign: Campaign, unit_name: str, command: str) -> None:
    period = f"{chinese_date(campaign.period.start)}至{chinese_date(campaign.period.end)}"
    lines = [
        (f"{campaign.display_title}工作总结数据填报表", style.TITLE),
        (f"填报单位：{unit_name or '（由活动办公室在导入时指定）'}", style.BOLD),
        (f"活动期间：{period}（除整改时限外，表中日期须在此期间内）", style.BOLD),
        ("填写方法", style.BOLD),
        *((text, style.BODY) for text in HOW_TO_FILL),
        ("活动办公室导入", style.BOLD),
        (
            f"{command}："
            "整个表格无误才写入；有误时逐个指出工作表和单元格（如 活动!C7）。"
            "导入的数据标为“待核实”，核实后删除该标记。",
            style.BODY,
        ),
    ]
    for row, (text, font) in enumerate(lines, start=1):
        cell = sheet.cell(row, 1, text)
        cell.font, cell.alignment = font, style.WRAP_LEFT
        sheet.row_dimensions[row].height = style.lines_needed(text, 110) * 16 + 6
    sheet.column_dimensions["A"].width = 110
    _protect(sheet)
    style.print_landscape(sheet, "1:1")


def _basics(sheet: Worksheet, campaign: Campaign, unit_name: str, report: Report | None) -> None:
    _intro(sheet, "报告的基本信息。带 * 的项目必填。")
    _header(sheet, lay.HEADER_ROW, lay.BASICS_HEADERS)
    values: dict[str, Any] = {"_campaign": campaign.display_title, "_unit": unit_name}
    if report:
        values |= report.model_dump(include={"title", "date", "signed_by", "shishi_count"})
    for offset, field in enumerate(lay.BASICS):
        row = lay.FIRST_ROW + offset
        label = sheet.cell(row, 1, field.title)
        label.font, label.border = style.BOLD, style.BOX
        value = values.get(field.field)
        if field.editable:
            _body_cell(sheet, row, 2, value, field.kind)
        else:
            cell = sheet.cell(row, 2, value)
            cell.font, cell.border = style.BODY, style.BOX
        note = sheet.cell(row, 3, field.note)
        note.font, note.border, note.alignment = style.NOTE, style.BOX, style.WRAP_LEFT
        sheet.row_dimensions[row].height = 20
        if field.kind == "date":
            _date_check(sheet, f"B{row}", campaign, field.header)
        elif field.kind == "int":
            _int_check(sheet, f"B{row}", 0, field.header)
    for letter, width in zip("ABC", (14, 48, 52), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    _protect(sheet)
    style.print_landscape(sheet, "1:2")


def _metrics(sheet: Worksheet, campaign: Campaign, report: Report | None) -> None:
    _intro(sheet, "本活动的统计指标：标明“可不填”的由系统按各表自动统计，其余请填写数值。")
    _header(sheet, lay.HEADER_ROW, lay.METRICS_HEADERS)
    explicit = report.metrics if report else {}
    for offset, metric in enumerate(campaign.metrics):
        row = lay.FIRST_ROW + offset
        for col, value in enumerate((metric.label, metric.measure), start=1):
            cell = sheet.cell(row, col, value)
            cell.font, cell.border = style.BODY, style.BOX
        _body_cell(sheet, row, lay.METRIC_VALUE_COL, explicit.get(metric.id), "int")
        target = sheet.cell(row, 4, metric.target)
        target.font, target.border = style.BODY, style.BOX
        note = sheet.cell(row, 5, metric_note(metric))
        note.font, note.border, note.alignment = style.NOTE, style.BOX, style.WRAP_LEFT
    last = lay.FIRST_ROW + len(campaign.metrics) - 1
    _int_check(sheet, f"C{lay.FIRST_ROW}:C{last}", 0, "数值")
    for letter, width in zip("ABCDE", (20, 8, 10, 10, 64), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    _protect(sheet)
    style.print_landscape(sheet, "1:2")


def _choices(
    sheet: Worksheet, content: Content, campaign_id: str, labels: dict[str, str]
) -> dict[str, str]:
    """Write the long drop-down lists; returns each list's range for validations."""
    lists = {"kind": activity_kinds(content, campaign_id), "resource": list(labels)}
    ranges = {}
    for col, (kind, values) in enumerate(lists.items(), start=1):
        sheet.cell(1, col, {"kind": "活动类型", "resource": "学习资源"}[kind])
        for row, value in enumerate(values, start=2):
            sheet.cell(row, col, value)
        if values:
            letter = get_column_letter(col)
            name = quote_sheetname(lay.CHOICES_SHEET)
            ranges[kind] = f"{name}!${letter}$2:${letter}${len(values) + 1}"
    sheet.sheet_state = "veryHidden"  # only the drop-downs read it; the unit never sees it
    _protect(sheet)
    return ranges


def _list_sheet(
    sheet: Worksheet,
    layout: lay.ListSheet,
    rows: list[dict[str, Any]],
    campaign: Campaign,
    choices: dict[str, str],
) -> None:
    _intro(sheet, layout.intro)
    _header(sheet, lay.HEADER_ROW, [c.title for c in layout.columns])
    bordered = len(rows) + BLANK_ROWS
    for offset in range(bordered):
        data = rows[offset] if offset < len(rows) else {}
        for col, column in enumerate(layout.columns, start=1):
            _body_cell(sheet, lay.FIRST_ROW + offset, col, data.get(column.field), column.kind)
        if data:  # Excel does not grow a row for wrapped text it did not lay out itself
            lines = max(
                style.lines_needed(data.get(c.field) or "", c.width) for c in layout.columns
            )
            sheet.row_dimensions[lay.FIRST_ROW + offset].height = lines * style.POINTS_PER_LINE + 3
    last = lay.FIRST_ROW + bordered + lay.ROWS - 1
    for col, column in enumerate(layout.columns, start=1):
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = column.width
        sheet.column_dimensions[letter].protection = OPEN  # rows the unit adds are open too
        area = f"{letter}{lay.FIRST_ROW}:{letter}{last}"
        _column_check(sheet, area, column, campaign, choices)
    sheet.freeze_panes = f"A{lay.FIRST_ROW}"
    _protect(sheet)
    style.print_landscape(sheet, f"{lay.INTRO_ROW}:{lay.HEADER_ROW}")


# -- checks while typing (Excel data validation) --------------------------------------------


def _column_check(
    sheet: Worksheet, area: str, column: lay.Col, campaign: Campaign, choices: dict[str, str]
) -> None:
    if column.kind == "int":
        _int_check(sheet, area, column.minimum, column.header, column.note)
    elif column.kind == "date" and column.in_period:
        _date_check(sheet, area, campaign, column.header, column.note)
    elif column.kind == "choice":
        strict = not column.open_choice
        _list_check(sheet, area, f'"{",".join(column.choices)}"', column, strict=strict)
    elif column.kind in ("kind", "resource") and column.kind in choices:
        _list_check(sheet, area, choices[column.kind], column, strict=column.kind == "resource")
    elif column.note:
        _add(sheet, area, DataValidation(), column.header, column.note)


def _add(sheet: Worksheet, area: str, check: DataValidation, title: str, note: str) -> None:
    check.showInputMessage = bool(note)
    check.promptTitle, check.prompt = title[:32], note
    check.add(area)
    sheet.add_data_validation(check)


def _int_check(sheet: Worksheet, area: str, minimum: int, title: str, note: str = "") -> None:
    check = DataValidation(
        type="whole", operator="greaterThanOrEqual", formula1=str(minimum), allow_blank=True
    )
    check.showErrorMessage = True
    check.errorTitle, check.error = "应为整数", f"请填写不小于 {minimum} 的整数（阿拉伯数字）"
    _add(sheet, area, check, title, note)


def _date_check(
    sheet: Worksheet, area: str, campaign: Campaign, title: str, note: str = ""
) -> None:
    start, end = campaign.period.start, campaign.period.end
    check = DataValidation(
        type="date",
        operator="between",
        formula1=f"DATE({start.year},{start.month},{start.day})",
        formula2=f"DATE({end.year},{end.month},{end.day})",
        allow_blank=True,
    )
    check.showErrorMessage = True
    check.errorTitle = "日期不在活动期间内"
    check.error = f"请填写 {start} 至 {end} 之间的日期，如 {start}"
    _add(sheet, area, check, title, note)


def _list_check(
    sheet: Worksheet, area: str, formula: str, column: lay.Col, *, strict: bool
) -> None:
    check = DataValidation(type="list", formula1=formula, allow_blank=True)
    check.showErrorMessage = True
    # Where the list only suggests (activity kinds, 个/类), another value is allowed after a note.
    check.errorStyle = "stop" if strict else "information"
    check.errorTitle = "请从下拉列表选择" if strict else "列表中没有这一项"
    check.error = "请从下拉列表中选择一项" if strict else "这是列表之外的新值；确认无误请点“确定”"
    _add(sheet, area, check, column.header, column.note)
