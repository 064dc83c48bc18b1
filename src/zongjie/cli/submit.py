"""``zongjie submit CAMPAIGN/UNIT``: 草稿 → 待审 (a changed approved report goes back to 待审)."""

from __future__ import annotations

import argparse

from zongjie.cli import show_written
from zongjie.cli.arguments import add_report, add_root

HELP = "把报告从“草稿”提交为“待审”"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_report(p)
    p.add_argument("--by", help="提交人（默认取 git config user.name）")
    p.add_argument(
        "--with-unconfirmed",
        action="store_true",
        help="报告还有“待核实”的数据时也提交（审核历史会记下项数）",
    )
    add_root(p)


def run(args: argparse.Namespace) -> int:
    from zongjie.review.workflow import submit

    path, old = submit(args.root, args.report, by=args.by, with_unconfirmed=args.with_unconfirmed)
    show_written([path], args.root)
    note = "，原审定已撤销，需重新审定" if old == "已审定" else ""
    print(f"{args.report}：{old} → 待审{note}。审核人核对后运行 zongjie approve {args.report}")
    return 0
