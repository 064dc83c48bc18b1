"""The report PDFs as an archive and a reader see them: PDF/A, fonts, text, layout, pixels."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

from zongjie.pdf.layout import GB9704, MM_PER_PT
from zongjie.rules import load_project

from .pdf_support import CAMPAIGN, Built, pdftotext

MM = 1 / MM_PER_PT  # points per millimetre
A4 = (210 * MM, 297 * MM)
PAGE_NUMBER = re.compile(r"^—\s*(\d+)\s*—$")


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found: dict[tuple[int, int], pikepdf.Dictionary] = {}

    def visit(resources: pikepdf.Dictionary | None) -> None:
        if resources is None:
            return
        for font in resources.get("/Font", {}).values():
            found[font.objgen] = font
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in pdf.pages:
        visit(page.obj.get("/Resources"))
    return list(found.values())


@pytest.mark.parametrize("unit", ["shi-wenlian", "ceshi-ju"])
def test_pdfa_identification_and_archive_metadata(built: Built, unit: str) -> None:
    with pikepdf.open(built.report(unit)) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "A"  # tagged (level A), see test_tagged.py
        assert meta["pdfuaid:part"] == "1"
        xmp = bytes(pdf.Root.Metadata.read_bytes()).decode()
        assert pdf.pdf_version >= "1.7"
        assert "/OutputIntents" in pdf.Root
    content = load_project(built.project)
    entry = content.reports[(CAMPAIGN, unit)]
    unit_name = content.units[unit].name
    assert meta["dc:title"] == entry.report.title
    assert f"<zj:unit>{unit_name}</zj:unit>" in xmp
    assert f"<zj:campaign>{content.campaigns[CAMPAIGN].campaign.display_title}</zj:campaign>" in xmp
    assert f"<zj:reportDate>{entry.report.date.isoformat()}</zj:reportDate>" in xmp
    assert f"<zj:campaignId>{CAMPAIGN}</zj:campaignId>" in xmp
    # the zj: and pdfuaid: schemas are declared, as PDF/A requires
    assert "<pdfaSchema:namespaceURI>https://zongjie.local/ns/report/1.0/<" in xmp
    assert "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/<" in xmp


def test_every_font_embedded_and_subset(built: Built) -> None:
    with pikepdf.open(built.report()) as pdf:
        fonts = _fonts(pdf)
        assert len(fonts) >= 3
        for font in fonts:
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                font.BaseFont
            )
            assert re.match(r"^/[A-Z]{6}\+", str(font.BaseFont)), f"not a subset: {font.BaseFont}"
            assert "/ToUnicode" in font  # PDF/A-2u: every glyph maps to Unicode
    listing = subprocess.run(
        ["pdffonts", str(built.report())], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing and all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in listing), (
        listing
    )


@pytest.mark.parametrize("unit", ["shi-wenlian", "ceshi-ju"])
def test_page_count_matches_page_numbers(built: Built, unit: str) -> None:
    with pikepdf.open(built.report(unit)) as pdf:
        pages = len(pdf.pages)
    numbers = []
    for page in range(1, pages + 1):
        lines = [line.strip() for line in pdftotext(built.report(unit), page, page).splitlines()]
        numbers += [int(m.group(1)) for line in lines if (m := PAGE_NUMBER.match(line))]
    assert numbers == list(range(1, pages + 1))
    assert pages >= (10 if unit == "shi-wenlian" else 1)


def test_text_has_title_unit_date_and_key_counts_in_reading_order(built: Built) -> None:
    content = load_project(built.project)
    entry = content.reports[(CAMPAIGN, "shi-wenlian")]
    campaign = content.campaigns[CAMPAIGN].campaign
    text = pdftotext(built.report())
    flat = re.sub(r"\s+", "", text)
    assert text.lstrip().startswith(entry.report.title)
    assert entry.report.signed_by and entry.report.signed_by in flat  # 落款
    assert "2021年12月20日" in flat
    for metric in campaign.metrics:
        value = entry.values[metric.id]
        if value is not None:
            assert f"{metric.label}{value}{metric.measure}" in flat, metric.label
    # Headings in document order, and a long sentence comes out whole.
    positions = [
        flat.index(h)
        for h in ("一、开展的主要工作", "二、取得的成效", "三、存在不足", "四、下步工作")
    ]
    assert positions == sorted(positions)
    assert "根据中共X市委党史学习教育领导小组《关于认真做好党史学习教育总结工作的通知》要求" in flat
    assert "□" not in text and "\ufffd" not in text


def test_a4_pages_and_body_text_inside_the_gb9704_text_block(built: Built) -> None:
    g = GB9704
    left, right = g.left * MM, (g.left + g.text_width) * MM
    bottom, top = g.bottom * MM, (g.bottom + g.text_height) * MM
    tolerance = 1.5
    full_lines: Counter[int] = Counter()
    lines_per_page: list[int] = []
    for number, page in enumerate(extract_pages(str(built.report()), laparams=LAParams()), start=1):
        assert (round(page.width, 1), round(page.height, 1)) == (round(A4[0], 1), round(A4[1], 1))
        baselines: set[int] = set()
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if not isinstance(line, LTTextLine) or not line.get_text().strip():
                    continue
                text = line.get_text().strip()
                if PAGE_NUMBER.match(text):  # below the text block, on the outer side
                    assert line.y1 < bottom and line.y0 > bottom - 14 * MM
                    assert (line.x0 > page.width / 2) == (number % 2 == 1)
                    continue
                assert left - tolerance <= line.x0 and line.x1 <= right + tolerance, (number, text)
                assert bottom - tolerance <= line.y0 and line.y1 <= top + tolerance, (number, text)
                if g.body_pt - 1 <= line.height <= g.body_pt + 1.5:  # a line of 三号 body text
                    baselines.add(round(line.y0))
                    if re.fullmatch(r"[\u4e00-\u9fff，。、；：“”《》（）]+", text):
                        full_lines[len(text)] += 1
        lines_per_page.append(len(baselines))
    # The 公文 grid: a full line of body text holds 28 characters, a full page 22 lines.
    assert full_lines.most_common(1)[0][0] == g.chars_per_line
    assert max(lines_per_page) == g.lines_per_page


def test_first_page_renders_to_a_non_blank_image(built: Built, tmp_path: Path) -> None:
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "40",
            "-gray",
            "-f",
            "1",
            "-l",
            "1",
            str(built.report()),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    pgm = next(tmp_path.glob("p*.pgm")).read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
    assert header
    pixels = pgm[header.end() :]
    dark = sum(1 for value in pixels if value < 128)
    assert 0.01 < dark / len(pixels) < 0.5  # ink, but not a black page


def test_bookmarks_follow_the_headings(built: Built) -> None:
    with pikepdf.open(built.report()) as pdf, pdf.open_outline() as outline:
        top = list(outline.root)
        assert [item.title for item in top] == ["市xxxx党史学习教育工作总结报告"]
        chapters = [item.title for item in top[0].children]
        assert chapters[:4] == [
            "一、开展的主要工作",
            "二、取得的成效",
            "三、存在不足",
            "四、下步工作",
        ]
        assert top[0].children[0].children[0].title.startswith("（一）")


def test_report_page_offers_pdf_next_to_print(built: Built) -> None:
    html = (built.site / "campaigns" / CAMPAIGN / "shi-wenlian" / "index.html").read_text(
        encoding="utf-8"
    )
    actions = re.search(r'<p class="zj-actions">(.*?)</p>', html, re.DOTALL)
    assert actions
    link = re.search(
        r'<a class="md-button zj-pdf" href="([^"]+)"[^>]*>下载PDF</a>', actions.group(1)
    )
    assert link and "打印" in actions.group(1)
    target = (built.site / "campaigns" / CAMPAIGN / "shi-wenlian" / link.group(1)).resolve()
    assert target == built.report().resolve()


def test_no_heading_is_left_alone_at_the_bottom_of_a_page(built: Built) -> None:
    with pikepdf.open(built.report()) as pdf, pdf.open_outline() as outline:
        headings = set()
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            headings.add(re.sub(r"\s+", "", item.title))
            stack.extend(item.children)
    pages = pdftotext(built.report()).split("\f")[:-1]
    for number, page in enumerate(pages[:-1], start=1):
        lines = [re.sub(r"\s+", "", line) for line in page.splitlines() if line.strip()]
        body = [
            line
            for line in lines
            if not PAGE_NUMBER.match(line.replace("—", "— ").strip())
            and not re.fullmatch(r"—\d+—", line)
        ]
        assert body and body[-1] not in headings, f"page {number} ends with heading {body[-1]}"
