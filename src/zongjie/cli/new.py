"""``zongjie new campaign|unit|report``: commented skeletons to start from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zongjie.authoring.skeleton import new_campaign, new_report, new_unit
from zongjie.cli import show_written


def run(args: argparse.Namespace) -> int:
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
