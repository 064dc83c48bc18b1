"""``zongjie template``: the fill-in workbook (填报表) for a campaign, pre-filled for a unit."""

from __future__ import annotations

import argparse
import sys

from zongjie.authoring.skeleton import load_campaign
from zongjie.cli import show_written
from zongjie.data.content import load_content
from zongjie.errors import CommandError
from zongjie.excel.template import write_template


def run(args: argparse.Namespace) -> int:
    if args.unit:
        content = load_campaign(args.root, args.campaign, args.unit)
    else:
        content = load_content(args.root)
        if args.campaign not in content.campaigns:
            known = "、".join(content.campaigns) or "（无）"
            raise CommandError(f"未知的活动 id “{args.campaign}”", hint=f"已定义的活动：{known}")
    out = write_template(content, args.out, args.campaign, args.unit, force=args.force)
    show_written([out], args.root)
    prefilled = args.unit and (args.campaign, args.unit) in content.reports
    if prefilled:
        print("已按该单位现有的报告数据预先填好，单位核对、修改后交回即可", file=sys.stderr)
    unit = args.unit or "单位id"
    print(
        f"收回后导入：zongjie import {args.out.name} --campaign {args.campaign} --unit {unit}",
        file=sys.stderr,
    )
    return 0
