"""``zongjie build``: the atomic site build used by ``make site``."""

from __future__ import annotations

import argparse
from pathlib import Path

from zongjie.cli.arguments import add_config_file, add_quiet
from zongjie.data.yamlfile import relpath

HELP = "构建站点（失败时保留上一次成功的站点）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_config_file(p)
    p.add_argument(
        "-d", "--site-dir", type=Path, help="输出目录（默认为 mkdocs.yml 中的 site_dir）"
    )
    p.add_argument("--strict", action="store_true", help="警告也视为错误")
    add_quiet(p)
    p.add_argument(
        "--audience",
        choices=["public", "editors"],
        help="为谁构建：public（默认：已审定的公开报告，另在内部前缀下生成内部报告）、"
        "editors（全部报告，草稿加标识，供审核预览；须用 -d 另给目录）",
    )


def _refuse_editors_in_site_dir(args: argparse.Namespace) -> None:
    """The editors' copy shows drafts: it never goes where the readers' site is built."""
    from zongjie.errors import CommandError
    from zongjie.layout import ProjectLayout

    readers = ProjectLayout.read(args.config_file).site_dir
    if args.site_dir is None or args.site_dir.resolve() == readers:
        raise CommandError(
            f"编辑预览含有未审定的报告，不能生成到读者网站的目录（{relpath(readers, Path.cwd())}）",
            hint="用 -d 指定另一个目录，如 zongjie build --audience editors -d 审核预览",
        )


def run(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import Abort

    from zongjie.errors import CommandError
    from zongjie.framework import count_warnings
    from zongjie.site.atomic_build import build_site

    if args.audience == "editors":
        _refuse_editors_in_site_dir(args)
    with count_warnings() as warnings:
        try:
            target = build_site(
                args.config_file,
                site_dir=args.site_dir,
                strict=args.strict,
                audience=args.audience,
            )
        except Abort:
            if not (args.strict and warnings.count):
                raise
            # MkDocs' own "Aborted with N warnings in strict mode!" is English; say it here.
            raise CommandError(
                f"有 {warnings.count} 个警告，--strict 下按错误处理，构建已中止",
                hint="逐条修正上面列出的警告后重新构建",
            ) from None
    print(f"站点已生成：{target}（{warnings.count} 个警告）")
    return 0
