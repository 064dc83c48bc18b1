"""MkDocs hooks for zongjie: wiring only. The engine is the ``zongjie`` package (src/zongjie)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from zongjie import preview
from zongjie.plugin import ZongjieBuild

_build: ZongjieBuild | None = None


def on_config(config):
    global _build
    _build = ZongjieBuild(config)  # fresh state on every (re)build, see STYLE.md
    _build.configure(config)
    preview.watch_paths(config, _build.content)  # `make serve` reloads on data and templates
    return config


def on_files(files, config):
    files = _build.add_generated_pages(files, config)
    # `mkdocs serve --dirty` (make serve): also rebuild pages whose data or templates changed.
    custom = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    preview.mark_stale_pages(_build.content, files, custom)
    return files


def on_page_markdown(markdown, page, config, files):
    return _build.collect_markers(markdown, page)


@event_priority(-50)  # after other plugins have touched the environment
def on_env(env, config, files):
    _build.render_all(files)
    return env
