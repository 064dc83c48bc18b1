"""``zongjie review``: what waits for review, per campaign."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from zongjie.review.workflow import waiting
from zongjie.templating import render


def run(args: argparse.Namespace) -> int:
    rows = waiting(args.root)
    if args.format == "json":
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
    else:
        print(render("review.txt.j2", rows=rows).rstrip("\n"))
    return 0
