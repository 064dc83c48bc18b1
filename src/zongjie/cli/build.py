"""``zongjie build``: the atomic site build used by ``make site``."""

from __future__ import annotations

import argparse

from zongjie.framework import count_warnings
from zongjie.site.atomic_build import build_site


def run(args: argparse.Namespace) -> int:
    with count_warnings() as warnings:
        target = build_site(
            args.config_file, site_dir=args.site_dir, strict=args.strict, audience=args.audience
        )
    print(f"站点已生成：{target}（{warnings.count} 个警告）")
    return 0
