"""``zongjie template``: the fill-in workbook (填报表) for a campaign, pre-filled for a unit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zongjie.cli import show_written
from zongjie.cli.arguments import add_root

HELP = "生成单位填写的 Excel 数据填报表（.xlsx）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--campaign", required=True, help="活动 id")
    p.add_argument("--unit", help="单位 id：该单位已有报告时预先填好其数据")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.add_argument("out", type=Path, help="输出文件，如 填报表.xlsx")
    add_root(p)


def run(args: argparse.Namespace) -> int:
    from zongjie.authoring.skeleton import load_campaign
    from zongjie.excel.template import write_template

    content = load_campaign(args.root, args.campaign, args.unit)
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
