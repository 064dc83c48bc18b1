"""Files in ``docs/`` besides the pages: copied into the site as they are, so none may run code.

A page written as HTML, or a script, would be published without passing the narrative's
allowlist, and the policy allows every script of the site itself (``script-src 'self'``): an
``.html`` file with ``<script src="x.js">`` next to an ``x.js`` would run for every reader who
opens it. Such files are errors; so is an SVG image that holds a script or an event handler
(opened on its own, not as an ``<img>``, it runs them). Scripts belong to the theme
(``overrides/``), which the reviewers of the engine look after.

Nor may a file publish a report's text or facts past review: a YAML data file anywhere in
``docs/`` (the facts belong in ``data/``, where they are checked and counted), and in a
campaign's folder anything but narratives, images and PDFs (a Word original, a text copy).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from zongjie import layout as paths
from zongjie.data.files import ProjectFiles
from zongjie.data.yamlfile import relpath
from zongjie.errors import Problem

PAGES_AND_SCRIPTS = frozenset(
    {".html", ".htm", ".xhtml", ".shtml", ".xht", ".js", ".mjs", ".cjs", ".wasm"}
)
BACKUP = re.compile(
    r"(~|\.(?:bak|backup|orig|old|tmp|temp|swp|swo|rej|save|sav))$|\.md\.[^.]+$|^~\$",
    re.IGNORECASE,
)
"""A copy an editor or an editor program left behind (``x.md.bak``, ``x.md~``, ``x.md.orig``,
Word's lock file ``~$x.docx``):
MkDocs would publish it as a file, unreviewed, at an address anyone can guess."""
BACKUP_HINT = "删除这个文件或把它移出项目：git 已保存每次提交的版本，不需要备份副本"
DATA_FILES = frozenset({".yml", ".yaml"})
REPORT_FOLDER_FILES = frozenset(
    {".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".pdf"}
)
"""What a campaign's folder in ``docs/`` holds: the reports' narratives and what they show."""
DATA_HINT = (
    "报告的数据写在 data/reports/<活动>/<单位>.yml；草稿用 status: 草稿 标明，不要放进 docs/"
)
ORIGINAL_HINT = (
    "Word、Excel 原件请用 zongjie import 导入为正文和数据，原件留在项目之外；"
    "要提供下载的附件请放到 docs/ 的其他文件夹"
)
MISPLACED_HINT = (
    "报告正文移到 docs/campaigns/<活动id>/<单位id>.md；旧版本不必留副本（git 已保存历史）；"
    "其他页面放到 docs/ 的其他文件夹"
)
SVG_CODE = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|<foreignObject", re.IGNORECASE)
MAX_SVG = 16 * 1024 * 1024
HINT = (
    "docs/ 中只放报告正文（.md）和图片、PDF 等文件；网页请写成 Markdown，脚本不能由正文提供。"
    "SVG 图片请另存为不含脚本的图片（如 PNG）"
)


def unpublishable_files(docs: Path, root: Path, files: ProjectFiles) -> list[Problem]:
    """An error for each file of ``docs/`` (as MkDocs copies it) that could run code or
    publish a report unreviewed."""
    problems = []
    for dirpath, dirnames, filenames in os.walk(docs):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not (here == docs and d == "templates"))  # fmt: skip
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or not files.allowed(path):
                continue
            why = _why_unpublishable(path, docs)
            if why is not None:
                message, hint = why
                problems.append(Problem(relpath(path, root), 1, message, field="文件", hint=hint))
    return problems


def _why_unpublishable(path: Path, docs: Path) -> tuple[str, str] | None:
    """The message and hint for a file MkDocs must not copy as it is, or None."""
    name, suffix, here = path.name, path.suffix.lower(), path.parent
    reports = docs / paths.CAMPAIGNS_DIR
    if suffix in PAGES_AND_SCRIPTS:
        what = "脚本" if suffix in (".js", ".mjs", ".cjs", ".wasm") else "网页"
        return f"docs/ 中不能放{what}文件（{suffix}）：它会原样发布，不经过正文的检查", HINT
    if BACKUP.search(name):
        message = f"docs/ 中有备份或临时文件“{name}”：它会原样发布到网站上，不经过审定"
        return message, BACKUP_HINT
    if suffix in (".svg", ".svgz") and _svg_has_code(path):
        return "SVG 图片中有脚本或事件属性：单独打开这张图片时它们会运行", HINT
    if suffix in DATA_FILES:
        message = (
            f"docs/ 中不能放数据文件“{name}”：它会原样发布到网站上，不经过检查和审定，"
            "也不计入任何合计"
        )
        return message, DATA_HINT
    if not here.is_relative_to(reports):
        return None
    if suffix == ".md" and here.parent != reports:
        # Only <活动>/<单位>.md is a report: a page elsewhere under campaigns/ is published as
        # a page of its own, with no data and no review.
        message = (
            f"“{relpath(path, docs)}”不是报告正文的位置：报告正文是 "
            "docs/campaigns/<活动id>/<单位id>.md，放在别处会不经审定作为普通页面发布"
        )
        return message, MISPLACED_HINT
    if suffix not in REPORT_FOLDER_FILES:
        message = (
            f"活动文件夹中的“{name}”会原样发布到网站上，不经过审定："
            "这里只放报告正文（.md）和它用到的图片、PDF"
        )
        return message, ORIGINAL_HINT
    return None


def _svg_has_code(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_SVG)
    except OSError:
        return False
    if path.suffix.lower() == ".svgz":
        return True  # compressed: cannot be looked into cheaply, and never needed in a report
    return SVG_CODE.search(data) is not None
