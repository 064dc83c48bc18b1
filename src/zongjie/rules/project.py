"""Everything ``zongjie check`` reports: the data files, the settings and every page.

Both halves are the build's own: :func:`zongjie.rules.load` (data, links, page size and
encoding, the report rules) and :func:`zongjie.rules.pages.check_page` for each page MkDocs
would build, on the body MkDocs would render, then on the HTML it renders to
(:func:`zongjie.rules.pages.check_rendered`, with the project's Markdown extensions).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zongjie.config import read_settings, site_host
from zongjie.data.content import Content
from zongjie.data.yamlfile import YamlError, read_text
from zongjie.errors import Problem
from zongjie.markdown.markers import PLACEHOLDER_RE
from zongjie.markdown.rendering import project_renderer
from zongjie.rules import links
from zongjie.rules.front_matter import front_matter_problems
from zongjie.rules.pages import check_page, check_rendered, split_front_matter
from zongjie.rules.settings import setting_problems
from zongjie.rules.site_config import nav_problems, site_config_problems
from zongjie.rules.stylesheets import stylesheet_problems
from zongjie.rules.svg_images import svg_problems

LINKING = re.compile(r"\]\(|\]:|\bhref\s*=")
"""Markdown that may link to a page or an anchor: only such pages are rendered for links."""


def read_raw(config_file: Path) -> dict[str, Any] | None:
    from zongjie import mkdocs_yml

    try:
        raw = mkdocs_yml.load(config_file)
    except Exception:  # noqa: BLE001 - an unreadable mkdocs.yml is reported on its own
        return None
    return raw if isinstance(raw, dict) else None


def check_project(
    content: Content,
    hidden: Callable[[str], bool] | None = None,
    generated: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every problem in the project whose content is ``content`` (as :func:`zongjie.rules.load`
    returned it): settings and data files first, then every page. ``hidden``: which pages
    (by their path inside docs/) readers do not get, for the nav entries that name one; the
    review layer above knows that. ``generated``: the pages the build makes from data (by
    their path inside docs/), which links may name."""
    config_file = content.layout.config_file
    settings, problems = read_settings(config_file)
    if settings is not None:  # the rule every readers' build applies to the settings
        problems += setting_problems(settings, config_file)
    problems += site_config_problems(config_file)
    if hidden is not None:
        problems += nav_problems(config_file, hidden)
    own_host = site_host(config_file)
    problems += stylesheet_problems(content.layout.docs_dir, content.layout.root, own_host)
    problems += svg_problems(content.layout.docs_dir, content.layout.root)
    problems += content.log.problems
    render = project_renderer(config_file)
    linked: list[links.Page] = []
    rendered: dict[str, links.PageLinks] = {}
    bodies: dict[str, tuple[str, str]] = {}
    for md in content.pages:
        src = content.page_src(md)
        if content.page_skipped(src):
            continue
        rel = content.rel(md)
        try:
            source = read_text(md, rel)[0]
        except YamlError:  # changed since it was loaded; the next run reports it
            continue
        body, first_line = split_front_matter(source)
        problems.extend(
            front_matter_problems(source, rel, report=content.report_for_page(src) is not None)
        )
        checked = check_page(body, rel, src, content, first_line=first_line, own_host=own_host)
        problems.extend(checked.problems)
        bodies[src] = (checked.text, rel)
        needs_gate = render.may_need_sanitizing(PLACEHOLDER_RE.sub("", checked.text))
        if needs_gate or LINKING.search(checked.text):
            html = render(checked.text)
            rendered[src] = links.page_links(html)
            linked.append(links.Page(src, rel, body, first_line, rendered[src]))
        if needs_gate:
            problems.extend(
                check_rendered(
                    checked, html, rel, render, first_line=first_line, own_host=own_host
                ).problems
            )

    def built(src: str) -> bool:
        return src in generated or (src in bodies and not (hidden and hidden(src)))

    def anchors_of(src: str) -> set[str] | None:
        if src not in bodies:
            return None  # made from data: its anchors are the build's to know
        if src not in rendered:
            rendered[src] = links.page_links(render(bodies[src][0]))
        return rendered[src].ids

    level = links.levels((read_raw(config_file) or {}).get("validation"))
    problems += links.link_problems(linked, built, anchors_of, level)
    return problems
