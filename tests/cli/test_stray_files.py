"""Files where the build reads nothing, or publishes them as they are: each is an error at it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPORT = "data/reports/dangshi-2021/shi-wenlian.yml"
CAMPAIGN = "data/campaigns/dangshi-2021.yml"
PAGE = "docs/campaigns/dangshi-2021/shi-wenlian.md"


@pytest.mark.parametrize(
    ("stray", "copy_of"),
    [
        ("data/reports/shi-wenlian.yml", REPORT),  # in no campaign's folder
        ("data/reports/dangshi-2021/旧版/shi-wenlian.yml", REPORT),  # a folder in a campaign's
        ("data/campaigns/dangshi-2021.yml.bak", CAMPAIGN),
        ("data/campaigns/dangshi-2021.yaml", CAMPAIGN),  # a second file of one campaign
        ("data/campaigns/旧/dangshi-2021.yml", CAMPAIGN),
        ("docs/campaigns/dangshi-2021/shi-wenlian.yml", REPORT),  # facts published as a file
        ("docs/about/data.yaml", REPORT),
        ("docs/campaigns/dangshi-2021/shi-wenlian.docx", None),  # the Word original
        ("docs/campaigns/dangshi-2021/shi-wenlian.txt", PAGE),
        ("docs/campaigns/dangshi-2021/附件/汇总.xlsx", None),
    ],
)
def test_a_file_nobody_reads_or_everyone_could_is_an_error_at_it(
    project: Path, zj, stray: str, copy_of: str | None
) -> None:
    path = project / stray
    path.parent.mkdir(parents=True, exist_ok=True)
    if copy_of is None:
        path.write_bytes(b"PK\x03\x04 not really an office file")
    else:
        path.write_bytes((project / copy_of).read_bytes())
    run = zj("check", "-C", project)
    assert run.code == 1
    # A folder nothing reads is reported at the folder; a file at the file, line 1.
    where = stray.rsplit("/", 1)[0] if "/旧" in stray else stray
    assert f"{where}:1:" in run.out, run.out


def test_pictures_and_pdfs_beside_a_narrative_pass(project: Path, zj) -> None:
    folder = project / "docs/campaigns/dangshi-2021"
    (folder / "合影.jpg").write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    (folder / "通知.pdf").write_bytes(b"%PDF-1.7\n")
    (project / "docs/files").mkdir()
    (project / "docs/files/学习材料.docx").write_bytes(b"PK\x03\x04 attachment")
    run = zj("check", "-C", project)
    assert run.code == 0, run.out
