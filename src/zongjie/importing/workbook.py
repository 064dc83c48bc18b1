"""``zongjie import 填报表.xlsx``: a filled-in workbook → the report's YAML data.

The whole workbook is read and checked before anything is written (:mod:`zongjie.excel.
workbook_reader`): its structure, every cell's type, then the report as a whole with the same
schema and report rules as ``zongjie check``. Each problem names its cell,
``填报表.xlsx:活动!C7: 错误: [次数] 应为整数，实际为“三次”``. Only a workbook without errors is
written, and the lists it brought in are marked ``待核实`` for the campaign office to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from zongjie import atomic
from zongjie.authoring.skeleton import load_campaign, report_files, report_paths
from zongjie.authoring.units import match_unit
from zongjie.data.content import Content
from zongjie.data.models import Report, Unit
from zongjie.data.report_yaml import report_yaml
from zongjie.data.yamlfile import relpath
from zongjie.errors import CommandError, Problem
from zongjie.excel import layout as lay
from zongjie.excel.cells import as_text
from zongjie.excel.workbook_file import open_workbook
from zongjie.excel.workbook_reader import WorkbookReader


@dataclass
class WorkbookImport:
    files: list[Path]
    report: Report
    unconfirmed: list[str]
    warnings: list[Problem] = field(default_factory=list)
    unit_id: str = ""


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
                named = as_text(ws.cell(lay.FIRST_ROW + offset, 2).value)
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
