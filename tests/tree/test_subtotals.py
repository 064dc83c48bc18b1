"""Subtotals at every level of a generated province tree, read back from the built pages."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from lxml import html as lxml_html

from zongjie.data.tree import ROOT
from zongjie.demo import write_demo
from zongjie.rules import load_project
from zongjie.site.atomic_build import build_site

CAMPAIGN = "dangshi-2021"


@pytest.fixture(scope="module")
def tree_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """60 units in 2 cities of 3 counties each (and city departments), 2 campaigns."""
    project = tmp_path_factory.mktemp("tree")
    write_demo(project, units=60, campaigns=2, seed=3)
    site = build_site(project / "mkdocs.yml", site_dir=project / "site", strict=True)
    return project, site


def _number(text: str) -> float | None:
    text = text.strip().rstrip("%")
    return None if text in ("—", "") else float(text)


def _table(page: Path, name: str) -> tuple[list[str], list[list[float | None]], list[float | None]]:
    """Headings, body rows and the total row of a page's table, as numbers."""
    root = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    (table,) = root.xpath(f'//table[@data-zj="{name}"]')
    heads = [th.text_content().strip() for th in table.xpath("./thead/tr/th")][1:]
    body = [
        [_number(td.text_content()) for td in tr.xpath("./td")] for tr in table.xpath("./tbody/tr")
    ]
    total = [_number(td.text_content()) for td in table.xpath("./tfoot/tr/td")]
    return heads, body, total


def _pages(site: Path) -> list[Path]:
    folder = site / "campaigns" / CAMPAIGN
    return [folder / "index.html", *sorted((folder / "zuzhi").glob("*/index.html"))]


def test_every_subtotal_is_the_sum_of_its_rows(tree_site: tuple[Path, Path]) -> None:
    _, site = tree_site
    pages = _pages(site)
    assert len(pages) == 1 + 2 + 6  # the campaign, two cities, six counties
    for page in pages:
        heads, body, total = _table(page, "overview")
        assert body, page
        for col, head in enumerate(heads):
            if head == "整改率":
                continue
            given = [row[col] for row in body if row[col] is not None]
            assert total[col] == (sum(given) if given else None), (page, head)


def test_rates_come_from_summed_counts(tree_site: tuple[Path, Path]) -> None:
    _, site = tree_site
    averaged_differs = False
    for page in _pages(site):
        heads, body, total = _table(page, "progress")
        problems, fixed, rate = (
            heads.index("查摆问题"),
            heads.index("已整改"),
            heads.index("整改率"),
        )
        assert total[rate] == round(100 * total[fixed] / total[problems], 1), page  # type: ignore[operator]
        for row in body:
            if row[problems]:
                assert row[rate] == round(100 * row[fixed] / row[problems], 1)  # type: ignore[operator]
        mean = sum(r[rate] for r in body if r[rate] is not None) / len(body)  # type: ignore[misc]
        averaged_differs |= abs(mean - total[rate]) > 0.1  # type: ignore[operator]
    assert averaged_differs  # the test would notice an average of rates


def test_totals_match_the_data_files(tree_site: tuple[Path, Path]) -> None:
    """The campaign's total and each city's subtotal, against the reports' own values."""
    project, site = tree_site
    content = load_project(project)
    tree = content.tree
    entry = content.campaigns[CAMPAIGN]
    metric = next(m for m in entry.campaign.metrics if m.id == "shishi")
    for node, page in [(ROOT, "index.html"), ("c01", "zuzhi/c01/index.html")]:
        heads, _, total = _table(site / "campaigns" / CAMPAIGN / page, "overview")
        under = tree.subtree(node)
        expected = sum(r.values["shishi"] or 0 for r in entry.reports if r.unit_id in under)
        assert total[heads.index(f"{metric.label}（{metric.measure}）")] == expected


def test_pages_show_the_level_right_below(tree_site: tuple[Path, Path]) -> None:
    project, site = tree_site
    content = load_project(project)
    root = lxml_html.fromstring((site / "campaigns" / CAMPAIGN / "index.html").read_bytes())
    labels = [th.text_content() for th in root.xpath('//table[@data-zj="overview"]/tbody/tr/th')]
    assert [lbl.split(" ")[0] for lbl in labels] == ["江城市", "云州市"]  # in id order: c01, c02
    assert len(content.units) > 60  # the units are not on the campaign page
    county = lxml_html.fromstring(
        (site / "campaigns" / CAMPAIGN / "zuzhi" / "c01-x01" / "index.html").read_bytes()
    )
    crumbs = [a.text_content() for a in county.xpath('//nav[@class="zj-breadcrumb"]/a')]
    assert crumbs == ["X省", content.tree.nodes["c01"].short_name]
    rows = county.xpath('//table[@data-zj="overview"]/tbody/tr/th/a/@href')
    assert rows and all(not href.startswith("..") or "/u0" in href for href in rows)


def test_the_download_outlines_the_tree(tree_site: tuple[Path, Path]) -> None:
    project, site = tree_site
    data = (site / "campaigns" / CAMPAIGN / f"{CAMPAIGN}-progress.xlsx").read_bytes()
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True).active
    assert sheet is not None and values is not None
    content = load_project(project)
    city_rows = [r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value == "江城市"]
    (city,) = city_rows
    assert sheet.sheet_properties.outlinePr.summaryBelow is False
    assert not sheet.row_dimensions[city].outlineLevel  # a city is the top of its group
    assert sheet.row_dimensions[city + 1].outlineLevel == 1  # its first county
    assert sheet.row_dimensions[city + 2].outlineLevel == 2  # the county's first unit
    formula = sheet.cell(city, 2).value
    assert isinstance(formula, str) and formula.startswith("=SUBTOTAL(9,B")
    under = content.tree.subtree("c01")
    problems = sum(_problems(r) for r in content.campaigns[CAMPAIGN].reports if r.unit_id in under)
    assert values.cell(city, 2).value == problems  # the cached value, without recalculating


def _problems(report: object) -> int:
    from zongjie.data.metrics import rectification_totals

    return rectification_totals(report.report).problems  # type: ignore[attr-defined]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_corrected_cell_recomputes(tree_site: tuple[Path, Path], tmp_path: Path) -> None:
    """Change one unit's count in the download: its county's, city's and the total recompute
    (LibreOffice recalculates the formulas on load)."""
    _, site = tree_site
    data = (site / "campaigns" / CAMPAIGN / f"{CAMPAIGN}-progress.xlsx").read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet is not None
    labels = {r: str(sheet.cell(r, 1).value or "") for r in range(4, sheet.max_row + 1)}
    unit = next(r for r, label in labels.items() if label.startswith("城关区"))
    total_row = next(r for r, label in labels.items() if label.startswith("合计"))
    sheet.cell(unit, 2).value = int(sheet.cell(unit, 2).value) + 100  # type: ignore[arg-type]
    changed = tmp_path / "changed.xlsx"
    book.save(changed)
    subprocess.run(
        ["soffice", "--headless", "--calc", "--convert-to", "csv", "--outdir", str(tmp_path),
         str(changed)],
        check=True, capture_output=True, timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    lines = (tmp_path / "changed.csv").read_text(encoding="utf-8").splitlines()
    original = openpyxl.load_workbook(io.BytesIO(data), data_only=True).active
    assert original is not None
    recomputed = float(lines[total_row - 1].split(",")[1])
    assert recomputed == float(original.cell(total_row, 2).value) + 100  # type: ignore[arg-type]


def test_unit_pages_put_campaigns_side_by_side(tree_site: tuple[Path, Path]) -> None:
    _, site = tree_site
    page = lxml_html.fromstring((site / "danwei" / "u0000" / "index.html").read_bytes())
    heads = [th.text_content() for th in page.xpath('//table[@data-zj="history"]/thead/tr/th')]
    assert heads[1:] == [
        "2021年党史学习教育",
        "2022年学习贯彻习近平新时代中国特色社会主义思想主题教育",
    ]
    changes = page.xpath('//table[@data-zj="history"]//span[@class="zj-change"]')
    assert changes  # the second campaign shows its change from the first
    report = (site / "campaigns" / CAMPAIGN / "u0000" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../danwei/u0000/"' in report
