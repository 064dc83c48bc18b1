"""``zongjie build``: the atomic site build used by ``make site``."""

from __future__ import annotations

import argparse
from pathlib import Path

from mkdocs.exceptions import Abort

from zongjie.data.yamlfile import relpath
from zongjie.errors import CommandError
from zongjie.framework import count_warnings
from zongjie.site.atomic_build import build_site


def _refuse_editors_in_site_dir(args: argparse.Namespace) -> None:
    """The editors' copy shows drafts: it never goes where the readers' site is built."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(args.config_file, "rb") as handle:
            config = yaml_load(handle) or {}
    except Exception:  # noqa: BLE001 - the build itself reports an unreadable mkdocs.yml
        config = {}
    readers = (args.config_file.resolve().parent / str(config.get("site_dir") or "site")).resolve()
    if args.site_dir is None or args.site_dir.resolve() == readers:
        raise CommandError(
            f"编辑预览含有未审定的报告，不能生成到读者网站的目录（{relpath(readers, Path.cwd())}）",
            hint="用 -d 指定另一个目录，如 zongjie build --audience editors -d 审核预览",
        )


def run(args: argparse.Namespace) -> int:
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
