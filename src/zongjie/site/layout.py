"""The project layout of a loaded MkDocs configuration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zongjie.layout import ProjectLayout

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def layout_of(config: MkDocsConfig) -> ProjectLayout:
    """Where this build's files are, as MkDocs has resolved them."""
    return ProjectLayout.of_build(
        config.config_file_path, config.docs_dir, config.site_dir, config.theme.custom_dir
    )
