"""Tables that stay together: a caption and the header row always travel with at least two body
rows, a table's last page keeps two rows, and a long table repeats its header on every page.

The start of a table is pushed down line by line with filler paragraphs until it has fallen on
every line of a page, both in the PDFs (WeasyPrint with the real 公文 stylesheet) and in the
browser's print of a built report page (Chromium, print.css).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from zongjie.pdf.cache import PdfCache
from zongjie.pdf.setup import PdfSetup

from .pdf_support import CAMPAIGN, ROOT, Built

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ROWS = 12  # long enough to run onto a second page from anywhere on the first


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    return [_flat(page) for page in text.split("\f") if page.strip()]


def _stays_together(pages: list[str], caption: str, header: str, rows: list[str]) -> None:
    """``caption`` is on a page with ``header`` and the first two ``rows``; every page with a
    row has the header first and at least two rows; the last row is not alone."""
    (start,) = [i for i, page in enumerate(pages) if caption in page]
    assert header in pages[start] and all(r in pages[start] for r in rows[:2]), pages[start]
    for page in pages:
        on_page = [r for r in rows if r in page]
        if on_page:
            assert header in page and page.index(header) < page.index(on_page[0])
            assert len(on_page) >= 2, on_page


def test_the_pdfs_never_strand_a_caption_or_a_last_row(tmp_path: Path) -> None:
    from weasyprint import CSS, HTML

    setup = PdfSetup.load([str(ROOT / "overrides")], PdfCache(tmp_path / "cache"))
    css = CSS(string=setup.css)
    filler = "<p>" + "党史学习教育走深走实" * 3 + "</p>"  # about two lines each
    rows = [f"第{n}项工作" for n in range(1, ROWS + 1)]
    body = "".join(f"<tr><th scope='row'>{r}</th><td>{n}</td></tr>" for n, r in enumerate(rows))
    table = (
        "<table><caption>表题甲乙丙</caption><thead><tr><th scope='col'>项目名称</th>"
        f"<th scope='col'>完成数量</th></tr></thead><tbody>{body}</tbody>"
        "<tfoot><tr><th scope='row'>合计总数</th><td>99</td></tr></tfoot></table>"
    )
    starts = set()
    for n in range(26):  # half-pages of filler: the table starts on every line of a page
        half = "<p>党史</p>" if n % 2 else ""
        html = f"<html lang='zh-CN'><body>{filler * (n // 2)}{half}{table}<p>表后</p></body></html>"
        out = tmp_path / f"{n}.pdf"
        HTML(string=html).write_pdf(out, stylesheets=[css])
        pages = _pages(out)
        _stays_together(pages, "表题甲乙丙", "项目名称完成数量", rows)
        last = next(page for page in pages if rows[-1] in page)
        assert "合计总数" in last  # the totals follow the last row
        starts.add(next(i for i, page in enumerate(pages) if "表题甲乙丙" in page))
    assert starts == {0, 1}  # the filler did push the table onto the next page


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make test installs it)")
def test_the_browsers_print_never_strands_a_caption(built: Built, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    page_file = built.site / "campaigns" / CAMPAIGN / "shi-wenlian" / "index.html"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(page_file.as_uri())
        tables = page.eval_on_selector_all(
            "article table",
            """tables => tables.map(t => ({
                caption: t.caption.textContent.replace(/\\s+/g, '').slice(0, 8),
                header: t.tHead.textContent.replace(/\\s+/g, ''),
                rows: [...t.tBodies[0].rows].map(r => r.cells[0].textContent.replace(/\\s+/g, '')),
            }))""",
        )
        first = tables[0]
        assert len(first["rows"]) >= 4
        starts = set()
        for n in range(45):  # one-line paragraphs: the table starts on every line of a page
            page.goto(page_file.as_uri())
            page.evaluate(
                """n => {
                    const table = document.querySelector('article table');
                    const block = table.closest('.md-typeset__scrollwrap') || table;
                    for (let i = 0; i < n; i++) {
                        const p = document.createElement('p');
                        p.textContent = '填充段落';
                        block.parentNode.insertBefore(p, block);
                    }
                }""",
                n,
            )
            out = tmp_path / f"{n}.pdf"
            page.pdf(path=str(out), prefer_css_page_size=True)
            pages = _pages(out)
            (start,) = [i for i, text in enumerate(pages) if first["caption"] in text]
            after = pages[start].split(first["caption"], 1)[1]
            assert all(row in after for row in first["rows"][:2]), (n, after[:80])
            starts.add(start)
        browser.close()
    assert len(starts) >= 2  # the filler did push the table over a page break
