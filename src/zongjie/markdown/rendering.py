"""A page's Markdown rendered as MkDocs renders it, with the project's Markdown extensions.

The build has MkDocs' own configuration; ``zongjie check`` reads ``markdown_extensions`` from
mkdocs.yml with MkDocs' YAML loader and option type, so both turn a narrative into the same
HTML, and the HTML checks (:mod:`zongjie.markdown.html_gate`) see what readers would get.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import markdown

Render = Callable[[str], str]
BUILTINS = ["toc", "tables", "fenced_code"]  # what MkDocs always adds (config/defaults.py)


def renderer(extensions: Sequence[Any], configs: Mapping[str, Any] | None = None) -> Render:
    """A function rendering Markdown text to HTML with these extensions (MkDocs' config)."""
    md = markdown.Markdown(extensions=list(extensions), extension_configs=dict(configs or {}))

    def render(text: str) -> str:
        md.reset()
        return str(md.convert(text))

    return render


def project_renderer(config_file: Path) -> Render:
    """The renderer of the project's mkdocs.yml; MkDocs' builtins alone if it cannot be read
    (the build stops on that file with MkDocs' own error, and ``check`` reports it)."""
    from mkdocs.config import config_options
    from mkdocs.utils.yaml import yaml_load

    option = config_options.MarkdownExtensions(builtins=BUILTINS, configkey="mdx_configs")
    try:
        with open(config_file, "rb") as handle:
            raw = yaml_load(handle) or {}
        extensions = option.validate(raw.get("markdown_extensions") or [])  # type: ignore[no-untyped-call]
    except Exception:  # noqa: BLE001 - any unreadable configuration: MkDocs reports it
        return renderer(BUILTINS)
    return renderer(extensions, option.configdata)
