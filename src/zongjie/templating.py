"""Jinja environment for the files the CLI writes (skeletons, imports).

The templates ship inside the package (``src/zongjie/templates/``) because
``zongjie new`` and ``zongjie import`` must work in any project folder, not only
next to this repository's ``overrides/``.
"""

from __future__ import annotations

import json
from typing import Any

import jinja2


def yaml_str(value: object) -> str:
    """A YAML scalar that always reads back as the same string (JSON strings are valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("zongjie", "templates"),
        autoescape=False,  # Markdown and YAML, not HTML; values go through yaml_str where needed
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["yaml_str"] = yaml_str
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
