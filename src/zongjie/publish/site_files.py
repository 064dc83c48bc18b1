"""What a prebuilt site (``zongjie publish --site``) may contain: its own files only.

A symbolic link in the folder would make the copy publish whatever it points at (an htpasswd
file, a home folder), and a link to a folder may loop. Links to files inside the site are
copied as the files they point to; any other link is refused, all of them named at once.
"""

from __future__ import annotations

import os
from pathlib import Path

from zongjie.errors import CommandError

SHOWN = 10


def refuse_outside_links(site: Path) -> None:
    root = site.resolve()
    refused: list[str] = []
    for folder, dirs, files in os.walk(site):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            rel = path.relative_to(site).as_posix()
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                refused.append(f"{rel}（指向不存在的文件或循环）")
                continue
            if not target.is_relative_to(root):
                refused.append(f"{rel} → {target}（在网站目录之外）")
            elif target.is_dir():
                refused.append(f"{rel} → {target.relative_to(root).as_posix()}/（指向目录）")
    if refused:
        more = f"等 {len(refused)} 个" if len(refused) > SHOWN else ""
        raise CommandError(
            f"发布未完成：{site} 中有不能发布的符号链接{more}：" + "；".join(refused[:SHOWN]),
            hint="网站目录中只应有构建生成的文件；删除这些链接（或换成文件本身）后重新发布，"
            "或去掉 --site 让 zongjie publish 自己构建。当前版本保持不变",
        )
