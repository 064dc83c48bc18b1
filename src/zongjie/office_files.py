"""Word (.docx) and Excel (.xlsx) files opened with bounds, whatever was sent.

Both are ZIP archives of XML parts, and a hostile or broken one can make a reader take all the
memory there is: a 1 MB archive whose part inflates to gigabytes, XML nested thousands deep,
entity definitions that multiply (billion laughs), a sheet of a million rows. Before any part
is parsed, the archive's sizes are checked against :data:`LIMITS`; a part is then read in
pieces and given up on at its limit (the sizes an archive declares may lie), and parsed with
lxml's safe settings (no entities, no network, no DTD at all: Office never writes one), its
depth, rows and cells counted as it is read. Every refusal is an :class:`OfficeFileError` with
a Chinese message; the readers turn it into the error of the file they were reading.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    part_bytes: int = 16 * MB
    """One XML part, uncompressed (a long report's document.xml is a few MB)."""
    elements: int = 500_000
    """XML elements of one part: a 100-page report has some 50,000."""
    total_bytes: int = 512 * MB
    """All members of the archive together, uncompressed (images included)."""
    members: int = 5_000
    depth: int = 100
    """XML nesting; a report's tables within tables stay far below it."""
    rows: int = 20_000
    """Table rows of a document, rows of a sheet."""
    cells: int = 200_000
    """Table cells of a document, cells of a sheet."""


LIMITS = Limits()


class OfficeFileError(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


_RESAVE = "在 Word 或 Excel 中打开并“另存为”新文件后再导入；文件确实这么大时，请拆成几个文件"


def _mb(size: int) -> str:
    return f"{size / MB:.0f} MB"


def check_archive(archive: zipfile.ZipFile, limits: Limits = LIMITS) -> None:
    """The archive's declared sizes: refused before anything is inflated."""
    members = archive.infolist()
    if len(members) > limits.members:
        raise OfficeFileError(
            f"压缩包中有 {len(members)} 个文件，超过上限 {limits.members}", _RESAVE
        )
    total = sum(m.file_size for m in members)
    if total > limits.total_bytes:
        raise OfficeFileError(
            f"解压后共 {_mb(total)}，超过上限 {_mb(limits.total_bytes)}（压缩炸弹或损坏的文件）",
            _RESAVE,
        )


def read_part(archive: zipfile.ZipFile, name: str, limits: Limits = LIMITS) -> bytes:
    """One part, inflated piece by piece up to its limit (``KeyError`` if it is missing)."""
    info = archive.getinfo(name)
    if info.file_size > limits.part_bytes:
        raise _too_large(name, info.file_size, limits)
    out = io.BytesIO()
    try:
        with archive.open(info) as member:
            while chunk := member.read(MB):
                out.write(chunk)
                if out.tell() > limits.part_bytes:
                    raise _too_large(name, out.tell(), limits)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise OfficeFileError(f"{name} 无法解压（{exc}）", _RESAVE) from None
    return out.getvalue()


def _too_large(name: str, size: int, limits: Limits) -> OfficeFileError:
    return OfficeFileError(
        f"{name} 解压后超过 {_mb(limits.part_bytes)}（{_mb(size)} 以上），超过上限", _RESAVE
    )


@dataclass
class Counts:
    elements: int = 0
    rows: int = 0
    cells: int = 0


def parse_part(
    data: bytes,
    name: str,
    row_tag: str = "",
    cell_tag: str = "",
    keep: bool = True,
    limits: Limits = LIMITS,
) -> etree._Element | None:
    """Parse one XML part, counting elements named ``row_tag`` and ``cell_tag`` (Clark
    notation) against the row and cell limits. ``keep=False`` only counts (elements are freed
    as they are read) and returns ``None``."""
    parser = etree.XMLPullParser(
        events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False,
        huge_tree=False,
    )  # fmt: skip
    if _DOCTYPE.match(data):
        raise _doctype(name)
    depth, counts, root = 0, Counts(), None
    try:
        for start in range(0, len(data), MB):
            parser.feed(data[start : start + MB])
            for event, item in parser.read_events():
                assert isinstance(item, etree._Element)  # start and end events only
                element: etree._Element = item
                if event == "start":
                    depth += 1
                    if root is None:
                        root = element
                        if str(getattr(element.getroottree().docinfo, "doctype", "")):
                            raise _doctype(name)
                    if depth > limits.depth:
                        raise _too_deep(name, limits)
                    counts.elements += 1
                    if counts.elements > limits.elements:
                        raise OfficeFileError(
                            f"{name} 有超过 {limits.elements} 个 XML 元素，超过上限", _RESAVE
                        )
                    _count(element.tag, row_tag, cell_tag, counts, name, limits)
                else:
                    depth -= 1
                    if not keep and depth > 0:
                        element.clear()
        parser.close()
    except etree.LxmlError as exc:
        if "Excessive depth" in str(exc):  # libxml2's own bound (256) met within one piece
            raise _too_deep(name, limits) from None
        if "amplification" in str(exc):  # libxml2's guard against entity bombs
            raise _doctype(name) from None
        raise OfficeFileError(f"{name} 不是完好的 XML（{_reason(exc)}）", _RESAVE) from None
    return root if keep else None


# A document type declaration can only come before the root element, after the XML declaration,
# comments and processing instructions.
_DOCTYPE = re.compile(rb"(?:\s|<\?[^>]*\?>|<!--(?:[^-]|-[^-])*-->)*<!DOCTYPE", re.IGNORECASE)


def _doctype(name: str) -> OfficeFileError:
    return OfficeFileError(
        f"{name} 中有文档类型定义（<!DOCTYPE>）：Office 文件不会有，可能是恶意构造的文件"
        "（实体炸弹）",
        _RESAVE,
    )


def _too_deep(name: str, limits: Limits) -> OfficeFileError:
    return OfficeFileError(f"{name} 的 XML 嵌套超过 {limits.depth} 层，超过上限", _RESAVE)


def _count(tag: object, row_tag: str, cell_tag: str, counts: Counts, name: str,
           limits: Limits) -> None:  # fmt: skip
    if tag == row_tag:
        counts.rows += 1
        if counts.rows > limits.rows:
            raise OfficeFileError(f"{name} 的表格超过 {limits.rows} 行，超过上限", _RESAVE)
    elif tag == cell_tag:
        counts.cells += 1
        if counts.cells > limits.cells:
            raise OfficeFileError(f"{name} 的表格超过 {limits.cells} 个单元格，超过上限", _RESAVE)


def _reason(exc: etree.LxmlError) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"


def open_checked(path: Path, limits: Limits = LIMITS) -> zipfile.ZipFile:
    """The archive at ``path``, its declared sizes checked (``BadZipFile`` if it is none)."""
    archive = zipfile.ZipFile(path)
    try:
        check_archive(archive, limits)
    except OfficeFileError:
        archive.close()
        raise
    return archive
