"""The ``zongjie`` command: ``main`` parses arguments, one module per verb does the work."""

from __future__ import annotations

from pathlib import Path

from zongjie.data.yamlfile import relpath


def show_written(paths: list[Path], root: Path) -> None:
    for path in paths:
        print(f"已写入 {relpath(path, root)}")
