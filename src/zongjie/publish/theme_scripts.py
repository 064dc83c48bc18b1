"""The inline scripts the theme may put in a page, read from its templates, as CSP hashes.

Only the theme's own scripts may run: Material's small helpers (``__md_scope``…) and zongjie's
search configuration. Their hashes come from the templates (Material's, and ``overrides/``),
never from the built pages, so a script that reached a page some other way is not allowed by
the policy and the browser blocks it.

A template script is Jinja: what a page gets depends on where the page is (``base_url``,
addresses made relative by the ``url`` filter). Each one is rendered with MkDocs' own theme
environment for every folder depth the site has, and for error pages (absolute addresses).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import jinja2

from zongjie.publish.csp import source_hash

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_EXECUTABLE = {"", "module", "text/javascript", "application/javascript"}
_END = "\ue000"


def template_scripts(theme_dirs: list[str]) -> list[str]:
    """The body (Jinja source) of every executable inline script in the theme's templates."""
    bodies: dict[str, None] = {}
    seen: set[str] = set()
    for folder in theme_dirs:
        for template in sorted(Path(folder).rglob("*.html")):
            name = template.relative_to(folder).as_posix()
            if name in seen:
                continue  # overridden by a folder before it, as the theme loader does
            seen.add(name)
            source = _COMMENT.sub("", template.read_text(encoding="utf-8", errors="replace"))
            for m in _SCRIPT.finditer(source):
                attrs = m.group(1)
                kind = _TYPE.search(attrs)
                if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE) or (
                    kind and kind.group(1).lower() not in _EXECUTABLE
                ):
                    continue
                bodies.setdefault(m.group(2))
    return list(bodies)


def folders(site: Path) -> set[str]:
    """The page addresses of each folder of the site that holds pages (``""``, ``a/``, …)."""
    found = {""}
    for page in site.rglob("*.html"):
        rel = page.parent.relative_to(site).as_posix()
        found.add("" if rel == "." else rel + "/")
    return found


def _contexts(config: Any, site: Path, globals_: dict[str, Any]) -> Iterator[dict[str, Any]]:
    from mkdocs.utils import get_relative_url

    for url in sorted(folders(site)):
        page = SimpleNamespace(url=url, meta={}, title="", is_homepage=url == "")
        yield {**globals_, "config": config, "page": page,
               "base_url": get_relative_url(".", url)}  # fmt: skip
    # Error pages (404.html) are rendered without a page, with absolute addresses.
    yield {**globals_, "config": config, "page": None,
           "base_url": urlsplit(config.site_url or "/").path}  # fmt: skip


def theme_script_hashes(config_file: Path, site: Path) -> set[str]:
    """The CSP hash sources of the theme's inline scripts for the pages of ``site``."""
    from mkdocs.config import load_config

    from zongjie import mkdocs_yml
    from zongjie.search.events import worker_url

    mkdocs_yml.refuse_unsafe(config_file)
    config = load_config(str(config_file))
    env = config.theme.get_env()
    globals_ = {"zongjie_search": {"worker": worker_url(config.theme.dirs), "campaigns": []}}
    hashes = set()
    for body in template_scripts(config.theme.dirs):
        try:
            # The end mark keeps the body's last newline, which Jinja drops at a template's end.
            template = env.from_string(body + _END)
        except jinja2.TemplateError:
            continue  # not a script on its own (a fragment of a larger Jinja block)
        for context in _contexts(config, site, globals_):
            try:
                hashes.add(source_hash(template.render(context).removesuffix(_END)))
            except Exception:  # noqa: BLE001 - needs a page this site has not: never sent
                continue
    return hashes
