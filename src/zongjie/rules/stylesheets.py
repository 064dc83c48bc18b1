"""Stylesheets in ``docs/``: MkDocs copies them as they are, and a page that loads one (through
``extra_css``) makes every reader's browser fetch what it imports.

An ``@import`` or ``url()`` that leaves the site asks another host on every page view, which a
closed intranet cannot answer and which tells that host who reads what; ``javascript:`` and
``expression()`` are code. Each is an error at its line, read with the same address rule as the
pages' links (:func:`zongjie.markdown.addresses.outside`).

The sheet is read as the browser reads it, token by token (tinycss2), not rule by rule: every
``url()``, every string given to a function (``image-set()``, ``-webkit-image-set()``,
``cross-fade()``, ``src()``…) and every string of an ``@import`` is an address, however deep
in ``@media``, ``@supports`` or ``@font-face`` it sits, and a rule the parser cannot make sense
of hides nothing. Other strings (``content: "…"``) are text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tinycss2

from zongjie.data.yamlfile import relpath
from zongjie.errors import Problem
from zongjie.markdown.addresses import outside

# Read on the source as written, comments blanked: CSS escapes are rare in hand-written sheets
# and are refused outright, since they can spell any of these.
_CODE = re.compile(
    r"expression\s*\(|javascript:|-moz-binding|behavior\s*:|\\[0-9a-f]", re.IGNORECASE
)
# The same words as the tokens spell them once escapes are decoded.
_CODE_FUNCTIONS = frozenset({"expression"})
_CODE_WORDS = frozenset({"-moz-binding"})
_CODE_PROPERTIES = frozenset({"behavior"})
_DROPPED = re.compile(r"[\t\r\n]")  # the browser drops these inside an address
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
    return [
        Problem(relpath(path, root), line, message, field="样式表", hint=HINT)
        for line, message in sheet_findings(text, own_host)
    ]


def sheet_findings(text: str, own_host: str = "") -> list[tuple[int, str]]:
    """``(line, message)`` for each address outside the site and each piece of code in the
    stylesheet ``text``, by line."""
    # As tinycss2 reads it, so that its lines and columns are offsets into this text.
    text = text.replace("\0", "\ufffd").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n")
    tokens = tinycss2.parse_component_value_list(text, skip_comments=False)
    walk = _Walk(own_host)
    walk.tokens(tokens, addresses=False)
    blanked = _blank_comments(text, walk.comments)
    for match in _CODE.finditer(blanked):
        walk.code(blanked.count("\n", 0, match.start()) + 1, match.group())
    return sorted(walk.found, key=lambda found: found[0])


class _Walk:
    """Every token of a sheet, into functions and blocks: what it finds, and where the
    comments are (for the check on the source as written)."""

    def __init__(self, own_host: str) -> None:
        self.own_host = own_host
        self.found: list[tuple[int, str]] = []
        self.comments: list[tuple[int, int]] = []

    def add(self, line: int, message: str) -> None:
        if (line, message) not in self.found:
            self.found.append((line, message))

    def code(self, line: int, word: str) -> None:
        word = re.sub(r"\s+", "", word).lower()
        self.add(line, f"样式表中有“{word}”：它能运行代码或改写地址")

    def address(self, line: int, url: str) -> None:
        if "javascript:" in _DROPPED.sub("", url).lower():
            self.code(line, "javascript:")
        why = outside(url.strip(), self.own_host)
        if why is not None:
            self.add(line, f"样式表中的地址“{url[:80]}”{why}")

    def tokens(self, tokens: Iterable[Any], *, addresses: bool) -> None:
        """``addresses``: a string here is an address (an argument of a function); an
        ``@import`` makes the strings after it addresses up to its ``;`` or block."""
        importing = naming = custom = False
        previous: Any = None
        for token in tokens:
            kind = token.type
            if kind == "comment":
                self.comments.append((token.source_line, token.source_column))
                continue
            if kind == "whitespace":
                continue
            line = token.source_line
            if naming and kind in ("url", "string"):
                pass  # an @namespace names an XML vocabulary: no browser fetches it
            elif kind == "url":
                self.address(line, token.value)
            elif kind == "string":
                # A custom property's string can reach url() or image-set() through var().
                if addresses or importing or custom:
                    self.address(line, token.value)
                elif "javascript:" in _DROPPED.sub("", token.value).lower():
                    self.code(line, "javascript:")
            elif kind == "function":
                name = token.lower_name
                if name in _CODE_FUNCTIONS:
                    self.code(line, f"{name}(")
                self.tokens(token.arguments, addresses=True)
            elif kind == "ident":
                if token.lower_value in _CODE_WORDS:
                    self.code(line, token.lower_value)
            elif kind == "literal" and token.value == ":" and previous is not None:
                if previous.type == "ident" and previous.lower_value in _CODE_PROPERTIES:
                    self.code(previous.source_line, f"{previous.lower_value}:")
                if previous.type == "ident" and previous.value.startswith("--"):
                    custom = True
            elif kind == "at-keyword" and token.lower_value == "import":
                importing = True
            elif kind == "at-keyword" and token.lower_value == "namespace":
                naming = True
            elif kind in ("() block", "[] block"):
                self.tokens(token.content, addresses=addresses or importing)
            elif kind == "{} block":
                self.tokens(token.content, addresses=False)
            elif kind == "error" and token.kind == "bad-url":
                # The browser loads nothing from it, but neither can it be read here.
                self.add(line, "样式表中有写错的 url()（如地址中有空格或引号）：无法确认它指向哪里")
            if kind == "{} block" or (kind == "literal" and token.value == ";"):
                importing = naming = custom = False
            previous = token


def _blank_comments(text: str, comments: list[tuple[int, int]]) -> str:
    """``text`` with each comment (by its line and column) turned into spaces, line breaks
    kept, so offsets still give the right line."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    chars = list(text)
    for line, column in comments:
        start = starts[line - 1] + column - 1
        end = text.find("*/", start + 2)
        end = len(text) if end == -1 else end + 2
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
