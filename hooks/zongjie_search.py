"""MkDocs hooks for zongjie's Chinese search: wiring only. The engine is ``zongjie.search``."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from zongjie.search.build import SearchBuild

_search: SearchBuild | None = None


def on_config(config):
    global _search
    _search = SearchBuild(config)  # fresh state on every (re)build
    return config


@event_priority(-100)  # after zongjie's own on_env has put the report metadata in place
def on_env(env, config, files):
    _search.template_globals(env, files)
    return env


def on_post_page(output, page, config):
    _search.collect(page, output)
    return output


def on_post_build(config):
    _search.write(Path(config.site_dir))
