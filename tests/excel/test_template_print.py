"""The fill-in workbook prints: LibreOffice (headless) turns it into an A4 landscape PDF with the
header rows on every page and Chinese in a CJK font; pdftoppm renders a page to look at."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from zongjie.data.content import Content
from zongjie.excel.template import template_workbook

EXTRA_ACTIVITIES = 90  # the 活动 sheet then runs over several printed pages


def run(*args: str | Path, timeout: float = 240) -> str:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=timeout, check=True
    )
    return done.stdout


def test_template_prints_on_a4_landscape_with_headers_repeated(
    sample_content: Content, tmp_path: Path
) -> None:
    book = template_workbook(sample_content, "dangshi-2021", "shi-wenlian")
    activities = book["活动"]
    for i in range(EXTRA_ACTIVITIES):
        activities.append(["主题党日", 1, f"第{i + 1}次主题党日：重温入党誓词", None, 20, None])
    xlsx = tmp_path / "填报表.xlsx"
    book.save(xlsx)
    profile = (tmp_path / "lo-profile").as_uri()  # a profile of its own: tests run in parallel
    run(
        "soffice",
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        tmp_path,
        xlsx,
    )
    pdf = tmp_path / "填报表.pdf"
    info = run("pdfinfo", "-f", "1", "-l", "999", pdf)
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) >= 11  # every sheet but the hidden list of choices prints
    assert all(round(float(w)) == 842 and round(float(h)) == 595 for w, h in sizes), sizes
    pages = run("pdftotext", "-layout", pdf, "-").split("\f")
    activity_pages = [p for p in pages if "重温入党誓词" in p]
    assert len(activity_pages) >= 2
    for page in activity_pages:
        assert "会议和活动" in page and "类型*" in page and "参加人数" in page
        assert re.search(r"第 \d+ 页，共 \d+ 页", page)
    assert "2021年党史学习教育工作总结数据填报表" in pages[0]
    fonts = run("pdffonts", pdf)
    assert re.search("CJK|Song|Ming|Kai|Hei|Uming|Ukai", fonts, re.IGNORECASE), fonts
    run("pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", pdf, tmp_path / "page")
    assert (tmp_path / "page-01.png").stat().st_size > 10_000
