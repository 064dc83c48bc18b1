"""Release folders under a publish destination, and the ``current`` link nginx serves.

Layout of ``DEST``::

    current -> releases/20261203-091500-6fbcddb   (relative symbolic link)
    releases/20261203-091500-6fbcddb/              one complete site per release
    releases/20261203-091500-6fbcddb.json          its manifest (written last)
    nginx.conf, errors/                            see zongjie.publish.nginx
    .publish.lock

A release is complete only once both its folder and its manifest exist; anything else in
``releases/`` (a staging folder, a folder without manifest) is what an interrupted publish
left behind, and the next publish removes it. ``current`` changes only by renaming a new
link over it, which is atomic: every request sees either the old or the new release.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from zongjie import atomic
from zongjie.errors import CommandError
from zongjie.locks import exclusive
from zongjie.publish.permissions import restrict, restrict_tree

RELEASES = "releases"
CURRENT = "current"
STAGING_PREFIX = "."


@dataclass(frozen=True)
class Release:
    name: str
    created_ns: int
    """Creation time; orders releases even when two share a second or a commit."""
    commit: str = ""
    source: str = "build"
    """``build``, or the folder a prebuilt site was copied from."""
    compression: str = "standard"
    brotli: bool = False
    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    style_attributes: list[str] = field(default_factory=list)
    files: int = 0
    bytes: int = 0
    linked: int = 0
    """Files shared (hard-linked) with the release published before it."""

    @property
    def created(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.created_ns / 1e9)


class Destination:
    """A publish destination folder (``--dest``)."""

    def __init__(self, root: Path, gid: int | None = None) -> None:
        self.root = root.absolute()
        self.gid = gid
        """nginx's worker group (``publish.group``); ``None`` for commands that only read."""
        self.releases_dir = self.root / RELEASES
        self.current_link = self.root / CURRENT

    def folder(self, name: str) -> Path:
        return self.releases_dir / name

    def manifest_path(self, name: str) -> Path:
        return self.releases_dir / f"{name}.json"

    def releases(self) -> list[Release]:
        """Complete releases, oldest first."""
        found = []
        if not self.releases_dir.is_dir():
            return []
        for manifest in self.releases_dir.glob("*.json"):
            name = manifest.name[: -len(".json")]
            if name.startswith(STAGING_PREFIX) or not self.folder(name).is_dir():
                continue
            try:
                found.append(Release(**json.loads(manifest.read_text(encoding="utf-8"))))
            except (OSError, ValueError, TypeError):
                continue  # unreadable: treated as incomplete and cleaned up
        return sorted(found, key=lambda r: (r.created_ns, r.name))

    def current(self) -> str | None:
        """Name of the release ``current`` points to (None before the first publish)."""
        if not self.current_link.is_symlink():
            if self.current_link.exists():
                raise CommandError(
                    f"{self.current_link} 不是符号链接",
                    hint="zongjie publish 通过符号链接切换版本；请移走这个文件夹后再发布",
                )
            return None
        return Path(os.readlink(self.current_link)).name

    def current_folder(self) -> Path | None:
        name = self.current()
        return self.folder(name) if name and self.folder(name).is_dir() else None

    def new_name(self, commit: str) -> str:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        base = f"{stamp}-{commit}" if commit else stamp
        name, n = base, 2
        while self.folder(name).exists() or self.manifest_path(name).exists():
            name, n = f"{base}-{n}", n + 1
        return name

    def staging(self, name: str) -> Path:
        """An empty staging folder for release ``name``, hidden from :meth:`releases`."""
        self.releases_dir.mkdir(parents=True, exist_ok=True)
        path = self.releases_dir / f"{STAGING_PREFIX}{name}.partial"
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(mode=0o700)
        if self.gid is not None:  # whatever the umask: nginx's workers, and nobody else
            for folder in (self.root, self.releases_dir, path):
                restrict(folder, self.gid)
        return path

    def finish(self, staging: Path, release: Release) -> Path:
        """Turn a staging folder into release ``release.name`` (folder first, manifest last)."""
        final = self.folder(release.name)
        os.rename(staging, final)
        atomic.write_text(
            self.manifest_path(release.name),
            json.dumps(asdict(release), ensure_ascii=False, indent=1) + "\n",
        )
        return final

    def activate(self, name: str) -> None:
        """Point ``current`` at release ``name`` in one rename."""
        self.current()  # refuses a real folder named current
        tmp = self.root / f".{CURRENT}.{os.getpid()}.tmp"
        tmp.unlink(missing_ok=True)
        os.symlink(Path(RELEASES) / name, tmp)
        os.replace(tmp, self.current_link)
        _sync_folder(self.root)

    def remove(self, name: str) -> None:
        if name == self.current():
            return
        self.manifest_path(name).unlink(missing_ok=True)  # incomplete from here on
        shutil.rmtree(self.folder(name), ignore_errors=True)

    def remove_leftovers(self) -> list[str]:
        """Delete what interrupted publishes left in ``releases/``; returns the names removed."""
        for link in self.root.glob(f".{CURRENT}.*.tmp"):  # killed between symlink and rename
            link.unlink(missing_ok=True)
        if not self.releases_dir.is_dir():
            return []
        complete = {r.name for r in self.releases()}
        keep = complete | {f"{n}.json" for n in complete}
        current = self.current()
        removed = []
        for entry in sorted(self.releases_dir.iterdir()):
            if entry.name in keep or entry.name == current:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry.name)
        return removed

    def prune(self, keep: int) -> list[str]:
        """Remove all but the newest ``keep`` releases (never the current one)."""
        releases = self.releases()
        current = self.current()
        removed = []
        for release in releases[: max(0, len(releases) - keep)]:
            if release.name != current:
                self.remove(release.name)
                removed.append(release.name)
        return removed

    @contextmanager
    def locked(self) -> Iterator[None]:
        """One publish or rollback at a time per destination (CI jobs may overlap)."""
        self.root.mkdir(parents=True, exist_ok=True)
        busy = f"{self.root} 正在被另一个 zongjie publish 使用"
        hint = "等它结束后再运行；同一目标目录同一时间只能有一个发布或回滚"
        with exclusive(self.root / ".publish.lock", busy, hint):
            yield


def make_readable(tree: Path, gid: int) -> None:
    """Readable by nginx's worker group whatever the umask of whoever built the site (a 403 for
    one stylesheet breaks every page), and by no other user (:mod:`zongjie.publish.permissions`)."""
    restrict_tree(tree, gid)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def git_commit(root: Path) -> str:
    """Short commit of the project at ``root`` (``-dirty`` with uncommitted changes), or ""."""
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short=7", "HEAD"],
            capture_output=True, text=True, timeout=30, check=True,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, timeout=60, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"{head}-dirty" if dirty else head


def now_ns() -> int:
    return time.time_ns()
