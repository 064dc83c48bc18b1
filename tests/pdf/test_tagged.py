"""Tagged PDFs (PDF/A-2a, PDF/UA-1) as a screen reader meets them, checked without a JVM.

The repository's own sample site is built once; every report PDF and volume it makes is run
through ``pdfua`` (the machine-checkable part of PDF/UA-1), and its structure tree is read back
(``structure_support``) and compared with the web page the PDF was made from: the same
headings and tables, in the same order, with header cells that say what they head.
"""

from __future__ import annotations

import re
import subprocess
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
        (el.tag.upper(), squash(el.text_content())) for el in article.iter("h1", "h2", "h3")
    ]
    captions = [squash(c.text_content()) for c in article.iter("caption")]
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
        # What a page break splits is still one element: paragraphs and tables run on.
        if report == "dangshi-2021/shi-wenlian":
            for role in ("P", "Table"):
                assert any(len({p for p, _ in n.all_marks()}) > 1 for n in document.find(role))
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
    # The campaign page's charts, their text equivalent the data they show, bar by bar.
    alts = [f.alt for f in overview.find("Figure")]
    assert len(alts) == 4 and alts[0].startswith("各市直部门和区县办实事（件）：")
    # One bar per organisation directly under the city committee, the same bars in every chart.
    bars = [{part.split(" ")[0] for part in alt.split("：", 1)[1].split("；")} for alt in alts]
    assert len(bars[0]) >= 5 and all(b == bars[0] for b in bars), bars
    assert "市委宣传部" in bars[0] and "市文联" not in bars[0], bars[0]
    assert re.search(r"市委宣传部 已整改 \d+ 个，常态化 \d+ 个，[\d.]+%", alts[-1]), alts[-1]
    assert [s.role for s in reports] == ["Sect"] * len(reports)
    assert [s.title for s in reports] == [title for title, _ in bookmarks[2:]]
    for section, (_, chapters) in zip(reports, bookmarks[2:], strict=True):
        first, *rest = _headings(tagged, section)
        assert first[0] == "H1" and section.title.endswith(first[1])
        assert [text for role, text in rest if role == "H2"] == [squash(c) for c in chapters]
        check_tables(tagged, section)
    assert _in_page_order(tagged, document)


def test_a_printed_web_page_breaks_its_title_where_the_rule_does(sample: Path) -> None:
    """The report page's <h1> keeps its plain title for reading and search, wraps on screen only
    between words, and breaks in print exactly where zongjie.typeset.titles chose."""
    from zongjie.site.print_titles import PRINT
    from zongjie.typeset.titles import break_title

    playwright = pytest.importorskip("playwright.sync_api")
    page_file = sample / "campaigns" / "zhuti-2023" / "shi-jiaoyuju" / "index.html"
    heading = lxml_html.parse(str(page_file)).find(".//article//h1")
    assert "zj-title-lines" in heading.get("class")
    for link in heading.xpath('.//a[contains(@class, "headerlink")]'):
        link.drop_tree()
    title = heading.text_content().replace("\u200b", "")
    assert title == (
        "中共X市教育体育局党组关于学习贯彻习近平新时代中国特色社会主义思想主题教育的总结报告"
    )
    keep = ["X市教育体育局", "市教育局"]  # the unit's names, as the build passes them
    lines = [line.text for line in break_title(title, PRINT, keep)]
    assert len(lines) == 2
    printed = [seg.replace("\u200b", "") for seg in re.split(r"<br[^>]*>", _inner(heading))]
    assert printed == lines
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(page_file.as_uri())
        shown = page.eval_on_selector(
            "article h1 br.zj-title__break", "br => getComputedStyle(br).display"
        )
        assert shown == "none"  # on screen the window decides where the title wraps
        out = sample.parent / "shi-jiaoyuju-print.pdf"
        page.pdf(path=str(out), prefer_css_page_size=True)
        browser.close()
    first = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-l", "1", str(out), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    printed_lines = [squash(line.replace("\u200b", "")) for line in first.splitlines()]
    start = printed_lines.index(lines[0])  # below the report header (unit, campaign, date)
    assert printed_lines[start : start + len(lines)] == lines


def _inner(element: lxml_html.HtmlElement) -> str:
    text = element.text or ""
    return text + "".join(lxml_html.tostring(child, encoding="unicode") for child in element)
