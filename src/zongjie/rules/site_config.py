"""What MkDocs' own settings in ``mkdocs.yml`` may put in front of readers.

Material writes most of them into every page as they are: ``site_description`` into a
``<meta>`` attribute, ``copyright`` into the footer as HTML, ``extra.social`` links into
``href``, ``theme.palette`` names into ``data-`` attributes, nav titles into the menu. None of
them passes through the narrative's sanitizer, so each is held to what it is for:

- a **text** setting (every string not listed below) is plain text, without the characters
  that end an attribute or start an element (``< > " ' ```);
- an **HTML** setting (``copyright``, the cookie-consent texts) passes the narrative's own
  allowlist (:mod:`zongjie.markdown.sanitizer`) unchanged;
- an **address** (logo, favicon, social and alternate links, ``repo_url``…) stays on the site
  or names its own host, read as the browser reads it; ``extra_css`` and ``extra_javascript``
  are files of the site;
- settings that make every page ask another host are refused: ``extra.analytics`` and any
  ``theme.font`` but ``false`` (Material loads fonts from Google).

``zongjie check`` and every build apply it, for readers and for the preview alike.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from zongjie import mkdocs_yml
from zongjie.config import child_node
from zongjie.errors import Problem
from zongjie.markdown.addresses import browser_host, outside
from zongjie.markdown.html_gate import describe
from zongjie.markdown.sanitizer import stripped

if TYPE_CHECKING:
    pass

Key = tuple[str | int, ...]

# Settings that are not written into pages: MkDocs and Markdown read them.
NOT_IN_PAGES = frozenset(
    {
        "markdown_extensions", "mdx_configs", "plugins", "hooks", "watch", "docs_dir",
        "site_dir", "exclude_docs", "not_in_nav", "draft_docs", "validation", "dev_addr",
        "use_directory_urls", "strict", "INHERIT", "remote_branch", "remote_name",
        "extra_templates",
    }
)  # fmt: skip
HTML_SETTINGS: frozenset[Key] = frozenset(
    {("copyright",), ("extra", "consent", "title"), ("extra", "consent", "description")}
)
ADDRESS_KEYS = frozenset(
    {"site_url", "repo_url", "edit_uri", "logo", "favicon", "link", "homepage"}
)
SITE_FILES = ("extra_css", "extra_javascript")
UNSAFE_TEXT = re.compile(r"""[<>"'`]""")
HINT_TEXT = "这里只写纯文字；书名号、引号请用中文标点（“”《》），不要写 HTML"
HINT_HTML = (
    '版权信息只能用文字格式和站内链接（如 <a href="guide/">说明</a>），'
    "不能有脚本、事件属性或外部地址"
)
HINT_ADDRESS = "改用站内的相对路径（文件放在 docs/ 下），或删除这一行"


def site_config_problems(config_file: Path) -> list[Problem]:
    """Every problem of ``config_file``'s MkDocs settings (see the module docstring)."""
    tags = mkdocs_yml.unsafe_tags(config_file)
    if tags:
        return tags  # the file is not loaded at all: loading it runs them
    try:
        raw: Any = mkdocs_yml.load(config_file) or {}
        root = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except Exception:  # noqa: BLE001 - an unreadable file: MkDocs reports it, with its line
        return []
    if not isinstance(raw, dict):
        return []
    where = _Lines(config_file.name, root)
    own_host = browser_host(str(raw.get("site_url") or ""))[1]
    problems = [p for key, value in _settings(raw) for p in _check(key, value, where, own_host)]
    problems += _refused(raw, where)
    return sorted(problems, key=lambda p: (p.line, p.col))


def _settings(raw: dict[str, Any]) -> Iterator[tuple[Key, Any]]:
    """Every scalar setting that reaches pages, with its key path."""
    for name, value in raw.items():
        if name in NOT_IN_PAGES:
            continue
        if name == "extra" and isinstance(value, dict):
            value = {k: v for k, v in value.items() if k != "zongjie"}  # typed: config.py
        yield from _leaves((name,), value)


def _leaves(key: Key, value: Any) -> Iterator[tuple[Key, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            if key[:1] == ("nav",):
                yield (
                    (*key, str(k), "title"),
                    k,
                )  # a nav entry's key is its title, shown in the menu
            yield from _leaves((*key, str(k)), v)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves((*key, i), v)
    else:
        yield key, value


def _check(key: Key, value: Any, where: _Lines, own_host: str) -> list[Problem]:
    if not isinstance(value, str) or not value:
        return []
    name = ".".join(str(k) for k in key)
    if key[0] == "nav" and key[-1] == "title":
        name = "nav 中的标题"
    if key[0] in SITE_FILES:
        if key[-1] != "path" and not isinstance(key[-1], int):
            return _text(key, name, value, where)  # type:, async: … of a script entry
        scheme, host = browser_host(value)
        if scheme or host:
            message = f"{name} 必须是网站自己的文件，这里是“{_short(value)}”：会从别处加载"
            return [where.problem(key, message, HINT_ADDRESS)]
        return _text(key, name, value, where)
    if key in HTML_SETTINGS:
        removed = stripped(value, own_host)[1]
        if removed:
            what = describe(removed[0]).removeprefix("正文中的 HTML 不会发布：")
            return [where.problem(key, f"{name} 中的 HTML 会被删改：{what}", HINT_HTML)]
        return []
    if key[-1] in ADDRESS_KEYS or (key[0] == "nav" and key[-1] != "title"):
        return _address(key, name, value, where, own_host)
    return _text(key, name, value, where)


def _text(key: Key, name: str, value: str, where: _Lines) -> list[Problem]:
    m = UNSAFE_TEXT.search(value)
    if m is None:
        return []
    return [
        where.problem(
            key,
            f"{name} 是纯文字设置，不能含有字符 {m.group(0)}（“{_short(value)}”）："
            "它会原样写进每个页面的 HTML",
            HINT_TEXT,
        )
    ]


def _address(key: Key, name: str, value: str, where: _Lines, own_host: str) -> list[Problem]:
    scheme, _ = browser_host(value)
    if key == ("site_url",):
        reason = None if scheme in ("", "http", "https") else "不是网址"
    elif scheme not in ("", "http", "https", "mailto", "tel"):
        reason = f"使用了 {scheme}: 地址，浏览器会把它当作脚本或外部程序打开"
    else:
        reason = outside(value, own_host)
    if reason is None:
        return _text(key, name, value, where) if UNSAFE_TEXT.search(value) else []
    return [where.problem(key, f"{name} 的地址“{_short(value)}”{reason}", HINT_ADDRESS)]


OWN_HOOKS = ("hooks/zongjie_hooks.py", "hooks/zongjie_pdf.py", "hooks/zongjie_search.py")
PLUGINS = frozenset({"search", "material/search", "offline", "material/offline"})
THEME_DIR = "overrides"
INCLUDING = frozenset({"pymdownx.snippets", "markdown_include.include", "mdx_include"})
"""Markdown extensions that copy another file's text into a page as it renders: the included
text is neither checked nor held back with a draft, and may come from outside the project."""


def _refused(raw: dict[str, Any], where: _Lines) -> list[Problem]:
    problems = _code_settings(raw, where)
    extra = raw.get("extra")
    if isinstance(extra, dict) and extra.get("analytics"):
        problems.append(
            where.problem(
                ("extra", "analytics"),
                "extra.analytics 会让每个页面向统计网站（如 Google Analytics）发送读者的访问记录，"
                "内网网站不能使用",
                "删除 extra.analytics 这一节",
            )
        )
    theme = raw.get("theme")
    font = theme.get("font", None) if isinstance(theme, dict) else None
    name = theme.get("name") if isinstance(theme, dict) else theme
    if name == "material" and font is not False:
        key: Key = ("theme", "font") if isinstance(theme, dict) and "font" in theme else ("theme",)
        problems.append(
            where.problem(
                key,
                "theme.font 必须设为 false：否则 Material 让每个页面从 Google Fonts 加载字体，"
                "内网无法访问，还会向外部网站暴露读者",
                "在 theme: 下写 font: false（页面使用读者电脑上的中文字体）",
            )
        )
    return problems


def _code_settings(raw: dict[str, Any], where: _Lines) -> list[Problem]:
    """Hooks, plugins, theme templates and including extensions run in or shape every page:
    only the product's own are allowed, as reviewed with the engine."""
    problems = []
    hooks = raw.get("hooks")
    for i, hook in enumerate(hooks if isinstance(hooks, list) else []):
        if not isinstance(hook, str) or posixpath.normpath(hook) not in OWN_HOOKS:
            problems.append(
                where.problem(
                    ("hooks", i),
                    f"hooks 中的“{_short(str(hook))}”不是 zongjie 自带的钩子：钩子是在构建时运行的"
                    "Python 代码，能改写每个页面",
                    f"hooks: 中只能列出 {'、'.join(OWN_HOOKS)}；删除这一行",
                )
            )
    plugins = raw.get("plugins")
    entries = list(plugins) if isinstance(plugins, (list, dict)) else []
    for i, entry in enumerate(entries):
        name = next(iter(entry), "") if isinstance(entry, dict) else entry
        if str(name) not in PLUGINS:
            key: Key = ("plugins", str(name)) if isinstance(plugins, dict) else ("plugins", i)
            problems.append(
                where.problem(
                    key,
                    f"plugins 中的插件“{_short(str(name))}”不在允许之列：插件在构建时运行，能改写"
                    "每个页面",
                    f"plugins: 中只能使用 {'、'.join(sorted(PLUGINS))}；删除这一行",
                )
            )
    theme = raw.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom is not None and (
        not isinstance(custom, str) or posixpath.normpath(custom) != THEME_DIR
    ):
        problems.append(
            where.problem(
                ("theme", "custom_dir"),
                f"theme.custom_dir 应为 {THEME_DIR}，这里是“{_short(str(custom))}”：网站的模板"
                f"和脚本只能来自 {THEME_DIR}/",
                f"写 custom_dir: {THEME_DIR}；要改模板请改 {THEME_DIR}/ 中的文件",
            )
        )
    extensions = raw.get("markdown_extensions")
    listed = list(extensions) if isinstance(extensions, (list, dict)) else []
    for i, entry in enumerate(listed):
        name = str(next(iter(entry), "") if isinstance(entry, dict) else entry)
        if name.partition(":")[0] in INCLUDING:
            at: Key = (
                ("markdown_extensions", name)
                if isinstance(extensions, dict)
                else ("markdown_extensions", i)
            )
            problems.append(
                where.problem(
                    at,
                    f"Markdown 扩展“{name}”会把其他文件的内容插入页面：插入的文字不经检查，"
                    "草稿和项目以外的文件也会因此发布",
                    "删除这个扩展；要在多个页面中出现的文字请分别写进各页面",
                )
            )
    return problems


def _short(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "…"


class _Lines:
    """Where each setting is in mkdocs.yml: the line of its value (of its key for a mapping),
    or of the nearest setting above it (one inherited through INHERIT: line 1)."""

    def __init__(self, path: str, root: yaml.Node | None) -> None:
        self.path = path
        self.at: dict[Key, tuple[int, int]] = {}
        if root is not None:
            self._walk((), root)

    def _walk(self, key: Key, node: yaml.Node) -> None:
        self.at[key] = _position(node)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                name = k.value if isinstance(k, yaml.ScalarNode) else str(k)
                if key[:1] == ("nav",):
                    self.at[(*key, name, "title")] = (
                        k.start_mark.line + 1,
                        k.start_mark.column + 1,
                    )
                self._walk((*key, name), v)
                if not isinstance(v, yaml.ScalarNode):
                    self.at[(*key, name)] = _position(k)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                self._walk((*key, i), v)

    def problem(self, key: Key, message: str, hint: str) -> Problem:
        for n in range(len(key), -1, -1):
            if key[:n] in self.at:
                line, col = self.at[key[:n]]
                break
        else:
            line, col = 1, 1
        field = ".".join(str(k) for k in key if k != "title" or key[0] != "nav")
        return Problem(self.path, line, message, field=field or "mkdocs.yml", col=col, hint=hint)


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def nav_problems(config_file: Path, hidden: Callable[[str], bool]) -> list[Problem]:
    """A warning at each ``nav`` entry of mkdocs.yml that names a page readers do not get (a
    draft's, an unapproved or an internal report's; ``hidden`` says which, from the page's
    path inside docs/): the entry leads nowhere on their site."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    nav = child_node(root, "nav")
    problems = []
    stack = [nav] if nav is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack += [v for _, v in node.value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif isinstance(node, yaml.ScalarNode) and str(node.value).endswith(".md"):
            src = posixpath.normpath(str(node.value)).lstrip("/")
            if hidden(src):
                line, col = _position(node)
                problems.append(
                    Problem(
                        config_file.name,
                        line,
                        f"导航（nav）中的“{_short(src)}”是不发布的页面（草稿、未审定或内部报告）："
                        "读者网站中没有它",
                        field="nav",
                        col=col,
                        severity="warning",
                        hint="从 nav 中删除这一项；报告审定后，导航会自动列出它",
                    )
                )
    return sorted(problems, key=lambda p: (p.line, p.col))
