"""``zongjie check``: validate data, markers, cross-references and narrative numbers, no build."""

from __future__ import annotations

import json
from pathlib import Path

from .. import markers as mk
from .. import rawhtml
from ..content import load_content
from ..errors import Problem
from ..yamlfile import YamlError, read_text, relpath
from . import CommandError
from ..lint import lint_report


def check_project(root: Path, strict: bool = False) -> list[Problem]:
    """Every problem in the project: data files first, then every Markdown page.

    Markdown pages get the same encoding checks as data files (GBK, BOM), their
    markers are validated, and report pages are linted against their data; under
    ``strict`` a narrative number that disagrees with the data is an error.
    """
    if not root.is_dir():
        raise CommandError(f"项目目录不存在：{root}", hint="用 -C 指定 mkdocs.yml 所在的目录")
    content = load_content(root)
    problems = list(content.log.problems)
    docs = content.docs_dir
    for md in sorted(docs.rglob("*.md")):
        src = md.relative_to(docs).as_posix()
        report = content.report_for_page(src)
        campaign = content.campaign_for_page(src)
        rel = relpath(md, root)
        try:
            text, warnings = read_text(md, rel)
        except YamlError as exc:
            if exc.problem not in problems:  # load_content may have reported it already
                problems.append(exc.problem)
            continue
        problems.extend(warnings)
        if content.page_data_failed(src):
            continue  # its data file's own error says why; its markers would only add noise
        _, _, found = mk.extract(
            text, rel, content,
            campaign_id=report.campaign_id if report else (campaign.id if campaign else None),
            report_key=report.key if report else None, start=0)
        problems.extend(found)
        problems.extend(rawhtml.scan(text, rel))
        if report is not None:
            problems.extend(lint_report(text, rel, report, content, strict))
    return problems


def select(problems: list[Problem], root: Path, paths: list[Path]) -> list[Problem]:
    """Only the problems in the given files or folders (``zongjie check docs/campaigns/x``)."""
    if not paths:
        return problems
    root = root.resolve()
    wanted = []
    for path in paths:
        full = path if path.is_absolute() else Path.cwd() / path
        if not full.exists():
            raise CommandError(f"路径不存在：{path}", hint="给出项目中的文件或目录，如 docs/campaigns")
        wanted.append(full.resolve())
    return [p for p in problems if any((root / p.path).resolve().is_relative_to(w) for w in wanted)]


def format_problems(problems: list[Problem], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=1)
    return "\n".join(p.format() for p in problems)
