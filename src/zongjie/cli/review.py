"""``zongjie review``: what waits for review, per campaign."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from zongjie.cli.arguments import add_format, add_root
from zongjie.templating import render

HELP = "列出等待提交或审定的报告"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_root(p)
    add_format(p)


def run(args: argparse.Namespace) -> int:
    from zongjie.review.workflow import waiting

    rows = waiting(args.root)
    if args.format == "json":
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
    else:
        print(render("review.txt.j2", rows=rows).rstrip("\n"))
    return 0
