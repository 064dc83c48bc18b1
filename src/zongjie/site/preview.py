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

from zongjie.data.content import Content

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
    for file in files.documentation_pages():
        if file.abs_src_path is None:
            continue  # generated pages are always rebuilt
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
