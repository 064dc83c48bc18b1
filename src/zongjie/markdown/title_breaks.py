"""Where an editor may force a line break with ``<br>``: in the page's title, between words.

A report's (or campaign page's) title is set in balanced lines by ``zongjie.typeset.titles``;
``<br>`` in the title (the first ``# `` heading) forces a break there, in the PDF and in print.
Anywhere else in a heading it would only break the web page's heading and the PDF bookmarks,
so it is an error, as is a ``<br>`` with no text on one side.
"""

from __future__ import annotations

import re

from zongjie.errors import Problem
from zongjie.markdown.markers import code_spans
from zongjie.typeset.titles import FORCED, forced_lines

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
HINT = "标题太长时会自动在词与词之间回行；确需在某处换行，在文章标题（第一行 # 标题）中写 <br>"


def scan(markdown: str, path: str) -> list[Problem]:
    spans = code_spans(markdown)
    problems: list[Problem] = []
    seen_title = False
    for match in _ATX.finditer(markdown):
        if any(a <= match.start() < b for a, b in spans):
            continue
        level, text = len(match.group(1)), match.group(2)
        is_title = level == 1 and not seen_title
        seen_title = seen_title or level == 1
        if not FORCED.search(text):
            continue
        line = markdown.count("\n", 0, match.start()) + 1
        if not is_title:
            problems.append(
                Problem(
                    path,
                    line,
                    f"只有文章标题可以用 <br> 强制换行，这个{level}级标题不行",
                    field="标题换行",
                    hint=HINT,
                )
            )
        elif any(not part for part in forced_lines(text)):
            problems.append(
                Problem(
                    path,
                    line,
                    "标题中的 <br> 两边都要有文字（不能写在开头、结尾或连写两个）",
                    field="标题换行",
                    hint=HINT,
                )
            )
    return problems
