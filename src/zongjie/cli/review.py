"""``zongjie review``: what waits for review, per campaign; ``--progress``: 报送进度 per
organisation, late units first."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from zongjie.cli.arguments import add_format, add_root, add_today
from zongjie.templating import render

HELP = "列出等待提交或审定的报告；--progress 按组织列出报送进度和逾期单位"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--progress", action="store_true", help="按组织列出已审定、待审、退回、草稿、未报送和逾期"
    )
    p.add_argument("--campaign", help="只看这个活动（--progress）")
    p.add_argument("--org", metavar="组织id", help="只看这个组织及其下各级单位（--progress）")
    add_today(p)
    add_root(p)
    add_format(p)


def run(args: argparse.Namespace) -> int:
    if args.progress:
        from zongjie.cli.progress import format_progress, progress

        _, found = progress(args.root, args.today, args.campaign, args.org)
        print(format_progress(found, args.format))
        return 0
    from zongjie.review.workflow import waiting

    rows = waiting(args.root, args.today)
    if args.format == "json":
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
    else:
        print(render("review.txt.j2", rows=rows).rstrip("\n"))
    return 0
