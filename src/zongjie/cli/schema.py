"""``zongjie schema``: export the JSON Schema of every data file (editor autocomplete)."""

from __future__ import annotations

import argparse

from zongjie.data.json_schema import export_schemas


def run(args: argparse.Namespace) -> int:
    for path in export_schemas(args.out):
        print(path)
    return 0
