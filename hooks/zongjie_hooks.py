"""MkDocs hooks for zongjie: wiring only. The engine is ``zongjie.site`` (src/zongjie/site)."""

from zongjie.site.events import SiteEvents

_events = SiteEvents()  # lives like a plugin instance; each build starts afresh in on_config

on_startup = _events.on_startup
on_config = _events.on_config
on_serve = _events.on_serve  # `make serve` only: a failed rebuild is shown in the browser
on_build_error = _events.on_build_error
on_files = _events.on_files
on_page_read_source = _events.on_page_read_source
on_page_markdown = _events.on_page_markdown
on_page_context = _events.on_page_context
on_page_content = _events.on_page_content
on_env = _events.on_env
on_post_build = _events.on_post_build
