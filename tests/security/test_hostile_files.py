"""Hostile Word and Excel files, built here: each is refused with a Chinese error naming the
file, no traceback, and the import's peak memory stays under 600 MB whatever the file.

The memory is that of the real command (``zongjie import``), run by a small wrapper process
whose only child it is, so the peak (``RUSAGE_CHILDREN``) is the import's own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from zongjie.demo import write_demo

LIMIT_MB = 600
CAMPAIGN = "dangshi-2021"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)
DOC_HEAD = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'.encode()
DOC_TAIL = b"</w:body></w:document>"
PARA = "<w:p><w:r><w:t>本单位认真开展学习教育。</w:t></w:r></w:p>".encode()
MEASURE = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(json.dumps({"rc": done.returncode, "out": done.stdout, "err": done.stderr, "peak_mb": peak}))
"""


def _zip(path: Path, parts: dict[str, Iterable[bytes] | str]) -> Path:
    """An archive whose parts are written piece by piece (a bomb never sits in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            if isinstance(data, str):
                archive.writestr(name, data)
                continue
            with archive.open(name, "w", force_zip64=True) as member:
                for chunk in data:
                    member.write(chunk)
    return path


def _docx(path: Path, body: Iterable[bytes]) -> Path:
    return _zip(path, {"[Content_Types].xml": TYPES,
                       "word/document.xml": [DOC_HEAD, *body, DOC_TAIL]})  # fmt: skip


def bomb_docx(path: Path) -> Path:
    """1.2 MB on disk; its document.xml inflates to 1.2 GB (deflate's utmost ratio)."""
    chunk = b" " * (8 * 1024 * 1024)  # one byte repeated: deflate's utmost ratio (~1000:1)
    spaces = (chunk for _ in range(1200 * 1024 * 1024 // len(chunk)))
    return _docx(path, [b"<w:p><w:r><w:t>", *spaces, b"</w:t></w:r></w:p>"])


def billion_laughs_docx(path: Path) -> Path:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    doc = (f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
           f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
           "</w:body></w:document>")  # fmt: skip
    return _zip(path, {"[Content_Types].xml": TYPES, "word/document.xml": doc})


def deep_docx(path: Path) -> Path:
    depth = 100_000
    return _docx(path, [b"<w:sdt><w:sdtContent>" * depth, b"</w:sdtContent></w:sdt>" * depth])


def malformed_docx(path: Path) -> Path:
    broken = f'<w:document xmlns:w="{W}"><w:body><w:p>'  # never closed
    return _zip(path, {"[Content_Types].xml": TYPES, "word/document.xml": broken})


def many_rows_docx(path: Path) -> Path:
    row = b"<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"
    return _docx(path, [b"<w:tbl>", row * 50_000, b"</w:tbl>"])


def many_elements_docx(path: Path) -> Path:
    return _docx(path, [b"<w:p/>" * 2_000_000])


def _xlsx(path: Path, sheet: Iterable[bytes]) -> Path:
    workbook = (f'<?xml version="1.0"?><workbook xmlns="{S}" xmlns:r="http://schemas.openxml'
                'formats.org/officeDocument/2006/relationships"><sheets><sheet name="基本信息" '
                'sheetId="1" r:id="rId1"/></sheets></workbook>')  # fmt: skip
    head = f'<?xml version="1.0"?><worksheet xmlns="{S}"><sheetData>'.encode()
    rows = [head, *sheet, b"</sheetData></worksheet>"]
    return _zip(path, {"[Content_Types].xml": TYPES, "xl/workbook.xml": workbook,
                       "xl/worksheets/sheet1.xml": rows})  # fmt: skip


def rows_xlsx(path: Path) -> Path:
    """200,000 rows (8 MB of XML: within the part size, so the row count must stop it)."""
    return _xlsx(path, (f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>'.encode()
                        for i in range(1, 200_001)))  # fmt: skip


def cells_xlsx(path: Path) -> Path:
    """1,000 rows of 300 cells: few rows, too many cells."""
    cells = b"<c><v>1</v></c>" * 300
    return _xlsx(path, (b"<row>" + cells + b"</row>" for _ in range(1_000)))


def bomb_xlsx(path: Path) -> Path:
    chunk = b"<row><c><v>1</v></c></row>" * 300_000
    return _xlsx(path, (chunk for _ in range(1100 * 1024 * 1024 // len(chunk))))


def big_part_xlsx(path: Path) -> Path:
    """One sheet of 40 MB: under the archive's total, over the part size."""
    chunk = b"<row><c><v>1</v></c></row>" * 100_000
    return _xlsx(path, (chunk for _ in range(40 * 1024 * 1024 // len(chunk))))


HOSTILE: dict[str, tuple[str, Callable[[Path], Path], str]] = {
    "docx-bomb": ("报告.docx", bomb_docx, "解压后共 1200 MB，超过上限"),
    "docx-billion-laughs": ("报告.docx", billion_laughs_docx, "文档类型定义"),
    "docx-deep-nesting": ("报告.docx", deep_docx, "嵌套超过"),
    "docx-malformed-xml": ("报告.docx", malformed_docx, "不是完好的 XML"),
    "docx-50000-table-rows": ("报告.docx", many_rows_docx, "行，超过上限"),
    "docx-2000000-elements": ("报告.docx", many_elements_docx, "个 XML 元素，超过上限"),
    "xlsx-200000-rows": ("填报表.xlsx", rows_xlsx, "行，超过上限"),
    "xlsx-300000-cells": ("填报表.xlsx", cells_xlsx, "个单元格，超过上限"),
    "xlsx-bomb": ("填报表.xlsx", bomb_xlsx, "超过上限 512 MB"),
    "xlsx-part-over-16mb": ("填报表.xlsx", big_part_xlsx, "解压后超过 16 MB"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "project"
    write_demo(root, units=2, campaigns=1, seed=1)
    return root


def measured_import(project: Path, source: Path) -> dict[str, object]:
    command = [sys.executable, "-m", "zongjie", "import", str(source), "--campaign", CAMPAIGN,
               "--unit", "u0000", "--force", "-C", str(project)]  # fmt: skip
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                          text=True, timeout=600, check=True)  # fmt: skip
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_file_is_refused_within_memory(project: Path, tmp_path: Path, kind: str) -> None:
    name, make, message = HOSTILE[kind]
    source = make(tmp_path / name)
    result = measured_import(project, source)
    output = str(result["out"]) + str(result["err"])
    size = source.stat().st_size
    print(f"{kind}: {size / 1e6:.2f} MB on disk, peak {result['peak_mb']} MB")
    assert result["rc"] == 1, output
    assert "Traceback" not in output
    assert message in output, output
    assert name in output, "the error names the file"
    assert int(str(result["peak_mb"])) <= LIMIT_MB


def test_largest_legal_document_within_memory(project: Path, tmp_path: Path) -> None:
    """Just inside every limit: imported, and still far below the memory bound."""
    text = ("本单位开展学习教育活动，组织党员干部深入学习，取得了明显成效。" * 4).encode()
    para = b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"
    source = _docx(tmp_path / "长报告.docx", [para * (15 * 1024 * 1024 // len(para))])
    result = measured_import(project, source)
    print(f"largest legal document: peak {result['peak_mb']} MB")
    assert result["rc"] == 0, str(result["out"]) + str(result["err"])
    assert int(str(result["peak_mb"])) <= LIMIT_MB


def test_folder_import_reports_each_bad_file_and_goes_on(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    malformed_docx(folder / "甲.docx")
    billion_laughs_docx(folder / "乙.docx")
    many_rows_docx(folder / "丙.docx")
    (folder / "丁.txt").write_text(
        "测试单位学习教育工作总结\n\n一、主要工作\n\n共开展活动3次。\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "zongjie", "import", str(folder), "--campaign", CAMPAIGN,
         "-C", str(project)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    for bad, why in (("甲.docx", "不是完好的 XML"), ("乙.docx", "文档类型定义"),
                     ("丙.docx", "超过上限")):  # fmt: skip
        assert bad in output and why in output, output
    assert "丁.txt" in output  # read, and on to the next step (its unit is not registered)


def test_word_text_stays_text(project: Path, tmp_path: Path) -> None:
    """HTML and markers typed in a Word report come out as text in the imported Markdown."""
    body = [
        "<w:p><w:r><w:t>一、主要工作</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>图片&lt;img src=x onerror=alert(1)&gt;与标记&lt;!-- zj:summary --&gt;"
        "都只是文字。</w:t></w:r></w:p>",
    ]
    source = _docx(tmp_path / "报告.docx", [p.encode() for p in body])
    done = subprocess.run(
        [sys.executable, "-m", "zongjie", "import", str(source), "--campaign", CAMPAIGN,
         "--unit", "u0001", "--force", "-C", str(project)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    markdown = (project / f"docs/campaigns/{CAMPAIGN}/u0001.md").read_text(encoding="utf-8")
    (line,) = [ln for ln in markdown.splitlines() if "都只是文字" in ln]
    assert "&lt;img src=x onerror=alert(1)>" in line and "&lt;!-- zj:summary -->" in line
    assert "<img" not in line and "<!--" not in line
    from zongjie.markdown.rendering import project_renderer

    html = project_renderer(project / "mkdocs.yml")(markdown)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html
