"""MkDocs hooks for zongjie: wiring only. The engine is the ``zongjie`` package (src/zongjie)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from zongjie.plugin import ZongjieBuild

_build: ZongjieBuild | None = None


def on_config(config):
    global _build
    _build = ZongjieBuild(config)  # fresh state on every (re)build, see STYLE.md
    _build.configure(config)
    return config


def on_files(files, config):
    return _build.add_generated_pages(files, config)


def on_page_markdown(markdown, page, config, files):
    return _build.collect_markers(markdown, page)


@event_priority(-50)  # after other plugins have touched the environment
def on_env(env, config, files):
    _build.render_all(files)
    return env
