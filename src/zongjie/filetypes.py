"""What a file sent to the campaign office really is, whatever its name says.

Units send Word files saved as .wps, workbooks renamed .docx, PDFs of their reports and
password-protected documents. Both importers (Word reports and filled-in workbooks) sniff the
content the same way here, and each says in its own words what to do instead.
"""

from __future__ import annotations

import zipfile
from enum import Enum
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Stream names of an encrypted Office file (an OLE container holding the real package).
ENCRYPTED = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
HEAD = 4096


class Kind(Enum):
    DOCX = "Word 文档"
    XLSX = "Excel 表格"
    PPTX = "PowerPoint 演示文稿"
    ZIP = "ZIP 压缩包"
    BROKEN_ZIP = "损坏的压缩文件"
    OLE = "Word 97-2003、Excel 97-2003 或 WPS 文件"
    ENCRYPTED = "设有打开密码（已加密）的 Office 文件"
    PDF = "PDF 文件"
    HTML = "网页（HTML/XML）文件"
    RTF = "RTF 文件"
    TEXT = "文本文件"
    UNKNOWN = "无法识别的文件"

    @property
    def label(self) -> str:
        return self.value


def sniff(path: Path) -> Kind:
    """The kind of ``path`` by its content."""
    with path.open("rb") as f:
        head = f.read(HEAD)
    if head.startswith(OLE_MAGIC):
        return Kind.ENCRYPTED if _encrypted(path) else Kind.OLE
    if head.startswith(ZIP_MAGIC):
        return _package(path)
    text = head.lstrip()
    if text.startswith(b"%PDF"):
        return Kind.PDF
    if text.startswith((b"{\\rtf", b"{\\\\rtf")):
        return Kind.RTF
    if text[:1] == b"<":
        return Kind.HTML
    if _looks_like_text(head):
        return Kind.TEXT
    return Kind.UNKNOWN


def _encrypted(path: Path) -> bool:
    """Whether an OLE file holds the streams of an encrypted package. Their names sit in its
    directory, anywhere in the file: read in pieces (the file may be large), each overlapping
    the last so that no name is cut in two."""
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            window = tail + chunk
            if any(marker in window for marker in ENCRYPTED):
                return True
            tail = window[-64:]
    return False


def _package(path: Path) -> Kind:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return Kind.BROKEN_ZIP
    if "word/document.xml" in names:
        return Kind.DOCX
    if "xl/workbook.xml" in names:
        return Kind.XLSX
    if any(n.startswith("ppt/") for n in names):
        return Kind.PPTX
    return Kind.ZIP


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4  # a character cut off at the end of the sample
    return True
