"""Verify an archive package (``zongjie verify <campaign>-archive.zip | <folder>``).

Checks every file against ``SHA256SUMS`` and ``manifest.json``, and that the package holds no
file that is not listed. Exit status 0 when everything matches, 1 otherwise.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from zongjie.pdf.archive import MANIFEST, SUMS


def _read_package(path: Path) -> dict[str, bytes]:
    """Files of the package, keyed by path inside the campaign folder."""
    files: dict[str, bytes] = {}
    if path.is_dir():
        for item in sorted(path.rglob("*")):
            if item.is_file():
                files[item.relative_to(path).as_posix()] = item.read_bytes()
        return files
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if not n.endswith("/")]
        prefixes = {n.split("/", 1)[0] for n in names}
        if len(prefixes) != 1:
            raise ValueError("归档包应只包含一个活动文件夹")
        for name in names:
            files[name.split("/", 1)[1]] = zf.read(name)
    return files


def verify(path: Path) -> list[str]:
    """Problems found; an empty list means the package is intact."""
    try:
        files = _read_package(path)
    except FileNotFoundError:
        return ["无法读取归档包：文件不存在"]
    except zipfile.BadZipFile:
        return ["无法读取归档包：不是 zip 文件，或文件已损坏（可重新下载或从站点 pdf/ 目录复制）"]
    except (OSError, ValueError) as exc:
        return [f"无法读取归档包：{exc}"]
    problems: list[str] = []
    if SUMS not in files or MANIFEST not in files:
        return [f"缺少 {SUMS} 或 {MANIFEST}"]
    listed: dict[str, str] = {}
    for line in files[SUMS].decode().splitlines():
        checksum, sep, name = line.partition("  ")
        if not sep:
            problems.append(f"{SUMS} 格式错误：{line!r}")
            continue
        listed[name.lstrip("*")] = checksum
    for name, checksum in listed.items():
        if name not in files:
            problems.append(f"缺少文件：{name}")
        elif hashlib.sha256(files[name]).hexdigest() != checksum:
            problems.append(f"校验和不符：{name}")
    for name in files:
        if name != SUMS and name not in listed:
            problems.append(f"未登记的文件：{name}")
    manifest = json.loads(files[MANIFEST])
    for entry in manifest.get("files", []):
        if listed.get(entry["path"]) != entry["sha256"]:
            problems.append(f"清单与校验和不一致：{entry['path']}")
    return problems
