"""The 催报名单 read back as a campaign office would open it: the workbook with openpyxl, the CSV
as Excel reads it; and the contacts it carries nowhere on the readers' site."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook
from tests.deadlines.conftest import CAMPAIGN, PHONE, TODAY
from tests.review.conftest import site_texts, squeeze

HEADERS = ["序号", "所属组织", "单位", "状态", "报送截止", "逾期天数", "联系人", "电话", "电子邮箱"]
ROWS = [
    ["1", "中共X市委", "乙县委", "未报送", "2021-12-20", "21", "", "", ""],
    [
        "2",
        "中共X市委 / 乙县委",
        "乙县财政局",
        "未报送",
        "2021-12-31",
        "10",
        "张三",
        PHONE,
        "zhangsan@example.cn",
    ],
    ["3", "中共X市委 / 甲县委", "甲县民政局", "退回", "2021-12-31", "10", "", "", ""],
    ["4", "中共X市委 / 乙县委", "乙县教育局", "草稿", "2021-12-31", "10", "", "", ""],
]


def test_workbook_and_csv_read_back(project: Path, tmp_path: Path, zj) -> None:
    out = tmp_path / "催报"
    run = zj("remind", CAMPAIGN, "--out", out, "--today", str(TODAY), "-C", project)
    assert run.code == 0, run.err
    assert "4 个单位（其中逾期 4 个）" in run.out
    sheet = load_workbook(out / f"催报-{CAMPAIGN}.xlsx").active
    assert sheet is not None
    cells = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert "催报名单" in cells[0][0] and "截至 2022-01-10" in cells[1][0]
    assert cells[2] == HEADERS
    assert cells[3:] == ROWS
    assert isinstance(sheet.cell(4, 6).value, int)  # days overdue are numbers, to sort by
    raw = (out / f"催报-{CAMPAIGN}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [HEADERS, *ROWS]


def build(project: Path, *args: str) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "NO_MKDOCS_2_WARNING": "1",
        "HOME": str(project),
        "SOURCE_DATE_EPOCH": "1700000000",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "PYTHONPATH": ":".join(sys.path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "zongjie", "build", "-q", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_contacts_never_reach_the_readers_site(project: Path) -> None:
    build(project)
    site = project / "site"
    texts = site_texts(site)
    assert any("乙县" in t for t in texts.values())  # the units are there, by name
    for secret in (PHONE, "8765432", "zhangsan@example.cn", "张三"):
        leaked = [name for name, text in texts.items() if squeeze(secret) in text]
        assert not leaked, (secret, leaked)
    # Nor does the editors' progress page: who is late is for the editors' preview.
    assert not [name for name in texts if "baosong" in name]
    assert not [name for name, text in texts.items() if "报送进度" in text]


def test_progress_page_in_the_editors_build(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "审核预览"
    build(project, "--audience", "editors", "-d", str(out))
    page = squeeze((out / "baosong-jindu/index.html").read_text(encoding="utf-8"))
    assert "<h1" in page and "报送进度" in page
    assert "报送截止：2021-12-31；县区2021-12-20" in page
    assert "<td>市委（合计）</td>" in page and "<td>乙县委</td>" in page
    late = page[page.index("<td>乙县委</td>") :]
    # most overdue first: 乙县委, then 乙县财政局 (未报送) before 甲县民政局 (退回)
    assert late.index("乙县财政局") < late.index("甲县民政局") < late.index("乙县教育局")
    assert "乙县新区" not in page  # registered after the campaign ended
    assert squeeze(PHONE) not in page
    assert 'href="baosong-jindu/"' in (out / "index.html").read_text(encoding="utf-8")
