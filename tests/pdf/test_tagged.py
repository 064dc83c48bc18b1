"""Tagged PDFs (PDF/A-2a, PDF/UA-1) as a screen reader meets them, checked without a JVM.

The repository's own sample site is built once; every report PDF and volume it makes is run
through ``pdfua`` (the machine-checkable part of PDF/UA-1), and its structure tree is read back
(``structure_support``) and compared with the web page the PDF was made from: the same
headings and tables, in the same order, with header cells that say what they head.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from lxml import html as lxml_html

from support import copy_sample

from .pdf_support import ROOT, build
from .structure_support import Node, Tagged, check_tables, pdfua_problems, read, squash


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site (the repository's content), built with the PDF hook: its site folder."""
    base = tmp_path_factory.mktemp("sample")
    return build(copy_sample(base / "project"), base / "cache", strict=True)


def _pdfs(site: Path) -> list[Path]:
    return sorted((site / "pdf").rglob("*.pdf"))


def test_pdfua_finds_nothing_in_any_report_or_volume_of_the_sample(sample: Path) -> None:
    pdfs = _pdfs(sample)
    reports = [p for p in pdfs if p.parent.name != "pdf"]
    volumes = [p for p in pdfs if p.parent.name == "pdf"]
    assert len(reports) == len(list((ROOT / "data" / "reports").rglob("*.yml"))) == 15
    assert len(volumes) == len(list((ROOT / "data" / "campaigns").glob("*.yml"))) == 3
    found = {p.relative_to(sample).as_posix(): pdfua_problems(p) for p in pdfs}
    assert {name: problems for name, problems in found.items() if problems} == {}


def _web_outline(page: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """The headings (level, text) and table captions of a built report page, in order."""
    article = lxml_html.parse(str(page)).find(".//article")
    for link in article.xpath('.//a[contains(@class, "headerlink")]'):
        link.drop_tree()
    headings = [
        (el.tag.upper(), "".join(el.text_content().split()))
        for el in article.iter("h1", "h2", "h3")
    ]
    captions = ["".join(c.text_content().split()) for c in article.iter("caption")]
    return headings, [re.sub(r"（点击表头可排序）", "", c) for c in captions]


def _headings(tagged: Tagged, under: Node) -> list[tuple[str, str]]:
    return [(n.role, squash(tagged.text_of(n))) for n in under.find("H1", "H2", "H3")]


def _in_page_order(tagged: Tagged, under: Node) -> bool:
    pages = [page for page, _ in under.all_marks()]
    return pages == sorted(pages)


@pytest.mark.parametrize(
    "report", ["dangshi-2021/shi-wenlian", "zhuti-2023/shi-jiaoyuju", "dangji-2024/shi-tushuguan"]
)
def test_a_reports_tree_has_the_web_pages_headings_and_tables_in_reading_order(
    sample: Path, report: str
) -> None:
    headings, captions = _web_outline(sample / "campaigns" / report / "index.html")
    with pikepdf.open(sample / "pdf" / f"{report}.pdf") as pdf:
        assert str(pdf.Root.Lang) == "zh-CN"
        assert bool(pdf.Root.MarkInfo.Marked) and bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        tagged = read(pdf)
        (document,) = tagged.root.kids
        assert document.role == "Document"
        assert _headings(tagged, document) == headings
        assert [squash(tagged.text_of(c)) for c in document.find("Caption")] == captions
        assert check_tables(tagged, document) == len(captions)
        assert _in_page_order(tagged, document)
        # Every run of text on a page is in the tree (structure_support asserts none is
        # outside marked content): nothing marked is left without an element.
        assert set(tagged.text) <= set(document.all_marks())
        _page_numbers_are_artifacts(pdf)


def _page_numbers_are_artifacts(pdf: pikepdf.Pdf) -> None:
    """The stamped "— n —" of every page is drawn inside a pagination artifact."""
    for page in pdf.pages:
        depth, stamped = [], 0
        for instruction in pikepdf.parse_content_stream(page):
            op = str(instruction.operator)
            if op in ("BDC", "BMC"):
                depth.append(str(instruction.operands[0]))
            elif op == "EMC":
                depth.pop()
            elif op == "Do" and str(instruction.operands[0]).startswith("/ZjPageNumber"):
                assert depth == ["/Artifact"], depth
                stamped += 1
        assert stamped <= 1


def test_a_volume_is_the_front_matter_then_one_section_per_report_like_its_bookmarks(
    sample: Path,
) -> None:
    with pikepdf.open(sample / "pdf" / "dangshi-2021.pdf") as pdf:
        tagged = read(pdf)
        with pdf.open_outline() as outline:
            bookmarks = [(item.title, [c.title for c in item.children]) for item in outline.root]
        _page_numbers_are_artifacts(pdf)
    (document,) = tagged.root.kids
    cover, contents, overview, *reports = document.kids
    assert _headings(tagged, cover)[0] == ("H1", "2021年党史学习教育")
    assert _headings(tagged, contents) == [("H1", "目录")]
    (toc,) = contents.find("Table")
    assert [squash(tagged.text_of(c)) for c in toc.find("TH")] == ["单位和报告", "页码"]
    assert _headings(tagged, overview) == [("H1", "数据总览")]
    assert check_tables(tagged, overview) >= 1
    assert [s.role for s in reports] == ["Sect"] * len(reports)
    assert [s.title for s in reports] == [title for title, _ in bookmarks[2:]]
    for section, (_, chapters) in zip(reports, bookmarks[2:], strict=True):
        first, *rest = _headings(tagged, section)
        assert first[0] == "H1" and section.title.endswith(first[1])
        assert [text for role, text in rest if role == "H2"] == [squash(c) for c in chapters]
        check_tables(tagged, section)
    assert _in_page_order(tagged, document)
