"""``zongjie-site.json``: what a built site is, written by zongjie's own build events.

``zongjie publish --site`` publishes a folder built earlier; the record says whether that
folder is a readers' site at all (a build without zongjie's hooks has none: nothing in it was
filtered by review state or visibility), for whom it was built, and under which prefix its
signed-in tree lies, which must be the one nginx is told to protect.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from zongjie import atomic

RECORD = "zongjie-site.json"


@dataclass(frozen=True)
class BuildRecord:
    audience: str
    restricted_prefix: str


def write(site_dir: Path, record: BuildRecord) -> None:
    atomic.write_text(site_dir / RECORD, json.dumps(asdict(record), ensure_ascii=False) + "\n")


def read(site_dir: Path) -> BuildRecord | None:
    """The record of ``site_dir``; ``None`` when there is none or it cannot be read."""
    try:
        data = json.loads((site_dir / RECORD).read_text(encoding="utf-8"))
        return BuildRecord(str(data["audience"]), str(data["restricted_prefix"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
