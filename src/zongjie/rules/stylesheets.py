"""Stylesheets in ``docs/``: MkDocs copies them as they are, and a page that loads one (through
``extra_css``) makes every reader's browser fetch what it imports.

An ``@import`` or ``url()`` that leaves the site asks another host on every page view, which a
closed intranet cannot answer and which tells that host who reads what; ``javascript:`` and
``expression()`` are code. Each is an error at its line, read with the same address rule as the
pages' links (:func:`zongjie.markdown.addresses.outside`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from zongjie.data.yamlfile import relpath
from zongjie.errors import Problem
from zongjie.markdown.addresses import outside

# url(...) with or without quotes, and @import "…" without url(); CSS escapes are rare in
# hand-written sheets and are refused outright, since they can spell any of these.
_URL = re.compile(
    r"""url\(\s*(["']?)(.*?)\1\s*\)|@import\s+(["'])(.*?)\3""", re.IGNORECASE | re.DOTALL
)
_CODE = re.compile(
    r"expression\s*\(|javascript:|-moz-binding|behavior\s*:|\\[0-9a-f]", re.IGNORECASE
)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
HINT = "样式表只能引用站内的文件（放在 docs/ 下，用相对路径）；不能有脚本，也不要用 CSS 转义"
MAX_SHEET = 4 * 1024 * 1024


def stylesheet_problems(docs: Path, root: Path, own_host: str = "") -> list[Problem]:
    """An error for each address of a ``.css`` file in ``docs/`` that leaves the site, and for
    each piece of code in one."""
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(docs):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.lower().endswith(".css") and not name.startswith("."):
                problems += _sheet(Path(dirpath) / name, root, own_host)
    return problems


def _sheet(path: Path, root: Path, own_host: str) -> list[Problem]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read(MAX_SHEET)
    except OSError:
        return []
    # Comments blanked, not removed, so offsets still give the right line.
    text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    rel = relpath(path, root)
    problems = []
    for match in _URL.finditer(text):
        url = match.group(2) if match.group(2) is not None else match.group(4)
        why = outside(url.strip(), own_host)
        if why is not None:
            problems.append(_problem(rel, text, match.start(), f"样式表中的地址“{url[:80]}”{why}"))
    for match in _CODE.finditer(text):
        problems.append(
            _problem(
                rel, text, match.start(), f"样式表中有“{match.group()}”：它能运行代码或改写地址"
            )
        )
    return sorted(problems, key=lambda p: p.line or 0)


def _problem(rel: str, text: str, offset: int, message: str) -> Problem:
    return Problem(rel, text.count("\n", 0, offset) + 1, message, field="样式表", hint=HINT)
