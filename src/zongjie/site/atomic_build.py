"""Atomic publishing: build into a temporary folder and swap it in only on success.

MkDocs cleans ``site_dir`` before writing, and under ``--strict`` it aborts only
after writing, so a failed build could leave half a site. Readers must always see
the last good site, so the real ``site_dir`` is only ever replaced by a rename.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError


def build_site(config_file: Path, site_dir: Path | None = None, strict: bool = False) -> Path:
    """Build the site for ``config_file``; raises (leaving ``site_dir`` untouched) on failure."""
    config_file = config_file.resolve()
    probe = load_config(str(config_file), strict=strict)
    target = (site_dir or Path(probe.site_dir)).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        config = load_config(str(config_file), strict=strict, site_dir=str(staging))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        except Abort as exc:
            # MkDocs logs the real error and raises a generic Abort from within its
            # handler; re-raise our own so callers see file:line problems or the PDF failure.
            if isinstance(exc.__context__, PluginError):
                raise exc.__context__ from None
            raise
        finally:
            config.plugins.on_shutdown()
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _swap(new: Path, target: Path) -> None:
    os.chmod(new, 0o755)  # mkdtemp makes 0700 folders; a web server must read the site
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.rmdir(old)
        os.rename(target, old)
    os.rename(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
