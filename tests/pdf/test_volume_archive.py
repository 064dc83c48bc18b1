"""The campaign volume and the archive package, opened as an archivist would."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf

from zongjie.pdf.verify import verify

from .pdf_support import CAMPAIGN, EPOCH, Built, build, pdftotext


def _pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def test_volume_is_cover_contents_overview_then_every_report(built: Built) -> None:
    reports = [built.report("ceshi-ju"), built.report("shi-wenlian")]  # sorted by unit id
    body = sum(_pages(r) for r in reports)
    total = _pages(built.volume)
    front = total - body
    assert front >= 3 and front % 2 == 0  # even, so report page 1 is a right-hand page
    cover = re.sub(r"\s+", "", pdftotext(built.volume, 1, 1))
    assert "2021年党史学习教育" in cover and "工作总结报告汇编" in cover
    contents = pdftotext(built.volume, 2, 2)
    assert "目" in contents and "数据总览" in contents
    overview = pdftotext(built.volume, 3, front)
    assert "各单位数据总览" in overview and "点击表头" not in overview
    # Each contents entry gives the body page on which that report starts, and that page says so.
    starts = {}
    start = 1
    for unit, path in zip(("测试局", "市文联"), reports, strict=True):
        starts[unit] = start
        start += _pages(path)
    flat = re.sub(r"[ \t]+", " ", contents)
    for unit, page in starts.items():
        assert re.search(rf"{unit}.*?(\n.*?)?[·.]*\s*{page}\s*$", flat, re.MULTILINE), (
            unit,
            page,
            flat,
        )
        physical = front + page
        first = pdftotext(built.volume, physical, physical)
        assert re.search(rf"—\s*{page}\s*—", first)
    first_report = pdftotext(built.volume, front + 1, front + 1)
    assert first_report.lstrip().startswith("市测试局党史学习教育工作总结报告")


def test_volume_bookmarks_and_pdfa(built: Built) -> None:
    with pikepdf.open(built.volume) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "A"
        assert meta["pdfuaid:part"] == "1"
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
            wenlian = next(item for item in outline.root if item.title.startswith("市文联"))
            assert [c.title for c in wenlian.children][:2] == [
                "一、开展的主要工作",
                "二、取得的成效",
            ]
    assert titles[:2] == ["目录", "数据总览"]
    assert any(t.startswith("测试局") for t in titles)


def test_archive_verifies_and_sha256sum_agrees(built: Built, tmp_path: Path) -> None:
    assert verify(built.archive) == []
    with zipfile.ZipFile(built.archive) as zf:
        names = sorted(zf.namelist())
        zf.extractall(tmp_path)
    assert names == sorted(
        [
            f"{CAMPAIGN}/README.txt",
            f"{CAMPAIGN}/SHA256SUMS",
            f"{CAMPAIGN}/manifest.json",
            f"{CAMPAIGN}/{CAMPAIGN}.pdf",
            f"{CAMPAIGN}/reports/ceshi-ju.pdf",
            f"{CAMPAIGN}/reports/shi-wenlian.pdf",
        ]
    )
    folder = tmp_path / CAMPAIGN
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], check=False, cwd=folder, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["build_time"] == "2022-01-01T00:00:00+08:00"  # SOURCE_DATE_EPOCH
    assert "source_commit" in manifest and "source_dirty" in manifest
    by_path = {f["path"]: f for f in manifest["files"]}
    wenlian = by_path["reports/shi-wenlian.pdf"]
    assert {k: wenlian[k] for k in ("kind", "unit", "unit_id", "date")} == {
        "kind": "report",
        "unit": "市文学艺术界联合会",
        "unit_id": "shi-wenlian",
        "date": "2021-12-20",
    }
    assert wenlian["pages"] == _pages(built.report())
    assert wenlian["bytes"] == built.report().stat().st_size
    assert by_path[f"{CAMPAIGN}.pdf"]["kind"] == "volume"
    assert by_path[f"{CAMPAIGN}.pdf"]["pages"] == _pages(built.volume)
    assert (folder / "reports/shi-wenlian.pdf").read_bytes() == built.report().read_bytes()
    assert verify(folder) == []


def test_archive_tampering_is_detected(built: Built, tmp_path: Path) -> None:
    with zipfile.ZipFile(built.archive) as zf:
        zf.extractall(tmp_path)
    folder = tmp_path / CAMPAIGN
    report = folder / "reports" / "ceshi-ju.pdf"
    data = bytearray(report.read_bytes())
    data[len(data) // 2] ^= 0xFF
    report.write_bytes(bytes(data))
    (folder / "extra.txt").write_text("x")
    assert verify(folder) == ["校验和不符：reports/ceshi-ju.pdf", "未登记的文件：extra.txt"]
    result = subprocess.run(
        [sys.executable, "-m", "zongjie", "verify", str(folder)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"{folder}：校验失败",
        "  校验和不符：reports/ceshi-ju.pdf",
        "  未登记的文件：extra.txt",
    ]
    intact = subprocess.run(
        [sys.executable, "-m", "zongjie", "verify", str(built.archive)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert intact.returncode == 0 and "校验通过" in intact.stdout, intact.stdout + intact.stderr


def test_rebuild_from_scratch_is_byte_identical(built: Built, tmp_path: Path) -> None:
    """Same sources, same SOURCE_DATE_EPOCH, cold cache: the same bytes (reproducible archive)."""
    project = tmp_path / "project"
    shutil.copytree(built.project, project, ignore=shutil.ignore_patterns("site"))
    site = build(project, tmp_path / "cache")
    for rel in (
        f"pdf/{CAMPAIGN}/shi-wenlian.pdf",
        f"pdf/{CAMPAIGN}.pdf",
        f"pdf/{CAMPAIGN}-archive.zip",
    ):
        assert (site / rel).read_bytes() == (built.site / rel).read_bytes(), rel
    # Same bytes because the time stamped into the archive is SOURCE_DATE_EPOCH, not the clock.
    stamp = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC).timetuple()[:6]
    with zipfile.ZipFile(site / f"pdf/{CAMPAIGN}-archive.zip") as zf:
        assert {info.date_time for info in zf.infolist()} == {stamp}
