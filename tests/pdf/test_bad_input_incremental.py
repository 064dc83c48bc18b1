"""Bad input is reported by name and fails --strict; only changed reports are rendered again."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from support import reapprove
from zongjie.framework import plugin_logger

from .pdf_support import CAMPAIGN, build, make_project, pdftotext

NARRATIVE = f"docs/campaigns/{CAMPAIGN}/ceshi-ju.md"
NO_FONT = "\U000f0001"  # private use: no installed font has it
OTHER_FONT = "\ua66c"  # Ꙭ: not in the 公文 fonts, but DejaVu Sans has it


def _append(project: Path, text: str) -> None:
    path = project / NARRATIVE
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "<!-- zj:signature -->", f"{text}\n\n<!-- zj:signature -->"
        ),
        encoding="utf-8",
    )
    reapprove(project)  # approved again, so that readers' PDFs carry the edit


def _stats(cache: Path) -> dict:
    return json.loads((cache / "last-build.json").read_text(encoding="utf-8"))


def _pdf_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    name = plugin_logger("zongjie.pdf").name
    return [
        r.getMessage() for r in caplog.records if r.name == name and r.levelno == logging.WARNING
    ]


def test_missing_image_and_missing_glyphs_warn_by_report_and_never_tofu(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path / "project")
    _append(
        project, f"现场照片：![调研现场](img/missing.png)\n\n罕见字{NO_FONT}与符号{OTHER_FONT}。"
    )
    cache = tmp_path / "cache"
    with caplog.at_level(logging.WARNING):
        site = build(project, cache)
    warnings = _pdf_warnings(caplog)
    assert sorted(warnings) == sorted(
        [
            f"{NARRATIVE}：PDF：图片无法载入：img/missing.png（内网 PDF 只能使用站点内的图片文件）",
            f"{NARRATIVE}：PDF：公文字体缺字，改用其他已安装字体："
            f"“{OTHER_FONT}”(U+A66C，DejaVu Sans)",
            f"{NARRATIVE}：PDF：没有任何已安装字体能显示这些字符，PDF 中以编码代替："
            f"“{NO_FONT}”(U+F0001)",
        ]
    ), warnings
    text = pdftotext(site / "pdf" / CAMPAIGN / "ceshi-ju.pdf")
    assert "〔U+F0001〕" in text  # a visible code instead of a tofu box
    assert "［图片缺失：调研现场］" in text
    assert OTHER_FONT in text and NO_FONT not in text and "□" not in text

    caplog.clear()
    # Four warnings: MkDocs' own one for the missing image, and the three above, which a PDF
    # taken from the cache must repeat (or --strict would pass on the second build).
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=r"^Aborted with 4 warnings"):
        build(project, cache, strict=True, site=tmp_path / "strict-site")
    assert sorted(_pdf_warnings(caplog)) == sorted(warnings)
    assert (_stats(cache)["rendered"], _stats(cache)["cached"]) == (0, 2)
    assert not (tmp_path / "strict-site").exists()  # the atomic build kept no half site


def test_only_the_changed_report_is_rendered_again(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    cache = tmp_path / "cache"
    site = build(project, cache)
    first = _stats(cache)
    assert (first["rendered"], first["cached"]) == (2, 0)
    wenlian = (site / "pdf" / CAMPAIGN / "shi-wenlian.pdf").read_bytes()
    volume = (site / "pdf" / f"{CAMPAIGN}.pdf").read_bytes()

    build(project, cache)
    assert (_stats(cache)["rendered"], _stats(cache)["cached"]) == (0, 2)

    _append(project, "新增一段总结文字，检验增量生成。")
    site = build(project, cache)
    third = _stats(cache)
    assert (third["rendered"], third["cached"]) == (1, 1)
    assert (site / "pdf" / CAMPAIGN / "shi-wenlian.pdf").read_bytes() == wenlian
    # The volume holds the changed report, so it is made again.
    assert (site / "pdf" / f"{CAMPAIGN}.pdf").read_bytes() != volume
    assert "检验增量生成" in pdftotext(site / "pdf" / f"{CAMPAIGN}.pdf")
    assert "检验增量生成" in pdftotext(site / "pdf" / CAMPAIGN / "ceshi-ju.pdf")
