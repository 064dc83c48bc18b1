"""``zongjie check``: validate data, markers, cross-references and narrative numbers, no build."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from zongjie.config import read_settings, site_host
from zongjie.data.content import load_content
from zongjie.data.yamlfile import YamlError, read_text, relpath
from zongjie.errors import CommandError, Problem
from zongjie.markdown.markers import PLACEHOLDER_RE
from zongjie.markdown.page_checks import check_page, check_rendered, split_front_matter
from zongjie.markdown.rendering import project_renderer
from zongjie.site import audience


def check_project(root: Path) -> list[Problem]:
    """Every problem in the project: data files and project files first, then every page.

    Both halves are the build's own: :func:`zongjie.data.content.load_content` (data, links,
    page size and encoding) and :func:`zongjie.markdown.page_checks.check_page` for each page
    MkDocs would build, on the body MkDocs would render, then on the HTML it renders to
    (:func:`zongjie.markdown.page_checks.check_rendered`, with the project's Markdown extensions).
    """
    if not root.is_dir():
        raise CommandError(f"项目目录不存在：{root}", hint="用 -C 指定 mkdocs.yml 所在的目录")
    content = load_content(root)
    settings, problems = read_settings(content.root / "mkdocs.yml")
    if settings is not None:  # the rule every readers' build applies to the settings
        problems += audience.setting_problems(settings, content.root / "mkdocs.yml")
    problems += content.log.problems
    own_host = site_host(content.root / "mkdocs.yml")
    render = project_renderer(content.root / "mkdocs.yml")
    for md in content.pages:
        src = content.page_src(md)
        if content.page_skipped(src):
            continue
        rel = relpath(md, content.root)
        try:
            source = read_text(md, rel)[0]
        except YamlError:  # changed since it was loaded; the next run reports it
            continue
        body, first_line = split_front_matter(source)
        checked = check_page(body, rel, src, content, first_line=first_line, own_host=own_host)
        problems.extend(checked.problems)
        if render.may_need_sanitizing(PLACEHOLDER_RE.sub("", checked.text)):
            html = render(checked.text)
            problems.extend(
                check_rendered(checked, html, rel, render, first_line=first_line).problems
            )
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
            raise CommandError(
                f"路径不存在：{path}", hint="给出项目中的文件或目录，如 docs/campaigns"
            )
        wanted.append(full.resolve())
    return [p for p in problems if any((root / p.path).resolve().is_relative_to(w) for w in wanted)]


def format_problems(problems: list[Problem], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=1)
    return "\n".join(p.format() for p in problems)


def run(args: argparse.Namespace) -> int:
    problems = select(check_project(args.root), args.root, args.paths)
    errors = [p for p in problems if p.severity == "error"]
    if problems:
        print(format_problems(problems, args.format))
    elif args.format == "json":
        print("[]")
    if args.format == "text":
        print(
            f"检查完成：{len(errors)} 个错误，{len(problems) - len(errors)} 个警告", file=sys.stderr
        )
    return 1 if errors or (args.strict and problems) else 0
