"""The structure of a filled-in workbook: its sheets, headers and what may not be in them.

A workbook is only read once its structure is what ``zongjie template`` wrote: every sheet
present and visible, headers unchanged, no merged cells, hidden rows or columns, formulas, or
values in places nothing reads from (they would be lost without a word).
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from zongjie.errors import ContentError
from zongjie.excel import layout as lay
from zongjie.excel.cells import CellProblems, CellRef, as_text, has_values, header_of

REGENERATE = "用 zongjie template 重新生成填报表，把数据复制到新表的对应位置"


class SheetChecker:
    def __init__(self, book: Workbook, problems: CellProblems) -> None:
        self.book, self.out = book, problems

    def error(self, ref: CellRef, message: str, hint: str = "") -> None:
        self.out.error(ref, message, hint, code="bad-sheet")

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
            raise ContentError(self.out.problems)
        for sheet_name in missing:
            self.error(
                CellRef(sheet_name, 1, 1, "工作表"),
                f"缺少工作表“{sheet_name}”（可能被删除或改名）",
                f"不用的工作表请保留为空表；{REGENERATE}",
            )
        known = {*lay.SHEET_ORDER, lay.CHOICES_SHEET}
        for ws in present.values():
            if ws.title not in known and has_values(ws):
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
                        CellRef(title, cell.row, cell.column, header_of(ws, cell.column)),
                        f"填写的是公式“{formula}”，只能填写数值",
                        "复制这个单元格，再“选择性粘贴 → 数值”粘贴回原处",
                    )

    # sheets

    def check_headers(self, ws: Worksheet, row: int, titles: list[str]) -> bool:
        ok = True
        for col, title in enumerate(titles, start=1):
            found = as_text(ws.cell(row, col).value) or ""
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
                if as_text(value) is not None:
                    self.error(
                        CellRef(ws.title, r, col, "多余的列"),
                        f"填报表在这一列没有表头，“{as_text(value)}”不会导入",
                        "把内容移到对应的列，或删除这一列",
                    )
                    break
        return ok

    def nothing_below(self, ws: Worksheet, first: int, what: str) -> None:
        """A fixed-row sheet (基本信息, 指标) has nothing to import below its rows."""
        for row in range(first, (ws.max_row or 0) + 1):
            filled = [c for c in ws[row] if as_text(c.value) is not None]
            if filled and filled[0].column:
                self.error(
                    CellRef(ws.title, row, filled[0].column, what),
                    f"本表没有这一行{what}，“{as_text(filled[0].value)}”不会导入",
                    "删除这一行，把内容填到对应的工作表或行中",
                )
