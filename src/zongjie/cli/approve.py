"""``zongjie approve CAMPAIGN/UNIT [--by NAME] [--on DATE]``: 待审 → 已审定 (published)."""

from __future__ import annotations

import argparse

from zongjie.cli import show_written
from zongjie.review.workflow import approve


def run(args: argparse.Namespace) -> int:
    path = approve(args.root, args.report, args.by, args.on)
    show_written([path], args.root)
    print(f"{args.report} 已审定，下次构建（make site）后发布")
    return 0
