"""Characters and lines no editor means to publish: invisible or bidi control characters and
Git conflict markers. YAML data files and Markdown pages are scanned with the same rules.

Invisible characters come in with text pasted from web pages, Word or chat tools; they make two
names that look the same differ (a unit's name, a heading's anchor), and bidi controls make text
display in an order other than the one it is stored in.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# Named because editors search for them; anything else invisible is described by its category.
NAMES = {
    "\u200b": "零宽空格",
    "\u200c": "零宽不连字",
    "\u200d": "零宽连字",
    "\u2060": "零宽不换行符",
    "\ufeff": "字节顺序标记（BOM）",
    "\u00ad": "软连字符",
    "\u200e": "从左到右标记",
    "\u200f": "从右到左标记",
    "\u061c": "阿拉伯文字标记",
    "\u2028": "行分隔符",
    "\u2029": "段分隔符",
    "\u0085": "下一行控制符",
    "\u3164": "韩文填充符",
    "\uffa0": "半角韩文填充符",
}
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ALLOWED_CONTROLS = frozenset("\t\n\r")
# Characters that end a line for YAML or for Python's splitlines(), but not for editors.
LINE_BREAKERS = frozenset("\u0085\u2028\u2029\x0b\x0c\x1c\x1d\x1e")


def is_invisible(char: str) -> bool:
    """A character that takes no visible space and is not ordinary white space."""
    if char in ALLOWED_CONTROLS:
        return False
    return char in NAMES or char in BIDI or unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp")


def breaks_lines(char: str) -> bool:
    """A control character: YAML refuses it or takes it for a line break, and so does Python."""
    if char in ALLOWED_CONTROLS:
        return False
    return char in LINE_BREAKERS or unicodedata.category(char) == "Cc"


def describe(char: str) -> str:
    """``U+200B（零宽空格）``: the code point editors can search for, and what it is."""
    if char in NAMES:
        name = NAMES[char]
    elif char in BIDI:
        name = "双向文字控制符，会改变文字的显示顺序"
    elif unicodedata.category(char) == "Cc":
        name = "控制字符"
    else:
        name = "不可见的格式字符"
    return f"U+{ord(char):04X}（{name}）"


INVISIBLE_HINT = (
    "这些字符看不见，多由网页、Word 或聊天软件复制带入。删除它们：在 VS Code 中按 Ctrl+H，"
    "勾选“使用正则表达式”，查找 [\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2069\\ufeff\\u00ad] "
    "并全部替换为空"
)


@dataclass(frozen=True)
class Found:
    line: int
    col: int
    chars: str
    """The distinct invisible characters on this line, in order of appearance."""

    @property
    def description(self) -> str:
        return "、".join(describe(c) for c in self.chars)


@functools.cache
def _invisible_pattern() -> re.Pattern[str]:
    """One character class of everything :func:`is_invisible` accepts, so a scan runs in C.

    ``re`` has no Unicode categories, so the class is listed once, on first use. Format and
    control characters exist only in planes 0-1 and 14 (the other planes hold ideographs and
    private use), so only those are listed; a test checks this against every code point.
    """
    ranges: list[list[int]] = []
    for code in itertools.chain(range(0x20000), range(0xE0000, 0xE1000)):
        if is_invisible(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return re.compile(
        "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"
    )


def has_invisible(text: str) -> bool:
    """Whether :func:`is_invisible` accepts any character of ``text`` (one scan in C)."""
    return _invisible_pattern().search(text) is not None


def invisible_by_line(text: str, start: int = 0, end: int | None = None) -> Iterator[Found]:
    """Each line of ``text[start:end]`` holding invisible characters (lines counted from the
    start of ``text``, columns from 1), with the first one's position."""
    end = len(text) if end is None else end
    line_start = -1  # where the current line begins, -1 before the first match
    chars = ""
    first = 0
    for match in _invisible_pattern().finditer(text, start, end):
        i = match.start()
        begins = text.rfind("\n", 0, i) + 1
        if begins != line_start:
            if chars:
                yield Found(text.count("\n", 0, line_start) + 1, first - line_start + 1, chars)
            line_start, chars, first = begins, "", i
        if match.group() not in chars:
            chars += match.group()
    if chars:
        yield Found(text.count("\n", 0, line_start) + 1, first - line_start + 1, chars)


# Git writes seven of each; "|||||||" opens the common ancestor in diff3 style.
CONFLICT_MARK = re.compile(r"^(<{7}|>{7}|\|{7})(?:[ \t].*)?$|^(={7})[ \t]*$")


def conflict_lines(text: str, skip: list[tuple[int, int]] | None = None) -> list[tuple[int, str]]:
    """``(line, marker)`` of each Git conflict marker line.

    A lone ``=======`` is also how Markdown underlines a heading, so it counts only when an
    opening or closing marker is in the same text; spans in ``skip`` (code blocks) are ignored.
    """
    found: list[tuple[int, str]] = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        m = CONFLICT_MARK.match(line.rstrip("\r"))
        if m and not any(a <= pos < b for a, b in skip or ()):
            found.append((number, (m.group(1) or m.group(2))))
        pos += len(line) + 1
    if not any(mark != "=======" for _, mark in found):
        return []
    return found


def conflict_message(mark: str) -> str:
    return f"Git 合并冲突标记“{mark}”：这里有两个版本的内容尚未合并"


CONFLICT_HINT = (
    "对照 <<<<<<< 与 ======= 之间（本地版本）和 ======= 与 >>>>>>> 之间（对方版本）的内容，"
    "保留正确的部分，再删除 <<<<<<<、=======、>>>>>>> 这几行标记"
)
