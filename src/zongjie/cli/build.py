"""``zongjie build``: the atomic site build used by ``make site``."""

from __future__ import annotations

import argparse

from mkdocs.exceptions import Abort

from zongjie.errors import CommandError
from zongjie.framework import count_warnings
from zongjie.site.atomic_build import build_site


def run(args: argparse.Namespace) -> int:
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
