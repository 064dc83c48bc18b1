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
PUBLISHABLE = frozenset(
    {
        ".md", ".css",  # checked: the pages' rules, the stylesheet rule
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".ico", ".svg",
        ".pdf", ".txt", ".csv",
        ".docx", ".xlsx", ".pptx", ".doc", ".xls", ".ppt", ".odt", ".ods", ".odp", ".wps", ".et",
        ".zip", ".7z", ".rar",
        ".woff", ".woff2", ".ttf", ".otf",
        ".mp3", ".mp4", ".m4a", ".webm", ".ogg", ".wav",
    }
)  # fmt: skip
"""What docs/ may hold: types a browser shows as an image, a text or a download. Every other
type is refused, not only the known pages: a browser renders as a document with scripts more
types than anyone lists (``.xml`` with an XHTML ``<script>``, ``.xsl``, ``.mht``, ``.svgz``…)."""
HTML_NAME = re.compile(r"""[<>&"'`]""")
"""Characters that end an attribute or start an element: MkDocs makes a title of a file's or a
folder's name and the theme writes it into the nav as HTML."""
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
TYPES_HINT = (
    "docs/ 中只放报告正文（.md）、样式表（.css）、图片、PDF 和办公文档、压缩包等下载文件；"
    "其他格式请转换（如 XML 数据改为 .csv 或 .xlsx），或打包为 .zip"
)
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
                message, hint, line = why
                problems.append(
                    Problem(relpath(path, root), line, message, field="文件", hint=hint)
                )
    return problems


def _why_unpublishable(path: Path, docs: Path) -> tuple[str, str, int] | None:
    """The message, hint and line for a file MkDocs must not copy as it is, or None."""
    name, suffix, here = path.name, path.suffix.lower(), path.parent
    bad = HTML_NAME.search(relpath(path, docs))
    if bad is not None:
        message = (
            f"文件或文件夹的名称中有字符 {bad.group(0)}（“{relpath(path, docs)}”）："
            "名称会成为导航中的标题，原样写进每个页面的 HTML"
        )
        return message, "改名：名称中不要用 < > & \" ' ` 这些字符", 1
    reports = docs / paths.CAMPAIGNS_DIR
    if suffix in PAGES_AND_SCRIPTS:
        what = "脚本" if suffix in (".js", ".mjs", ".cjs", ".wasm") else "网页"
        return f"docs/ 中不能放{what}文件（{suffix}）：它会原样发布，不经过正文的检查", HINT, 1
    if BACKUP.search(name):
        message = f"docs/ 中有备份或临时文件“{name}”：它会原样发布到网站上，不经过审定"
        return message, BACKUP_HINT, 1
    if suffix in DATA_FILES:
        message = (
            f"docs/ 中不能放数据文件“{name}”：它会原样发布到网站上，不经过检查和审定，"
            "也不计入任何合计"
        )
        return message, DATA_HINT, 1
    if suffix not in PUBLISHABLE:
        message = (
            f"docs/ 中不能放“{suffix or name}”类型的文件“{name}”：浏览器可能把它当作网页打开，"
            "运行其中的脚本"
        )
        return message, TYPES_HINT, 1
    if not here.is_relative_to(reports):
        return None
    if suffix == ".md" and here.parent != reports:
        # Only <活动>/<单位>.md is a report: a page elsewhere under campaigns/ is published as
        # a page of its own, with no data and no review.
        message = (
            f"“{relpath(path, docs)}”不是报告正文的位置：报告正文是 "
            "docs/campaigns/<活动id>/<单位id>.md，放在别处会不经审定作为普通页面发布"
        )
        return message, MISPLACED_HINT, 1
    if suffix not in REPORT_FOLDER_FILES:
        message = (
            f"活动文件夹中的“{name}”会原样发布到网站上，不经过审定："
            "这里只放报告正文（.md）和它用到的图片、PDF"
        )
        return message, ORIGINAL_HINT, 1
    return None
