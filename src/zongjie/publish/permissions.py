"""Who may read a release: nginx's worker group, and nobody else on the machine.

The restricted tree holds what only signed-in readers may see; other local users must not read
it from the disk either. Releases therefore belong to the group nginx runs as
(``publish.group``), folders 750 and files 640, whatever the umask of whoever published.
"""

from __future__ import annotations

import grp
import os
from pathlib import Path

from zongjie.config import setting_problem
from zongjie.errors import CommandError

FOLDER_MODE = 0o750
FILE_MODE = 0o640


def group_id(config_file: Path, group: str) -> int:
    """The id of ``publish.group``; a worded error at its mkdocs.yml line if there is none."""
    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        problem = setting_problem(config_file, ("publish", "group"), "", "")
        raise CommandError(
            f"本机没有用户组 {group}（{problem.path}:{problem.line} 的 publish.group）："
            "发布的文件须属于 nginx 工作进程所在的组",
            hint="改成 nginx 运行所用的组（Debian 为 www-data，"
            "见 /etc/nginx/nginx.conf 的 user 行）",
        ) from None


def restrict(path: Path, gid: int) -> None:
    """``path`` (not below it) owned by group ``gid``: 750 for a folder, 640 for a file."""
    os.chown(path, -1, gid, follow_symlinks=False)
    os.chmod(path, FOLDER_MODE if path.is_dir() else FILE_MODE)


def restrict_tree(tree: Path, gid: int) -> None:
    restrict(tree, gid)
    for folder, dirs, files in os.walk(tree):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            if not path.is_symlink():
                restrict(path, gid)
