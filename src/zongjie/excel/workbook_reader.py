"""Read a filled-in workbook into report data, checked like a data file, each problem at a cell.

The sheets are checked first (:mod:`.sheets`), then every cell converted (:mod:`.cells`), then
the rows assembled into the report's lists. The report is validated with the data files'
schema and the same report rules (:func:`zongjie.rules.report.report_findings`), worded in the
workbook's terms (:mod:`.wording`) at the cell each value came from.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from zongjie.data.content import Content
from zongjie.data.models import Campaign, Report
from zongjie.data.schema_errors import validate
from zongjie.data.yamlfile import Loc, YamlDocument, parse_dotted
from zongjie.errors import ContentError, Problem
from zongjie.excel import layout as lay
from zongjie.excel.cells import CellConverter, CellProblems, CellRef, as_text
from zongjie.excel.sheets import REGENERATE, SheetChecker
from zongjie.excel.template import resource_labels
from zongjie.excel.wording import WORKBOOK_WORDS
from zongjie.rules.findings import Finding
from zongjie.rules.report import report_findings


class WorkbookReader:
    """Reads a filled-in workbook into report data, collecting every problem by cell."""

    def __init__(
        self, book: Workbook, name: str, content: Content, campaign_id: str, unit_id: str
    ) -> None:
        self.book, self.name, self.content = book, name, content
        self.campaign_id, self.unit_id = campaign_id, unit_id
        self.campaign: Campaign = content.campaigns[campaign_id].campaign
        self.out = CellProblems(name)
        self.sheets = SheetChecker(book, self.out)
        self.cells = CellConverter(self.out, content, resource_labels(content))
        self.origin: dict[Loc, CellRef] = {}
        """Where each value of the assembled report data came from."""

    @property
    def problems(self) -> list[Problem]:
        return self.out.problems

    def error(self, ref: CellRef, message: str, hint: str = "") -> None:
        self.out.error(ref, message, hint, code="bad-cell")

    def convert(self, value: Any, kind: str, ref: CellRef, column: lay.Col | None = None) -> Any:
        return self.cells.convert(value, kind, ref, column)

    # locations

    def mark(self, loc: Loc, ref: CellRef) -> None:
        """Remember that ``loc`` in the report data came from ``ref``."""
        self.origin[loc] = ref

    def cell_of(self, loc: Loc) -> CellRef:
        """The cell of ``loc``, or of its nearest ancestor that came from a cell."""
        while loc not in self.origin and loc:
            loc = loc[:-1]
        return self.origin.get(loc, CellRef(lay.BASICS_SHEET, 1, 1))

    def at_cell(self, problem: Problem) -> Problem:
        """A schema problem of the assembled data, at the cell of its field."""
        ref = self.cell_of(parse_dotted(problem.field))
        return replace(
            problem,
            path=self.name,
            line=ref.row,
            col=ref.col,
            cell=ref.name,
            field=ref.header or problem.field,
        )

    def at_finding(self, found: Finding) -> Problem:
        """A report rule's finding, in the workbook's words, at the cell it is about."""
        exact = self.origin.get(found.about) if found.about is not None else None
        ref = exact or self.cell_of(found.loc)
        message, hint, named_field = WORKBOOK_WORDS.of(found)
        return Problem(
            self.name,
            ref.row,
            message,
            field=ref.header or named_field,
            hint=hint,
            col=ref.col,
            severity=found.severity,
            cell=ref.name,
            code=found.code,
            params=found.values,
        )

    # the workbook as a whole

    def read(self) -> tuple[Report, list[Problem]]:
        sheets = self.sheets.check_sheets()
        data: dict[str, Any] = {}
        if lay.BASICS_SHEET in sheets:
            data |= self.read_basics(sheets[lay.BASICS_SHEET])
        if lay.METRICS_SHEET in sheets:
            data["metrics"] = self.read_metrics(sheets[lay.METRICS_SHEET])
        rows = {
            s.name: self.read_rows(sheets[s.name], s) for s in lay.LIST_SHEETS if s.name in sheets
        }
        data |= self.assemble(rows)
        report, problems = validate(Report, YamlDocument(self.name, data))
        found = [self.at_cell(p) for p in problems]
        if isinstance(report, Report):
            resources = None if "resources" in self.content.failed else set(self.content.resources)
            findings = report_findings(
                report, self.campaign, resources=resources, today=self.content.today
            )
            if self.problems:  # totals would miss the bad cells: only the per-cell date checks
                findings = [f for f in findings if f.loc[-1] == "date"]
            found += [self.at_finding(f) for f in findings]
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

    # sheets

    def read_basics(self, ws: Worksheet) -> dict[str, Any]:
        if not self.sheets.check_headers(ws, lay.HEADER_ROW, list(lay.BASICS_HEADERS)):
            return {}
        data: dict[str, Any] = {}
        for offset, spec in enumerate(lay.BASICS):
            row = lay.FIRST_ROW + offset
            label = as_text(ws.cell(row, 1).value) or ""
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
        self.sheets.nothing_below(ws, lay.FIRST_ROW + len(lay.BASICS), "项目")
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
        if not self.sheets.check_headers(ws, lay.HEADER_ROW, list(lay.METRICS_HEADERS)):
            return {}
        values: dict[str, Any] = {}
        self.mark(("metrics",), CellRef(ws.title, lay.FIRST_ROW, lay.METRIC_VALUE_COL, "数值"))
        for offset, metric in enumerate(self.campaign.metrics):
            row = lay.FIRST_ROW + offset
            label = as_text(ws.cell(row, 1).value) or ""
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
        self.sheets.nothing_below(ws, lay.FIRST_ROW + len(self.campaign.metrics), "指标")
        return values

    def read_rows(self, ws: Worksheet, sheet: lay.ListSheet) -> list[tuple[int, dict[str, Any]]]:
        """Non-empty rows of a list sheet as (row number, field → converted value)."""
        if not self.sheets.check_headers(ws, lay.HEADER_ROW, [c.title for c in sheet.columns]):
            return []
        rows = []
        for row in range(lay.FIRST_ROW, (ws.max_row or 0) + 1):
            raw = [ws.cell(row, col).value for col in range(1, len(sheet.columns) + 1)]
            if all(as_text(v) is None for v in raw):
                continue  # empty rows are allowed anywhere
            values: dict[str, Any] = {}
            for col, (column, value) in enumerate(zip(sheet.columns, raw, strict=True), start=1):
                ref = CellRef(ws.title, row, col, column.header)
                converted = self.convert(value, column.kind, ref, column)
                if converted is None and column.required and as_text(value) is None:
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
                if (*loc, "status") not in self.origin:
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
