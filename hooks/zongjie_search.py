"""MkDocs hooks for zongjie's Chinese search: wiring only. The engine is ``zongjie.search``."""

from zongjie.search.events import SearchEvents

_events = SearchEvents()  # lives like a plugin instance; each build starts afresh in on_config

on_config = _events.on_config
on_env = _events.on_env
on_post_page = _events.on_post_page
on_post_build = _events.on_post_build
