"""``zongjie remind CAMPAIGN --out DIR``: the 催报名单 of a campaign, as .xlsx and .csv."""

from __future__ import annotations

import argparse
from pathlib import Path

from zongjie.cli.arguments import add_root, add_today

HELP = "生成活动的催报名单（Excel 和 CSV）：未报送、草稿和退回的单位及联系人"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("campaign", metavar="活动id", help="如 dangshi-2021")
    p.add_argument("--out", type=Path, default=Path("."), metavar="目录", help="输出目录")
    p.add_argument("--org", metavar="组织id", help="只列这个组织及其下各级单位")
    add_today(p)
    add_root(p)


def run(args: argparse.Namespace) -> int:
    from zongjie.cli.progress import progress
    from zongjie.review.remind import write_reminders

    content, (found,) = progress(args.root, args.today, args.campaign, args.org)
    xlsx, csv_file = write_reminders(content, found, args.out)
    late = sum(1 for u in found.outstanding if u.days_overdue)
    print(f"催报名单：{len(found.outstanding)} 个单位（其中逾期 {late} 个）")
    print(f"  {xlsx}\n  {csv_file}")
    print("名单含联系人电话，仅供内部催报使用，请勿公开发布。")
    return 0
