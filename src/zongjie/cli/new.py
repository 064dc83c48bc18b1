"""``zongjie new campaign|unit|report``: commented skeletons to start from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zongjie.cli import show_written
from zongjie.cli.arguments import add_root, date
from zongjie.cli.messages import ChineseParser

HELP = "新建活动、单位或报告（生成带注释的文件骨架）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    kinds = p.add_subparsers(
        dest="kind", required=True, metavar="类型", title="类型", parser_class=ChineseParser
    )
    q = kinds.add_parser("campaign", help="新建学习教育活动：data/campaigns/<id>.yml 和活动首页")
    q.add_argument("id", help="活动 id，如 dangji-2024（小写字母、数字、连字符）")
    q.add_argument("--title", required=True, help="活动名称，如 党纪学习教育")
    q.add_argument("--year", type=int, required=True, help="年份，如 2024")
    q.add_argument("--start", type=date, help="开始日期 YYYY-MM-DD（默认 1 月 1 日）")
    q.add_argument("--end", type=date, help="结束日期 YYYY-MM-DD（默认 12 月 31 日）")
    q.add_argument("--lead", help="一句话简介（首页显示）")
    q.add_argument(
        "--outline",
        nargs="+",
        metavar="标题",
        help="报告提纲（二级标题），默认 开展的主要工作 取得的成效 存在不足 下步工作",
    )
    q = kinds.add_parser("unit", help="在 data/units.yml 中登记新单位")
    q.add_argument("id", help="单位 id，如 shi-wenlian")
    q.add_argument("--name", required=True, help="单位全称")
    q.add_argument("--short-name", required=True, help="简称（表格中显示）")
    q.add_argument(
        "--kind",
        dest="unit_kind",
        required=True,
        help="类型：党组、机关、群团、区县、乡镇街道、企业、学校、其他",
    )
    q.add_argument("--parent", help="上级组织")
    q = kinds.add_parser("report", help="新建报告：按活动提纲生成正文骨架和带注释的数据骨架")
    q.add_argument("--campaign", required=True, help="活动 id")
    q.add_argument("--unit", required=True, help="单位 id")
    q.add_argument("--title", help="报告标题（默认“单位全称+活动名称+工作总结报告”）")
    q.add_argument("--date", type=date, help="落款日期 YYYY-MM-DD")
    for q in kinds.choices.values():
        add_root(q)
        if q is not kinds.choices["unit"]:
            q.add_argument("--force", action="store_true", help="覆盖已存在的文件")


def run(args: argparse.Namespace) -> int:
    from zongjie.authoring.skeleton import new_campaign, new_report, new_unit

    root: Path = args.root
    if args.kind == "campaign":
        paths = new_campaign(
            root,
            args.id,
            args.title,
            args.year,
            args.start,
            args.end,
            args.lead,
            args.outline,
            force=args.force,
        )
    elif args.kind == "unit":
        paths = new_unit(root, args.id, args.name, args.short_name, args.unit_kind, args.parent)
    else:
        paths = new_report(
            root, args.campaign, args.unit, title=args.title, date=args.date, force=args.force
        )
    show_written(paths, root)
    print("下一步：编辑上面的文件，然后运行 zongjie check 检查", file=sys.stderr)
    return 0
