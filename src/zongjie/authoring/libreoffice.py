"""Old Word (.doc) and WPS Writer (.wps) files, converted to .docx by LibreOffice headless.

LibreOffice reads both through its Word 97 filter. It runs with a private profile in a
temporary folder, so a desktop LibreOffice that is open does not block it and nothing is
left behind.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from zongjie.errors import CommandError

DEBIAN_PACKAGE = "libreoffice-writer-nogui"
TIMEOUT = 180


def soffice() -> str:
    """The LibreOffice program, or a precise message saying what to install."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise CommandError(
            "转换 .doc/.wps 文件需要 LibreOffice，但本机没有找到 soffice 命令",
            hint=f"安装 Debian 软件包：sudo apt-get install -y {DEBIAN_PACKAGE}"
            "（或在 Word/WPS 中“另存为” .docx 后再导入）",
        )
    return found


def to_docx(path: Path, workdir: Path) -> Path:
    """Convert ``path`` to a .docx inside ``workdir``; the original file is not touched."""
    program = soffice()
    # A copy with an ASCII name: soffice names its output after the input, whatever the locale.
    source = workdir / ("source" + path.suffix.lower())
    shutil.copyfile(path, source)
    with tempfile.TemporaryDirectory(dir=workdir) as profile:
        try:
            run = subprocess.run(
                [
                    program,
                    f"-env:UserInstallation=file://{Path(profile).resolve()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "docx:MS Word 2007 XML",
                    "--outdir",
                    str(workdir),
                    str(source),
                ],
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise CommandError(
                f"LibreOffice 在 {TIMEOUT} 秒内没有完成转换",
                path=path.as_posix(),
                hint="文件可能已损坏或过大；在 Word/WPS 中“另存为” .docx 后再导入",
            ) from None
    target = workdir / "source.docx"
    if run.returncode != 0 or not target.is_file():
        raise CommandError(
            "LibreOffice 无法转换该文件（文件可能已损坏，或不是 Word/WPS 文字文档）",
            path=path.as_posix(),
            hint="在 Word 或 WPS 中打开，“另存为”Word 文档（*.docx）后再导入",
        )
    return target
