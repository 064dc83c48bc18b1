"""``zongjie approve CAMPAIGN/UNIT [--by NAME] [--on DATE]``: 待审 → 已审定 (published)."""

from __future__ import annotations

import argparse

from zongjie.cli import show_written
from zongjie.cli.arguments import add_report, add_root, date

HELP = "审定报告（“待审”→“已审定”），审定后才发布；要求初审的活动先初审、再终审"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_report(p)
    p.add_argument("--by", help="审定人（默认取 git config user.name）")
    p.add_argument("--on", type=date, help="审定日期 YYYY-MM-DD（默认今天；补记纸面审定时用）")
    add_root(p)


def run(args: argparse.Namespace) -> int:
    from zongjie.review.workflow import approve

    done = approve(args.root, args.report, args.by, args.on)
    show_written([done.path], args.root)
    if done.step == "初审":
        print(f"{args.report} 初审通过，等待活动办公室终审：zongjie approve {args.report}")
    else:
        print(f"{args.report} 已审定，下次构建（make site）后发布")
    return 0
