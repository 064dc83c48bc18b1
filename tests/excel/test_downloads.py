"""The overview and progress tables as .xlsx/.csv downloads, checked against the built page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from lxml import html

CAMPAIGN = "campaigns/dangshi-2021"


@pytest.fixture
def site(mini_project: Path, build: Callable[..., Path]) -> Path:
    return build(mini_project)


def page_table(site: Path, name: str) -> list[list[str]]:
    """The rendered table ``data-zj=name`` on the campaign page: header, body rows, 合计."""
    tree = html.parse(str(site / CAMPAIGN / "index.html"))
    table = tree.xpath(f'//table[@data-zj="{name}"]')[0]
    return [
        [" ".join(c.text_content().split()) for c in tr.xpath("./th|./td")]
        for tr in table.xpath(".//tr")
    ]


def shown(value: object, number_format: str) -> str:
    """A cell as Excel displays it, to compare with the page's text."""
    if value is None:
        return "—"
    if number_format == "0.0%":
        return f"{100 * float(value):.1f}%"  # type: ignore[arg-type]
    return str(value)


def test_overview_xlsx_equals_the_page(site: Path) -> None:
    rows = page_table(site, "overview")
    book = openpyxl.load_workbook(site / CAMPAIGN / "dangshi-2021-overview.xlsx", data_only=True)
    sheet = book["数据总览"]
    assert sheet["A1"].value == "2021年党史学习教育各单位数据总览"
    assert str(sheet["A2"].value).startswith("生成日期：") and "年" in str(sheet["A2"].value)
    header = [c.value for c in sheet[3]]
    assert header[0] == "单位" and header[1] == "党组会议（次）" and header[-1] == "整改率"
    body = rows[1:]
    assert len(body) == 3  # two units and 合计
    for offset, page_row in enumerate(body):
        cells = sheet[4 + offset]
        assert cells[0].value == page_row[0]
        assert [shown(c.value, c.number_format) for c in cells[1:]] == page_row[1:]
        for cell in cells[1:]:
            assert isinstance(cell.value, int | float), (cell.coordinate, cell.value)
    units = [[c.value for c in sheet[4 + i]] for i in range(len(body) - 1)]
    total = [c.value for c in sheet[4 + len(body) - 1]]
    assert total[0] == "合计（2 个单位）"
    for col in range(1, len(header) - 1):
        assert total[col] == sum(row[col] for row in units)
    # The cells the page marks in red are the ones the workbook marks.
    tree = html.parse(str(site / CAMPAIGN / "index.html"))
    red_on_page = len(tree.xpath('//table[@data-zj="overview"]//td[contains(@class,"zj-below")]'))
    red = [
        c
        for r in sheet.iter_rows(min_row=4)
        for c in r
        if c.font.color is not None and c.font.color.rgb == "00C00000"
    ]
    assert red_on_page == len(red) == 2
    assert any("低于该指标的目标值" in str(c.value) for r in sheet.iter_rows() for c in r)


def test_xlsx_prints_a4_landscape_with_the_header_on_every_page(site: Path) -> None:
    for name in ("overview", "progress"):
        sheet = openpyxl.load_workbook(site / CAMPAIGN / f"dangshi-2021-{name}.xlsx").active
        assert sheet is not None
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows == "$3:$3"
        assert sheet.freeze_panes == "B4"
        assert sheet.column_dimensions["A"].width >= 10  # 合计（2 个单位） fits


def test_progress_xlsx_equals_the_page(site: Path) -> None:
    rows = page_table(site, "progress")
    sheet = openpyxl.load_workbook(site / CAMPAIGN / "dangshi-2021-progress.xlsx", data_only=True)[
        "整改进度"
    ]
    assert [c.value for c in sheet[3]] == rows[0]
    for offset, page_row in enumerate(rows[1:]):
        cells = sheet[4 + offset]
        assert [cells[0].value, *(shown(c.value, c.number_format) for c in cells[1:])] == page_row
    assert rows[-1][:5] == ["合计（2 个单位）", "28", "22", "2", "4"]


def test_csv_has_a_bom_and_the_page_rows(site: Path) -> None:
    raw = (site / CAMPAIGN / "dangshi-2021-overview.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    # Each row says what it is and where it sits in the tree, so a filtered sheet still reads.
    assert lines[0][:5] == ["单位", "类别", "所属组织", "党组会议（次）", "中心组学习（次）"]
    assert lines[0][-1] == "整改率（%）"
    page = page_table(site, "overview")[1:]
    assert [row[0] for row in lines[1:]] == [row[0] for row in page]
    assert lines[-1][-1] == "78.6" and page[-1][-1] == "78.6%"
    progress = (site / CAMPAIGN / "dangshi-2021-progress.csv").read_bytes()
    assert (
        progress.decode("utf-8-sig").splitlines()[0]
        == "单位,类别,所属组织,查摆问题,已整改,整改中,常态化,整改率（%）"
    )


def test_page_links_its_downloads(site: Path) -> None:
    tree = html.parse(str(site / CAMPAIGN / "index.html"))
    links = tree.xpath('//p[@class="zj-downloads"]/a')
    assert [(a.get("href"), a.get("download")) for a in links] == [
        ("dangshi-2021-overview.xlsx", "2021年党史学习教育各单位数据总览.xlsx"),
        ("dangshi-2021-overview.csv", "2021年党史学习教育各单位数据总览.csv"),
        ("dangshi-2021-progress.xlsx", "2021年党史学习教育各单位问题整改进度.xlsx"),
        ("dangshi-2021-progress.csv", "2021年党史学习教育各单位问题整改进度.csv"),
    ]
    for a in links:
        assert (site / CAMPAIGN / a.get("href")).is_file()


def test_only_tables_a_page_shows_are_offered(
    mini_project: Path, build: Callable[..., Path]
) -> None:
    index = mini_project / "docs" / CAMPAIGN / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("<!-- zj:progress -->", ""))
    site = build(mini_project)
    files = sorted(p.name for p in (site / CAMPAIGN).glob("*.*") if p.suffix != ".html")
    assert files == ["dangshi-2021-overview.csv", "dangshi-2021-overview.xlsx"]


def test_xlsx_is_stamped_with_the_build_date_not_the_clock(
    mini_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reproducible builds: openpyxl stamps the clock into the zip and the document properties."""
    from zongjie.data.tables import progress_table
    from zongjie.dates import build_time
    from zongjie.excel.export import table_workbook, workbook_bytes
    from zongjie.rules import load_project

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13 UTC, the 15th in China
    built = build_time(mini_project).date
    table = progress_table(load_project(mini_project), "dangshi-2021")
    data = workbook_bytes(table_workbook(table, built), built)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 15, 0, 0, 0)}
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.properties.modified == book.properties.created == dt.datetime(2023, 11, 15)
    assert book.active is not None and book.active["A2"].value == "生成日期：2023年11月15日"
