"""A page's Markdown rendered as MkDocs renders it, with the project's Markdown extensions.

The build has MkDocs' own configuration; ``zongjie check`` reads ``markdown_extensions`` from
mkdocs.yml with MkDocs' YAML loader and option type, so both turn a narrative into the same
HTML, and the HTML checks (:mod:`zongjie.markdown.html_gate`) see what readers would get.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import markdown

BUILTINS = ["toc", "tables", "fenced_code"]  # what MkDocs always adds (config/defaults.py)
PLAIN_SAFE = frozenset(
    {
        "toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition", "footnotes",
        "abbr", "def_list", "sane_lists", "smarty", "nl2br", "meta", "pymdownx.details",
        "pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.caret",
        "pymdownx.mark", "pymdownx.tilde", "pymdownx.betterem", "pymdownx.smartsymbols",
        "pymdownx.escapeall",
    }
)  # fmt: skip
"""Extensions that turn text without markup (no ``<``, ``{``, link or reference) into HTML the
sanitizer keeps whole: for a page of such text, the HTML check has nothing to look at."""
# Raw HTML and autolinks, attribute lists, inline links, reference links and definitions.
MARKUP = re.compile(r"<|\{|\]\s*\(|\]\s*:|\]\s*\[")


def _name(extension: Any) -> str:
    return extension if isinstance(extension, str) else type(extension).__module__


class Render:
    """Markdown text to HTML with these extensions (MkDocs' config), as MkDocs renders a page."""

    def __init__(self, extensions: Sequence[Any], configs: Mapping[str, Any] | None = None):
        self.md = markdown.Markdown(
            extensions=list(extensions), extension_configs=dict(configs or {})
        )
        names = {_name(e).removeprefix("markdown.extensions.") for e in extensions}
        self.plain_is_safe = names <= PLAIN_SAFE

    def __call__(self, text: str) -> str:
        self.md.reset()
        return str(self.md.convert(text))

    def may_need_sanitizing(self, text: str) -> bool:
        """False when ``text`` cannot render to anything the sanitizer would remove."""
        return not self.plain_is_safe or MARKUP.search(text) is not None


def renderer(extensions: Sequence[Any], configs: Mapping[str, Any] | None = None) -> Render:
    return Render(extensions, configs)


def project_renderer(config_file: Path) -> Render:
    """The renderer of the project's mkdocs.yml; MkDocs' builtins alone if it cannot be read
    (the build stops on that file with MkDocs' own error, and ``check`` reports it)."""
    from mkdocs.config import config_options

    from zongjie import mkdocs_yml

    option = config_options.MarkdownExtensions(builtins=BUILTINS, configkey="mdx_configs")
    try:
        raw = mkdocs_yml.load(config_file) or {}
        extensions = option.validate(raw.get("markdown_extensions") or [])  # type: ignore[no-untyped-call]
    except Exception:  # noqa: BLE001 - any unreadable configuration: MkDocs reports it
        return renderer(BUILTINS)
    return renderer(extensions, option.configdata)
