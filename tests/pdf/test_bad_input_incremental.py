"""Bad input is reported by name and fails --strict; only changed reports are rendered again."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

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


def _stats(cache: Path) -> dict:
    return json.loads((cache / "last-build.json").read_text(encoding="utf-8"))


def test_missing_image_and_missing_glyphs_warn_by_report_and_never_tofu(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path / "project")
    _append(
        project, f"现场照片：![调研现场](img/missing.png)\n\n罕见字{NO_FONT}与符号{OTHER_FONT}。"
    )
    logger = plugin_logger("zongjie.pdf").name  # mkdocs.… or properdocs.…
    with caplog.at_level(logging.WARNING, logger=logger):
        site = build(project, tmp_path / "cache")
    warnings = [r.getMessage() for r in caplog.records if r.name == logger]
    assert any(NARRATIVE in w and "img/missing.png" in w for w in warnings), warnings
    assert any(NARRATIVE in w and "U+F0001" in w for w in warnings), warnings
    assert any(NARRATIVE in w and "U+A66C" in w and "DejaVu" in w for w in warnings), warnings
    text = pdftotext(site / "pdf" / CAMPAIGN / "ceshi-ju.pdf")
    assert "〔U+F0001〕" in text  # a visible code instead of a tofu box
    assert "［图片缺失：调研现场］" in text
    assert OTHER_FONT in text and NO_FONT not in text and "□" not in text

    with pytest.raises(Abort):
        build(project, tmp_path / "cache", strict=True, site=tmp_path / "strict-site")
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
    assert (site / "pdf" / CAMPAIGN / f"{CAMPAIGN}.pdf").exists() is False
    assert (site / "pdf" / f"{CAMPAIGN}.pdf").read_bytes() != volume
    assert "检验增量生成" in pdftotext(site / "pdf" / CAMPAIGN / "ceshi-ju.pdf")
