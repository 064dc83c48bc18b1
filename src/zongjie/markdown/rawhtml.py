"""Flag executable HTML written into a Markdown narrative.

Markdown passes raw HTML through unchanged (see docs/guide/security.md), so a ``<script>``,
an ``on…=`` handler or a ``javascript:`` link in a report would run in every reader's
browser. Reports never need them; each one is a warning, so ``--strict`` builds fail.
"""

from __future__ import annotations

import re

from zongjie.errors import Problem
from zongjie.markdown.markers import code_spans

RISKY = re.compile(
    r"<\s*(script|iframe|object|embed)\b"
    r"|<[a-z][^>]*\son[a-z]+\s*="
    r"|(?:href|src)\s*=\s*[\"']?\s*javascript:"
    r"|\]\(\s*javascript:",
    re.IGNORECASE,
)


def scan(markdown: str, path: str) -> list[Problem]:
    spans = code_spans(markdown)
    problems = []
    for match in RISKY.finditer(markdown):
        if any(a <= match.start() < b for a, b in spans):
            continue  # shown as code, e.g. in the editors' guide
        line = markdown.count("\n", 0, match.start()) + 1
        col = match.start() - markdown.rfind("\n", 0, match.start())
        problems.append(
            Problem(
                path,
                line,
                f"正文中有可执行的 HTML：“{match.group(0).strip()[:40]}”",
                col=col,
                field="HTML",
                severity="warning",
                hint="报告正文不需要脚本、事件属性或 javascript: 链接；请删除。"
                "表格和数字请用数据文件和标记",
            )
        )
    return problems
