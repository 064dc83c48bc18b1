"""``zongjie check``: validate data, markers, cross-references and narrative numbers, no build."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path

from zongjie import rules
from zongjie.cli.arguments import add_format, add_root
from zongjie.data.content import Content
from zongjie.errors import CommandError, Problem
from zongjie.layout import ProjectLayout
from zongjie.review.publication import is_hidden, view
from zongjie.rules.project import check_project

HELP = "校验数据、标记和交叉引用（不构建站点）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, help="只报告这些文件或目录中的问题")
    add_root(p)
    add_format(p)
    p.add_argument("--strict", action="store_true", help="有警告时也以非零状态退出")


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


def _load(root: Path) -> Content:
    if not root.is_dir():
        raise CommandError(f"项目目录不存在：{root}", hint="用 -C 指定 mkdocs.yml 所在的目录")
    return rules.load(ProjectLayout.at(root))


def project_problems(root: Path) -> list[Problem]:
    """``zongjie check`` of the project in ``root``."""
    content = _load(root)
    return check_project(content, _hidden_from_readers(content), _generated(content))


def _generated(content: Content) -> frozenset[str]:
    """The pages a build makes from data (organisations, units, resources): links may name them."""
    from zongjie.site.generated import generated_pages

    return frozenset(page.src for page in generated_pages(content, content.layout))


def _hidden_from_readers(content: Content) -> Callable[[str], bool]:
    shown = view(content, "public")
    return functools.partial(is_hidden, content=content, shown=shown)


def returned_notes(content: Content) -> list[str]:
    """Each 退回 report's reason, for its editor: a note, not a problem (the site still builds)."""
    return [
        f"{report.doc.path}:{report.line('status')}: 已退回（{r.returned_by or '退回人未记录'}，"
        f"{r.returned_on}）：{r.returned_reason}\n    提示：按理由修改后 zongjie submit 重新提交"
        for report in content.reports.values()
        if (r := report.report).status == "退回"
    ]


def unconfirmed_notes(content: Content) -> list[str]:
    """How many values each imported report still has to confirm: one line per report."""
    return [
        f"{report.doc.path}:{report.line('待核实')}: 还有 {len(r.待核实)} 项导入的数值待核实"
        "\n    提示：编辑预览（zongjie build --audience editors 或 make serve）的“待核实”页"
        "逐项列出原文和要修改的行"
        for report in content.reports.values()
        if (r := report.report).待核实
    ]


def run(args: argparse.Namespace) -> int:
    content = _load(args.root)
    problems = select(
        check_project(content, _hidden_from_readers(content), _generated(content)),
        args.root,
        args.paths,
    )
    if args.format == "text":
        for note in returned_notes(content) + unconfirmed_notes(content):
            print(note, file=sys.stderr)
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
