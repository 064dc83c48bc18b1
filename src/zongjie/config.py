"""zongjie's settings: one typed block under ``extra: zongjie:`` in mkdocs.yml.

Example::

    extra:
      zongjie:
        pdf:
          jobs: 2               # render processes (default: every available CPU)
          cache_dir: .cache/zongjie-pdf
          in_preview: false     # render PDFs under `mkdocs serve` too (slow; default off)
          part_size: 100        # a campaign of more reports is bound in parts (分册) of this many

Environment variables override single settings, for CI runners that must not edit mkdocs.yml.
This table is the only place they are read:

=====================  ===================
``ZONGJIE_PDF_JOBS``   ``pdf.jobs``
``ZONGJIE_PDF_CACHE``  ``pdf.cache_dir``
``ZONGJIE_SERVE_PDF``  ``pdf.in_preview``
=====================  ===================

A wrong value is an error at ``mkdocs.yml:line`` (or names the variable), like any data file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from zongjie.data.schema_errors import validate
from zongjie.data.yamlfile import YamlDocument, YamlError, build_document, relpath
from zongjie.errors import ContentError, Problem

ENV_OVERRIDES: dict[str, tuple[str, str]] = {
    "ZONGJIE_PDF_JOBS": ("pdf", "jobs"),
    "ZONGJIE_PDF_CACHE": ("pdf", "cache_dir"),
    "ZONGJIE_SERVE_PDF": ("pdf", "in_preview"),
}


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PdfSettings(_Settings):
    jobs: Annotated[int, Field(ge=1, le=256)] | None = None
    """Render processes; by default every CPU available to the build."""
    cache_dir: str = ".cache/zongjie-pdf"
    """Content-hash cache of rendered PDFs, relative to mkdocs.yml unless absolute."""
    in_preview: bool = False
    """Render PDFs under ``mkdocs serve`` as well; off so that the preview reloads in seconds."""
    part_size: Annotated[int, Field(ge=1, le=10_000)] = 100
    """Reports per part (分册) of a campaign's bound volume. A campaign with more reports is
    bound in parts plus an index volume; one with at most this many keeps a single volume.
    Each part is a file of a few MB that binds in seconds, whatever the campaign's size."""


class ZongjieConfig(_Settings):
    pdf: PdfSettings = PdfSettings()

    def cache_path(self, root: Path) -> Path:
        path = Path(self.pdf.cache_dir).expanduser()
        return path if path.is_absolute() else root / path


def load_settings(config_file: Path, extra: Mapping[str, Any] | None) -> ZongjieConfig:
    """Validated settings from ``extra.zongjie`` of the loaded config, with env overrides.

    ``extra`` is what MkDocs parsed; mkdocs.yml is re-read (composed, never constructed) only
    to find the lines of a wrong value.
    """
    raw = (extra or {}).get("zongjie") or {}
    if not isinstance(raw, dict):
        raise ContentError(
            [_problem(config_file, ("extra", "zongjie"), "应为映射（“键: 值”的形式）")]
        )
    merged: dict[str, Any] = {k: dict(v) if isinstance(v, dict) else v for k, v in raw.items()}
    for name, (section, key) in ENV_OVERRIDES.items():
        value = os.environ.get(name)
        if value is None or value == "":
            continue
        if not isinstance(merged.get(section, {}), dict):
            continue  # the file's own error is reported below
        merged.setdefault(section, {})[key] = value
    doc = _document(config_file, merged)
    settings, problems = validate(ZongjieConfig, doc)
    if problems:
        raise ContentError([_in_mkdocs_yml(p) for p in problems])
    assert isinstance(settings, ZongjieConfig)
    return settings


def _document(config_file: Path, data: dict[str, Any]) -> YamlDocument:
    """The settings as a document whose lines point into mkdocs.yml."""
    rel = relpath(config_file, config_file.parent)
    doc = YamlDocument(rel, data)
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
        node = _child(_child(root, "extra"), "zongjie")
        if node is not None:
            lines = build_document(node, rel).lines
            doc.lines.update(lines)
    except (OSError, yaml.YAMLError, YamlError):
        pass  # MkDocs has read the file already; without lines the errors point at line 1
    return doc


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.Node):
                return v
    return None


def _in_mkdocs_yml(problem: Problem) -> Problem:
    """Name the full key, and the environment variable when the value came from one."""
    message = problem.message
    for name, (section, key) in ENV_OVERRIDES.items():
        if problem.field == f"{section}.{key}" and os.environ.get(name):
            message += f"（来自环境变量 {name}）"
    return replace(problem, field=f"extra.zongjie.{problem.field}", message=message)


def _problem(config_file: Path, loc: tuple[str, ...], message: str) -> Problem:
    doc = _document(config_file, {})
    line, col = doc.line_of(loc)
    return Problem(doc.path, line, message, field=".".join(loc), col=col)
