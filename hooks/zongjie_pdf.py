"""MkDocs hooks for the PDFs: wiring only. The engine is ``zongjie.pdf`` (src/zongjie/pdf)."""

from zongjie.pdf.events import PdfEvents

_events = PdfEvents()  # lives like a plugin instance; each build starts afresh in on_config

on_startup = _events.on_startup
on_config = _events.on_config
on_page_context = _events.on_page_context
on_post_page = _events.on_post_page
on_post_build = _events.on_post_build
