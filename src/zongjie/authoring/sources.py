"""Read a sent report of any supported kind into blocks: one reader per file suffix.

``READERS`` maps a suffix to its reader; the folder import imports exactly these suffixes,
so supporting a new kind of file is one entry here. Every reader raises
:class:`CommandError` with a Chinese message for a file it cannot read.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from zongjie.authoring import libreoffice
from zongjie.authoring.blocks import SPACES, Block, Source
from zongjie.authoring.docx_reader import read_docx
from zongjie.data.yamlfile import YamlError
from zongjie.data.yamlfile import read_text as read_checked_text
from zongjie.errors import CommandError
from zongjie.filetypes import Kind, sniff
from zongjie.office_files import OfficeFileError


def read_text(path: Path) -> Source:
    """A UTF-8 text report: one block per non-empty line."""
    name = path.as_posix()
    try:
        text, problems = read_checked_text(path, name)  # size limit and UTF-8, as for any page
    except YamlError as exc:
        raise CommandError(
            exc.problem.message, hint=exc.problem.hint, path=name, line=exc.problem.line
        ) from None
    blocks = [
        Block("p", line.strip(SPACES), line=n)
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip(SPACES)
    ]
    return Source(blocks, [p.message for p in problems])


def read_word(path: Path) -> Source:
    """A .docx; an old binary Word file sent with a .docx name goes through LibreOffice."""
    kind = sniff(path)
    if kind in (Kind.OLE, Kind.ENCRYPTED):
        return read_binary_word(path)
    _check_docx(kind, path)
    try:
        return read_docx(path)
    except OfficeFileError as exc:
        raise CommandError(exc.message, path=path.as_posix(), hint=exc.hint) from None
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CommandError(
            f"无法解析 Word 文档（{type(exc).__name__}）",
            path=path.as_posix(),
            hint="在 Word 中打开并“另存为”新的 .docx 后重试；仍失败请把正文复制到 .txt 文件再导入",
        ) from None


def read_binary_word(path: Path) -> Source:
    """A .doc (Word 97-2003) or .wps (WPS 文字) file, converted to .docx by LibreOffice."""
    kind = sniff(path)
    if kind is Kind.DOCX:
        return read_word(path)  # a .docx sent under an old name
    if kind is Kind.ENCRYPTED:
        raise CommandError(
            "Word 文档设有打开密码（已加密），无法读取",
            path=path.as_posix(),
            hint="在 Word 中打开文档 → 文件 → 信息 → 保护文档 → 用密码进行加密，"
            "清空密码并保存后再导入",
        )
    if kind is not Kind.OLE:
        raise CommandError(
            f"不是 Word/WPS 文档：文件内容不是 {path.suffix} 格式",
            path=path.as_posix(),
            hint=_not_word_hint(kind),
        )
    with tempfile.TemporaryDirectory(prefix="zongjie-import-") as work:
        converted = libreoffice.to_docx(path, Path(work))
        try:
            source = read_docx(converted)
        except (OfficeFileError, KeyError, ValueError, zipfile.BadZipFile) as exc:
            message = exc.message if isinstance(exc, OfficeFileError) else type(exc).__name__
            raise CommandError(
                f"LibreOffice 转换后的文档无法读取：{message}",
                path=path.as_posix(),
                hint="在 Word 或 WPS 中打开并“另存为” .docx 后再导入",
            ) from None
    source.warnings.insert(0, f"已用 LibreOffice 把 {path.suffix} 转换为 .docx 后导入")
    return source


READERS: dict[str, Callable[[Path], Source]] = {
    ".docx": read_word,
    ".doc": read_binary_word,
    ".wps": read_binary_word,
    ".txt": read_text,
    ".md": read_text,
}
"""File suffix → reader. The folder import takes every file whose suffix is listed here."""


def read_source(path: Path) -> Source:
    """Blocks of one sent report, with a clear message for a file that cannot be read."""
    if not path.is_file():
        raise CommandError(f"找不到文件：{path}", hint="检查文件名和路径；含空格的路径请加引号")
    reader = READERS.get(path.suffix.lower(), read_word)
    return reader(path)


def _check_docx(kind: Kind, path: Path) -> None:
    name = path.as_posix()
    if kind is Kind.BROKEN_ZIP:
        raise CommandError(
            "Word 文档已损坏（无法解压）",
            path=name,
            hint="在 Word 中打开并“另存为”一个新的 .docx 文件后再导入",
        )
    if kind in (Kind.XLSX, Kind.PPTX, Kind.ZIP):
        raise CommandError(
            f"不是 Word 文档（.docx），而是{kind.label}",
            path=name,
            hint="请导入 Word 格式的总结报告",
        )
    if kind is not Kind.DOCX:
        raise CommandError(
            "不是 Word 文档（.docx）：文件内容不是 Word 格式", path=name, hint=_not_word_hint(kind)
        )


def _not_word_hint(kind: Kind) -> str:
    if kind is Kind.RTF:
        return "这是 RTF 文件；在 Word 中“另存为” .docx 后再导入"
    if kind is Kind.HTML:
        return "这是网页（HTML）文件；在 Word 中打开并“另存为” .docx 后再导入"
    if kind is Kind.PDF:
        return "这是 PDF 文件；请找到报告的 Word 原稿，或把正文复制到 .txt 文件后再导入"
    return "确认文件是 Word 2007 及以上版本保存的 .docx；纯文本报告请保存为 .txt 后导入"
