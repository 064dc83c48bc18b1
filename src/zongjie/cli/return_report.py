"""``zongjie return CAMPAIGN/UNIT --reason TEXT [--by NAME]``: 待审/已审定 → 退回."""

from __future__ import annotations

import argparse

from zongjie.cli import show_written
from zongjie.cli.arguments import add_report, add_root

HELP = "退回报告并说明理由（已审定的报告随之从正式网站撤下）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_report(p)
    p.add_argument("--reason", required=True, help="退回理由：需要修改什么")
    p.add_argument("--by", help="退回人（默认取 git config user.name）")
    add_root(p)


def run(args: argparse.Namespace) -> int:
    from zongjie.review.workflow import return_report

    path, old = return_report(args.root, args.report, args.reason, args.by)
    show_written([path], args.root)
    note = "，已从正式网站撤下，重新审定后才再发布" if old == "已审定" else ""
    print(f"{args.report}：{old} → 退回{note}。单位修改后重新运行 zongjie submit {args.report}")
    return 0
