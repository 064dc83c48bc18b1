"""Cells of a filled-in workbook: where a value came from, and the value as report data.

Each conversion that fails is a problem at its cell, in the workbook's words (``活动!C7``,
“应为整数，实际为“三次””); the value is then left out, so one bad cell never hides the others.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from zongjie.data.content import Content
from zongjie.errors import Problem
from zongjie.excel import layout as lay

DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


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
class CellProblems:
    """The problems of one workbook, each at its cell."""

    name: str
    """The workbook as messages name it."""
    problems: list[Problem] = field(default_factory=list)

    def error(self, ref: CellRef, message: str, hint: str = "", code: str = "") -> None:
        self.problems.append(
            Problem(
                self.name, ref.row, message, ref.header, hint, ref.col, cell=ref.name, code=code
            )
        )


class CellConverter:
    """Cell values as report data: integers, dates, choices, resources, lists of names."""

    def __init__(self, problems: CellProblems, content: Content, labels: dict[str, str]) -> None:
        self.out, self.content, self.labels = problems, content, labels

    def error(self, ref: CellRef, message: str, hint: str = "") -> None:
        self.out.error(ref, message, hint, code="bad-cell")

    def convert(self, value: Any, kind: str, ref: CellRef, column: lay.Col | None = None) -> Any:
        """The cell's value as report data; ``None`` (and a problem) where it cannot be."""
        if isinstance(value, str) and value.startswith("="):
            return None  # a formula, reported by check_sheet
        text = as_text(value)
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
                rid = self.labels.get(text) or resource_id(self.content, text)
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


def as_text(value: Any) -> str | None:
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


def has_values(ws: Worksheet) -> bool:
    return any(as_text(c.value) is not None for row in ws.iter_rows() for c in row)


def header_of(ws: Worksheet, col: int) -> str:
    return (as_text(ws.cell(lay.HEADER_ROW, col).value) or "").rstrip("*")


def resource_id(content: Content, text: str) -> str | None:
    """A resource typed by its id or bare title instead of picked from the list."""
    if text in content.resources:
        return text
    hits = [rid for rid, r in content.resources.items() if text.strip("《》") == r.title]
    return hits[0] if len(hits) == 1 else None
