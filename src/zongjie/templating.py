"""Jinja environment for the files the CLI writes (skeletons, imports).

The templates ship inside the package (``src/zongjie/templates/``) because
``zongjie new`` and ``zongjie import`` must work in any project folder, not only
next to this repository's ``overrides/``.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import jinja2


def yaml_str(value: object) -> str:
    """A YAML scalar that always reads back as the same string (JSON strings are valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def display_width(text: object) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def pad(value: object, width: int, right: bool = False) -> str:
    """``value`` padded to ``width`` terminal columns, so Chinese columns line up."""
    text = str(value)
    space = " " * max(0, width - display_width(text))
    return space + text if right else text + space


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
    env.filters["pad"] = pad
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
