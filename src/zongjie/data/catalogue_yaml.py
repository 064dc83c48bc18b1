"""Add an entry to a catalogue's list in place (``zongjie new unit``), in the file's own style.

Editors write ``units:`` lists indented (``  - id: …``) or not (``- id: …``), with comments and
other keys after the list; the new entry goes right after the list's last entry, indented like
its neighbours, and every other line stays as it was.
"""

from __future__ import annotations

import yaml


def add_item(text: str, key: str, item: list[str]) -> str:
    """``text`` with ``item`` (the entry's lines, unindented, the first starting with ``- ``)
    appended to the top-level list ``key``; ``key:`` with the entry at the end when it has none.
    """
    lines = text.splitlines()
    seq = _sequence(text, key)
    if seq is None or not seq.value:
        block = [f"{key}:", *(f"  {ln}" for ln in item)]
        return "\n".join([*lines, *block]) + "\n"
    last = seq.value[-1]
    dash = max(seq.value[0].start_mark.column - 2, 0)
    end = last.end_mark.line if last.end_mark.column == 0 else last.end_mark.line + 1
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank lines and comments after the list stay after it
    indent = " " * dash
    return "\n".join([*lines[:end], *(indent + ln for ln in item), *lines[end:]]) + "\n"


def _sequence(text: str, key: str) -> yaml.SequenceNode | None:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return None
    for k, v in root.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.SequenceNode):
            return v
    return None
