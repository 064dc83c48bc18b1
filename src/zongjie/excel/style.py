"""How every workbook zongjie writes looks and prints: fonts, widths, borders, A4 landscape."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

# 宋体 is on every Chinese Windows and maps to a CJK font elsewhere (Noto CJK on Debian).
FONT = "宋体"
BODY = Font(name=FONT, size=11)
BOLD = Font(name=FONT, size=11, bold=True)
TITLE = Font(name=FONT, size=16, bold=True)
NOTE = Font(name=FONT, size=10, color="595959")
BELOW_TARGET = Font(name=FONT, size=11, bold=True, color="C00000")  # the page's red
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
BELOW_FILL = PatternFill("solid", fgColor="FCE4E4")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
MAX_WIDTH = 48
POINTS_PER_LINE = 15


def text_width(text: object) -> int:
    """Width in Excel's units (one Latin digit): a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def fit_width(texts: Sequence[object], minimum: int = 6, maximum: int = MAX_WIDTH) -> float:
    """A column width that shows the longest text on one line, within limits."""
    widest = max((text_width(t) for t in texts if t is not None), default=0)
    return float(min(maximum, max(minimum, widest + 2)))


def lines_needed(text: object, width: float) -> int:
    """Lines a wrapped cell of ``width`` needs (Excel does not grow rows it did not lay out)."""
    return max(1, -(-text_width(text) // max(1, int(width) - 1)))


def print_landscape(sheet: Worksheet, title_rows: str, title_cols: str | None = None) -> None:
    """A4 landscape, all columns on one page width, ``title_rows`` repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top, sheet.page_margins.bottom = 0.6, 0.8
    sheet.page_margins.header, sheet.page_margins.footer = 0.3, 0.35
    sheet.print_title_rows = title_rows
    if title_cols:
        sheet.print_title_cols = title_cols
    footer = sheet.oddFooter
    if footer is not None:  # openpyxl always makes one; the stubs allow none
        footer.center.text = "第 &P 页，共 &N 页"


def number_style(*, percent: bool, below: bool = False, total: bool = False) -> str:
    """Name of the registered style of a number cell (see :func:`register_table_styles`)."""
    kind = "below" if below else "total" if total else "plain"
    return f"zj-{'percent' if percent else 'count'}-{kind}"


def register_table_styles(book: Workbook) -> None:
    """Named styles for the table cells: one lookup per cell instead of four style objects,
    which is what makes a table of a thousand units quick to write."""
    for percent in (False, True):
        for below, total in ((False, False), (True, False), (False, True)):
            font = BELOW_TARGET if below else BOLD if total else BODY
            fill = BELOW_FILL if below else TOTAL_FILL if total else PatternFill()
            book.add_named_style(
                NamedStyle(
                    number_style(percent=percent, below=below, total=total),
                    font=font,
                    fill=fill,
                    border=BOX,
                    alignment=RIGHT,
                    number_format="0.0%" if percent else "0",
                )
            )
    book.add_named_style(NamedStyle("zj-label", font=BODY, border=BOX))
    book.add_named_style(NamedStyle("zj-label-total", font=BOLD, border=BOX, fill=TOTAL_FILL))
