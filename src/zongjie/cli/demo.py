"""``zongjie demo``: write a generated content tree (tests, benchmarks, trying the product)."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "生成示例内容（用于测试和性能基准）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--units", type=int, default=10, help="单位数")
    p.add_argument("--campaigns", type=int, default=2, help="活动数")
    p.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同内容）")
    p.add_argument("--out", type=Path, required=True, help="输出目录")
    p.add_argument("--plain", action="store_true", help="只生成不带钩子的 mkdocs.yml（基准对照用）")


def run(args: argparse.Namespace) -> int:
    from zongjie.demo import write_demo

    write_demo(
        args.out, units=args.units, campaigns=args.campaigns, seed=args.seed, plain=args.plain
    )
    print(f"示例内容已写入 {args.out}")
    return 0
