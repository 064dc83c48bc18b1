"""Fast live preview: make ``mkdocs serve --dirty`` also rebuild pages whose *data* changed.

MkDocs' dirty build only rebuilds a page when its Markdown is newer than its
HTML. A report page also depends on its YAML (and on the campaign, unit and
resource catalogues); index pages depend on every report; every page depends
on the templates. :func:`mark_stale_pages` marks those pages as modified so an
edit to any of them reaches the browser, while the other 999 pages are left
alone. In a normal (non-dirty) build MkDocs never asks, so this is a no-op.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from zongjie import layout as paths
from zongjie.data.content import Content, ReportEntry

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def _newest(folder: Path) -> float:
    newest = 0.0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            newest = max(newest, _mtime(Path(dirpath) / name))
    return newest


def _force(file: File) -> None:
    file.is_modified = lambda: True  # type: ignore[method-assign]


def mark_stale_pages(content: Content, files: Files, template_dirs: list[Path]) -> int:
    """Mark pages whose data or templates changed after their HTML was written; return how many."""
    data = content.data_dir
    shared = max(
        [
            _mtime(data / "units.yml"),
            _mtime(data / "resources.yml"),
            *(_mtime(content.root / e.doc.path) for e in content.campaigns.values()),
        ],
        default=0.0,
    )
    templates = max((_newest(d) for d in template_dirs if d.is_dir()), default=0.0)
    every_report = max([shared, _newest(data / "reports")])
    marked = 0
    by_unit: dict[str, list[ReportEntry]] = {}
    for entry in content.reports.values():
        by_unit.setdefault(entry.unit_id, []).append(entry)
    for file in files.documentation_pages():
        if file.abs_src_path is None:
            _keep_generated(file, content, by_unit, max(shared, templates))
            continue
        built = _mtime(Path(file.abs_dest_path))
        if built == 0.0:
            continue  # not built yet: MkDocs builds it anyway
        report = content.report_for_page(file.src_uri)
        depends = (
            max(shared, templates, _mtime(content.root / report.doc.path))
            if report
            else max(every_report, templates)
        )
        if depends > built:
            _force(file)
            marked += 1
    return marked


def _keep_generated(
    file: File, content: Content, by_unit: dict[str, list[ReportEntry]], shared: float
) -> None:
    """A generated organisation or unit page shows the reports under it: with thousands of
    units, rebuilding every one of them on each save is most of the wait. One whose reports,
    catalogues and templates are all older than its HTML keeps its HTML. Other generated pages
    (progress, 待核实) are rebuilt, as MkDocs rebuilds any generated page."""
    built = _mtime(Path(file.abs_dest_path))
    reports = _shown_reports(file.src_uri, content, by_unit)
    if built == 0.0 or reports is None:
        return
    depends = max([shared, *(_mtime(content.root / r.doc.path) for r in reports)])
    if depends < built:
        file.is_modified = lambda: False  # type: ignore[method-assign]


def _shown_reports(
    src: str, content: Content, by_unit: dict[str, list[ReportEntry]]
) -> list[ReportEntry] | None:
    """The reports an organisation's or a unit's generated page adds up; ``None``: another
    kind of page."""
    ref = paths.page_ref(src)
    folder, _, name = src.partition("/")
    if ref is not None and ref.org:
        node, campaign = ref.org, ref.campaign
    elif folder == paths.UNIT_PAGES and name.endswith(".md") and "/" not in name:
        node, campaign = name[:-3], ""
    else:
        return None
    under = content.tree.subtree(node) if node in content.tree.nodes else frozenset()
    return [
        r
        for uid in under
        for r in by_unit.get(uid, ())
        if not campaign or r.campaign_id == campaign
    ]


def watch_paths(config: MkDocsConfig, content: Content) -> None:
    """Have ``mkdocs serve`` watch the data and the templates, even if mkdocs.yml forgets to.

    ``serve`` reads ``config.watch`` after the first build, so adding to it in
    ``on_config`` is enough; plain builds ignore the list.
    """
    wanted = [str(content.data_dir)]
    if config.theme.custom_dir:
        wanted.append(str(Path(config.theme.custom_dir).resolve()))
    have = {str(Path(w).resolve()) for w in config.watch}
    config.watch.extend(w for w in wanted if w not in have and Path(w).is_dir())
