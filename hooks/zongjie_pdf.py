"""MkDocs hooks for the PDFs: wiring only. The engine is ``zongjie.pdf`` (src/zongjie/pdf)."""

from __future__ import annotations

import os

from zongjie.pdf.build import PdfBuild

_pdf: PdfBuild | None = None
_dirty = False
_enabled = True


def on_startup(command, dirty):
    global _dirty, _enabled
    _dirty = dirty  # `serve --dirty` rebuilds some pages only: no volumes or archives then
    # Live preview must reload within seconds; PDFs come from `make site`.
    _enabled = command != "serve" or os.environ.get("ZONGJIE_SERVE_PDF") == "1"


def on_config(config):
    global _pdf
    _pdf = PdfBuild(config, partial=_dirty)  # fresh state on every (re)build, see STYLE.md
    return config


def on_page_context(context, page, config, nav):
    _pdf.describe(page)
    return context


def on_post_page(output, page, config):
    if _enabled:
        _pdf.collect(page)
    return output


def on_post_build(config):
    if _enabled:
        _pdf.build(config)
