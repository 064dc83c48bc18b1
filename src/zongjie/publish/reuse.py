"""Files that did not change since the previous release become hard links to it.

Five kept releases then cost little more disk than one, compressed copies of unchanged files
are reused, and — because a link keeps the file's inode and modification time — nginx sends
the same ``ETag`` and ``Last-Modified`` as before, so browsers revalidate unchanged pages and
PDFs with a ``304`` instead of downloading them again after every publish.

Releases are never modified in place after this (:mod:`zongjie.atomic` replaces files by
renaming), so a link never lets one release change another.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path


def _same(new: Path, old: Path) -> bool:
    try:
        if old.is_symlink() or not old.is_file() or old.stat().st_size != new.stat().st_size:
            return False
        return filecmp.cmp(new, old, shallow=False)
    except OSError:
        return False


def _link(old: Path, target: Path) -> bool:
    """Make ``target`` a hard link to ``old``; False where links are not possible."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.link")
    try:
        os.link(old, tmp)
    except OSError:  # another file system, or one without hard links
        return False
    os.replace(tmp, target)
    return True


def link_unchanged(site: Path, previous: Path | None) -> set[str]:
    """Replace each file of ``site`` identical to the same path in ``previous`` by a link to it;
    returns the linked paths (relative to ``site``)."""
    linked: set[str] = set()
    if previous is None or not previous.is_dir():
        return linked
    for path in sorted(site.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        old = previous / rel
        if _same(path, old) and _link(old, path):
            linked.add(rel)
    return linked


def copy_linking_unchanged(source: Path, site: Path, previous: Path | None) -> set[str]:
    """Copy a built site into ``site``; files identical to ``previous`` are linked instead."""
    linked: set[str] = set()
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        target = site / rel
        if path.is_dir() and not path.is_symlink():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        old = previous / rel if previous is not None else None
        if old is not None and _same(path, old):
            try:
                os.link(old, target)
                linked.add(rel.as_posix())
                continue
            except OSError:
                pass
        shutil.copy2(path, target, follow_symlinks=True)
    return linked
