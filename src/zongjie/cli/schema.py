"""``zongjie schema``: export the JSON Schema of every data file (editor autocomplete)."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "导出数据文件的 JSON Schema（供编辑器自动补全）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("data/schema"), help="输出目录")


def run(args: argparse.Namespace) -> int:
    from zongjie.data.json_schema import export_schemas

    for path in export_schemas(args.out):
        print(path)
    return 0
