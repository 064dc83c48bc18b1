"""``zongjie history CAMPAIGN/UNIT``: every review step of a report, oldest first."""

from __future__ import annotations

import argparse

from zongjie.cli.arguments import add_report, add_root
from zongjie.templating import render

HELP = "列出报告的提交、退回、审定记录"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_report(p)
    add_root(p)


def run(args: argparse.Namespace) -> int:
    from zongjie import rules
    from zongjie.review.workflow import find_report

    report = find_report(rules.load_project(args.root), args.report)
    r = report.report
    print(render("history.txt.j2", ref=args.report, steps=r.history, status=r.status).rstrip("\n"))
    return 0
