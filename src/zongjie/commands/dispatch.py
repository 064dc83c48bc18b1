"""Run the editor verbs (``new``, ``import``, ``stats``) from parsed CLI arguments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..yamlfile import relpath


def _show(paths: list[Path], root: Path) -> None:
    for path in paths:
        try:
            print(f"已写入 {relpath(path, root)}")
        except ValueError:
            print(f"已写入 {path}")


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    if args.command == "new":
        from . import new

        if args.kind == "campaign":
            paths = new.new_campaign(root, args.id, args.title, args.year, args.start, args.end,
                                     args.lead, args.outline, force=args.force)
        elif args.kind == "unit":
            paths = new.new_unit(root, args.id, args.name, args.short_name, args.unit_kind, args.parent)
        else:
            paths = new.new_report(root, args.campaign, args.unit, args.title, args.date, force=args.force)
        _show(paths, root)
        print("下一步：编辑上面的文件，然后运行 zongjie check 检查", file=sys.stderr)
        return 0
    if args.command == "import":
        from .importer import import_report

        result = import_report(root, args.source, args.campaign, args.unit, force=args.force,
                               title=args.title)
        _show(result.files, root)
        print(f"识别出 {len(result.headings)} 个标题")
        facts = [*result.facts.activities, *result.facts.shishi, *result.facts.metrics]
        for st in facts:
            print(f"  待核实：{st.metric.label} {st.value}{st.metric.measure}（原文：{st.clause}）")
        for warning in result.warnings:
            print(f"警告：{warning}", file=sys.stderr)
        if facts:
            print(f"共 {len(facts)} 个数值待核实：核实后从数据文件末尾的“待核实”列表中删除对应项；"
                  "zongjie check 会一直提示，直到全部核实", file=sys.stderr)
        return 0
    if args.command == "stats":
        from .stats import collect_stats, format_stats

        stats, errors = collect_stats(root, args.campaign)
        print(format_stats(stats, errors, args.format))
        return 0
    raise AssertionError(args.command)
