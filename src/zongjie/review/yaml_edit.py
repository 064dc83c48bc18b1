"""Change top-level review fields of a report's YAML in place: comments, order and every other
line stay as the editor wrote them (a YAML dump would lose the comments)."""

from __future__ import annotations

import json
import re

import yaml

# Where a missing review field goes: after the last of these keys that the file has.
_ANCHORS = ("title", "date", "signed_by", "status", "submitted_on", "reviewed_by", "reviewed_on")


def _line_of(lines: list[str], key: str) -> int | None:
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((i for i, ln in enumerate(lines) if pattern.match(ln)), None)


def _value(value: str) -> str:
    """The value as the editor would type it; quoted only where YAML would read it otherwise."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value  # a date, read back as one
    try:
        plain = yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        plain = False
    return value if plain and "#" not in value else json.dumps(value, ensure_ascii=False)


def set_fields(text: str, fields: dict[str, str | None]) -> str:
    """Set (or, for None, delete) top-level ``key: value`` lines; return the new text."""
    lines = text.splitlines()
    for key, value in fields.items():
        at = _line_of(lines, key)
        if value is None:
            if at is not None:
                del lines[at]
            continue
        line = f"{key}: {_value(value)}"
        if at is not None:
            comment = re.search(r"\s+#.*$", lines[at])
            lines[at] = line + (comment.group(0) if comment else "")
            continue
        order = _ANCHORS.index(key) if key in _ANCHORS else len(_ANCHORS)
        anchors = [i for k in _ANCHORS[:order] if (i := _line_of(lines, k)) is not None]
        lines.insert(max(anchors) + 1 if anchors else 0, line)
    return "\n".join(lines) + "\n"
