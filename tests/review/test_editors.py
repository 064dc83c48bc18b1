"""The editors' preview shows every report, and marks what is not approved yet."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import CAMPAIGN, CANARY, pdf_text, squeeze, zongjie


@pytest.fixture(scope="module")
def editor_site(review_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("editors") / "project"
    shutil.copytree(review_template, root, ignore=shutil.ignore_patterns("site"))
    done = zongjie(root, "build", "--audience", "editors", "-q", "-d", "preview")
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "preview"


def test_drafts_are_shown_with_a_banner(editor_site: Path) -> None:
    for uid, status in (("u0001", "待审"), ("u0002", "草稿")):
        html = (editor_site / f"campaigns/{CAMPAIGN}/{uid}/index.html").read_text(encoding="utf-8")
        assert f'class="zj-review-banner" data-status="{status}"' in html
        assert squeeze(CANARY[uid]) in squeeze(html)
    approved = (editor_site / f"campaigns/{CAMPAIGN}/u0000/index.html").read_text(encoding="utf-8")
    assert "zj-review-banner" not in approved


def test_overview_marks_unapproved_numbers(editor_site: Path) -> None:
    html = (editor_site / f"campaigns/{CAMPAIGN}/index.html").read_text(encoding="utf-8")
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr")[1:]
    marked = [("zj-unapproved" in row, "草稿" in row or "待审" in row) for row in rows]
    assert marked == [(False, False), (True, True), (True, True)]
    assert "尚未审定" in html and "合计（3 个单位）" in html


def test_draft_pdf_has_a_watermark_and_no_volume_entry(editor_site: Path) -> None:
    draft = pdf_text((editor_site / f"pdf/{CAMPAIGN}/u0002.pdf").read_bytes())
    pages = [p for p in draft.split("\f") if p.strip()]
    # On every page (rotated, so its two characters come out of the text separately).
    assert len(pages) >= 2 and all("草" in p and "稿" in p for p in pages)
    approved = pdf_text((editor_site / f"pdf/{CAMPAIGN}/u0000.pdf").read_bytes())
    assert "草" not in approved.replace("草稿报告", "")
    volume = squeeze(pdf_text((editor_site / f"pdf/{CAMPAIGN}.pdf").read_bytes()))
    assert squeeze(CANARY["u0000"]) in volume
    assert squeeze(CANARY["u0002"]) not in volume and squeeze(CANARY["u0001"]) not in volume


def test_watermark_is_visible(editor_site: Path, tmp_path: Path) -> None:
    """Rendered to pixels: the page centre carries the faint red watermark."""
    png = tmp_path / "page"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            str(editor_site / f"pdf/{CAMPAIGN}/u0002.pdf"),
            str(png),
        ],
        check=True,
    )
    from PIL import Image

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    w, h = image.size
    tinted = sum(
        1
        for x in range(w // 4, 3 * w // 4)
        for y in range(h // 3, 2 * h // 3)
        if (px := image.getpixel((x, y)))[0] > px[1] + 12 and px[0] > px[2] + 12  # type: ignore[index]
    )
    assert tinted > 50
