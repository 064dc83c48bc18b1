"""Which files the project reads and publishes, and links that would bring in files from outside.

A symbolic link in ``docs/``, ``data/`` or ``overrides/`` that resolves outside the project
would publish (or quote in an error message) a file nobody reviewed, such as a home directory
or ``/etc``. Such links, and links to nothing, are errors; the files behind them are never read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from zongjie.errors import Problem

LINKED_FOLDERS = ("docs", "data", "overrides")
OUTSIDE_HINT = (
    "网站只发布项目中的文件：删除这个链接，把需要的文件复制到项目中（如 docs/ 下），并用 git 提交"
)


@dataclass
class ProjectFiles:
    problems: list[Problem] = field(default_factory=list)
    blocked: set[Path] = field(default_factory=set)
    """Links that leave the project or lead nowhere (absolute, not resolved)."""

    def allowed(self, path: Path) -> bool:
        """Not a blocked link, nor reached through one."""
        if not self.blocked:
            return True
        path = Path(os.path.abspath(path))
        return not any(p in self.blocked for p in (path, *path.parents))


def check_links(root: Path, folders: list[Path], docs: Path | None = None) -> ProjectFiles:
    """Every symbolic link under ``folders`` (and the folders themselves) must stay inside
    ``root``, and one under ``docs`` inside ``docs``: MkDocs publishes what a link there reaches,
    and a link to ``data/`` would publish drafts and contacts. Reported at line 1 of the link,
    with where it points."""
    root = root.resolve()
    docs = Path(os.path.abspath(docs)) if docs is not None else None
    found = ProjectFiles()
    seen: set[Path] = set()
    for folder in folders:
        folder = Path(os.path.abspath(folder))
        if folder in seen or not (folder.exists() or folder.is_symlink()):
            continue
        seen.add(folder)
        for link in [folder, *_links_under(folder)]:
            if link.is_symlink():
                inside = docs if docs is not None and link != folder and folder == docs else None
                _check_link(root, link, found, inside)
    return found


def _links_under(folder: Path) -> list[Path]:
    if folder.is_symlink() and not folder.resolve().is_relative_to(folder.parent.resolve()):
        return []  # the folder itself leaves the project: reported, not walked
    links = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            if path.is_symlink():
                links.append(path)
    return links


def _check_link(root: Path, link: Path, found: ProjectFiles, docs: Path | None = None) -> None:
    rel = link.relative_to(root).as_posix() if link.is_relative_to(root) else link.as_posix()
    target = os.readlink(link)
    try:
        resolved = link.resolve(strict=True)
    except (OSError, RuntimeError):
        message = f"符号链接指向不存在的文件“{target}”（或链接循环指向自身）"
        hint = "删除这个链接，或把文件本身放到这里"
    else:
        if resolved.is_dir() and link.parent.resolve().is_relative_to(resolved):
            message, hint = (
                f"符号链接指向它所在的上级目录“{target}”，读取时会无限循环",
                "删除这个链接",
            )
        elif not resolved.is_relative_to(root):
            message = f"符号链接指向项目之外的“{resolved.as_posix()}”，其中的内容不会被发布"
            hint = OUTSIDE_HINT
        elif docs is not None and not resolved.is_relative_to(docs.resolve()):
            message = (
                f"docs/ 中的符号链接指向 docs/ 之外的“{relpath_of(resolved, root)}”：链接到的文件"
                "会不经检查和审定发布到网站上，其中的内容不会被发布"
            )
            hint = "删除这个链接；要发布的文件请复制到 docs/ 中，数据留在 data/ 中"
        else:
            return
    found.blocked.add(link)
    found.problems.append(Problem(rel, 1, message, field="链接", hint=hint))


def relpath_of(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def page_files(docs_dir: Path, files: ProjectFiles) -> list[Path]:
    """The Markdown pages MkDocs builds: every ``*.md`` under ``docs/`` except hidden ones and
    ``docs/templates/`` (MkDocs' default ``exclude_docs``) and those behind a blocked link."""
    pages: list[Path] = []
    if not docs_dir.is_dir():
        return pages
    for dirpath, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and not (here == docs_dir and d == "templates")
            and files.allowed(here / d)
        )
        for name in sorted(filenames):
            path = here / name
            if name.endswith(".md") and not name.startswith(".") and files.allowed(path):
                pages.append(path)
    return sorted(pages)
