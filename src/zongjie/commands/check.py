"""``zongjie check``: validate data, markers and cross-references without building the site."""

from __future__ import annotations

import json
from pathlib import Path

from .. import markers as mk
from ..content import load_content
from ..errors import Problem


def check_project(root: Path) -> list[Problem]:
    """Every problem in the project: data files first, then markers in every Markdown page."""
    content = load_content(root)
    problems = list(content.log.problems)
    docs = content.docs_dir
    for md in sorted(docs.rglob("*.md")):
        src = md.relative_to(docs).as_posix()
        report = content.report_for_page(src)
        campaign = content.campaign_for_page(src)
        rel = md.relative_to(root.resolve()).as_posix() if md.is_relative_to(root.resolve()) else str(md)
        try:
            text = md.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem(rel, 1, "文件不是 UTF-8 编码", field="编码",
                                    hint="用记事本/WPS“另存为”UTF-8，或 iconv -f GB18030 -t UTF-8"))
            continue
        _, _, found = mk.extract(
            text, rel, content,
            campaign_id=report.campaign_id if report else (campaign.id if campaign else None),
            report_key=report.key if report else None, start=0)
        problems.extend(found)
    return problems


def format_problems(problems: list[Problem], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=1)
    return "\n".join(p.format() for p in problems)
