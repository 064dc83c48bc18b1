"""打印 from the browser: Chromium's print-to-PDF of a built report page (print.css)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from lxml import html as lxml_html

from .pdf_support import CAMPAIGN, Built, pdftotext

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed (make test installs it)"
    ),
]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _whole_on(cell: str, page: str) -> bool:
    """``cell`` starts on ``page`` and all of it follows in order (pdftotext interleaves the lines
    of neighbouring cells, so the rest is a subsequence; a split row's tail is on the next page)."""
    start = page.find(cell[:3])
    if start < 0:
        return False
    rest = iter(page[start + 3 :])
    return all(char in rest for char in cell[3:])


@pytest.fixture(scope="module")
def printed(built: Built, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    page = built.site / "campaigns" / CAMPAIGN / "shi-wenlian" / "index.html"
    out = tmp_path_factory.mktemp("chromium") / "print.pdf"
    subprocess.run(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return page, out


def test_a4_and_only_the_article(printed: tuple[Path, Path]) -> None:
    _, pdf_path = printed
    with pikepdf.open(pdf_path) as pdf:
        sizes = {(round(float(p.mediabox[2])), round(float(p.mediabox[3]))) for p in pdf.pages}
    assert sizes == {(595, 842)}
    text = pdftotext(pdf_path)
    assert "市xxxx党史学习教育工作总结报告" in text
    for web_only in ("下载PDF", "打印", "搜索", "测试站点"):
        assert web_only not in text, web_only  # actions, search, header and navigation are hidden


def test_rows_never_split_and_headings_never_last_on_a_page(printed: tuple[Path, Path]) -> None:
    page, pdf_path = printed
    with pikepdf.open(pdf_path) as pdf:
        count = len(pdf.pages)
    pages = [_flat(pdftotext(pdf_path, n, n)) for n in range(1, count + 1)]
    tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    article = tree.xpath("//article")[0]
    for row in article.xpath(".//table//tr[td]"):
        cells = [
            c for c in (_flat(c.text_content()) for c in row.xpath("./th|./td")) if len(c) >= 4
        ]
        assert any(all(_whole_on(c, text) for c in cells) for text in pages), cells
    headings = [_flat(h.text_content()).rstrip("¶") for h in article.xpath(".//h2|.//h3")]
    for number, raw in enumerate(pdftotext(pdf_path).split("\f")[:-2], start=1):
        lines = [_flat(line) for line in raw.splitlines() if line.strip()]
        assert lines and lines[-1] not in headings, f"page {number} ends with heading {lines[-1]}"
