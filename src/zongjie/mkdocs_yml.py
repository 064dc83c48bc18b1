"""The one door through which mkdocs.yml reaches MkDocs' YAML loader.

MkDocs reads mkdocs.yml with PyYAML's full loader, on purpose: ``!!python/name:`` is how a
Markdown extension is given a function (an emoji index, a fence format, a slug function). The
same loader runs ``!!python/object/apply:os.system`` as it reads the file, before any setting is
looked at, so checking the values afterwards is too late. Each tag is therefore looked at on
the composed tree (composing builds no object) and only the callables the product's own
settings and guide use are let through; everything else is an error at its line, and the file
is never handed to MkDocs' loader. ``!ENV`` and ``!relative`` are MkDocs' own and stay.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from zongjie.errors import ContentError, Problem

PYTHON_TAG = "tag:yaml.org,2002:python/"
ALLOWED_PYTHON = frozenset(
    {
        "name:material.extensions.emoji.twemoji",
        "name:material.extensions.emoji.to_svg",
        "name:pymdownx.superfences.fence_code_format",
        "name:pymdownx.superfences.fence_div_format",
        "name:pymdownx.slugs.uslugify",
        "name:pymdownx.slugs.uslugify_cased",
        "name:pymdownx.slugs.slugify",
        "object/apply:pymdownx.slugs.slugify",
    }
)
"""What follows ``!!python/`` in a tag that only names a function of a Markdown extension."""
HINT = (
    "mkdocs.yml 中的 !!python 标签只能引用 Markdown 扩展自带的函数（如 "
    "!!python/object/apply:pymdownx.slugs.slugify）；删除这个标签"
)


def unsafe_tags(config_file: Path, _seen: frozenset[Path] = frozenset()) -> list[Problem]:
    """An error for each ``!!python`` tag of ``config_file`` (and the files it INHERITs) that
    would run or import anything but an allowed extension function."""
    path = config_file.resolve()
    if path in _seen:
        return []
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # unreadable: the YAML reader that reports it builds nothing either
    problems: list[Problem] = []
    stack: list[yaml.Node] = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if node.tag.startswith(PYTHON_TAG) and node.tag[len(PYTHON_TAG) :] not in ALLOWED_PYTHON:
            problems.append(_problem(config_file, node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack += [k, v]
                parent = _inherited(config_file, k, v)
                if parent is not None:
                    problems += unsafe_tags(parent, _seen | {path})
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return sorted(problems, key=lambda p: (p.path, p.line, p.col))


def _inherited(config_file: Path, key: yaml.Node, value: yaml.Node) -> Path | None:
    inherit = isinstance(key, yaml.ScalarNode) and key.value == "INHERIT"
    if inherit and isinstance(value, yaml.ScalarNode) and value.value:
        return config_file.parent / str(value.value)
    return None


def _problem(config_file: Path, node: yaml.Node) -> Problem:
    tag = "!!" + node.tag.removeprefix("tag:yaml.org,2002:")
    shown = tag if len(tag) <= 60 else tag[:57] + "…"
    return Problem(
        config_file.name,
        node.start_mark.line + 1,
        f"标签“{shown}”会在读取 mkdocs.yml 时运行或导入 Python 代码：不能使用",
        field="标签",
        col=node.start_mark.column + 1,
        hint=HINT,
    )


def refuse_unsafe(config_file: Path) -> None:
    """Raise before MkDocs (or anything else) loads ``config_file`` with its full loader."""
    problems = unsafe_tags(config_file)
    if problems:
        raise ContentError(problems)


def load(config_file: Path) -> Any:
    """mkdocs.yml as MkDocs reads it (``!ENV``, ``INHERIT``), once its tags are known safe."""
    from mkdocs.utils.yaml import yaml_load

    refuse_unsafe(config_file)
    with open(config_file, "rb") as handle:
        return yaml_load(handle)


def main() -> int:
    """``python -m zongjie.mkdocs_yml``: the gate alone, for ``make serve``, whose ``mkdocs
    serve`` loads mkdocs.yml before any hook of zongjie's can look at it."""
    problems = unsafe_tags(Path("mkdocs.yml"))
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
