"""``zongjie demo``: write a generated content tree (tests, benchmarks, trying the product)."""

from __future__ import annotations

import argparse

from zongjie.demo import write_demo


def run(args: argparse.Namespace) -> int:
    write_demo(
        args.out, units=args.units, campaigns=args.campaigns, seed=args.seed, plain=args.plain
    )
    print(f"示例内容已写入 {args.out}")
    return 0
