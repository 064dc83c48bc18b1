"""How zongjie writes a report's YAML, whoever writes it: one rule for every value.

* :func:`scalar`: a value that reads back as exactly what was written (a fingerprint of digits
  stays text, a date stays a date), quoted only where YAML would read it otherwise; the
  skeletons of ``zongjie new`` and ``zongjie import`` quote every text
  (:func:`zongjie.templating.yaml_str`);
* :func:`report_yaml`: a whole report from its data (the workbook import, ``zongjie demo``);
* :func:`set_fields`: top-level fields changed in place (``submit``, ``approve``), comments,
  order and every other line kept as the editor wrote them.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from zongjie.data.models import Report
from zongjie.templating import yaml_str

# Where a missing review field goes: after the last of these keys that the file has.
_ANCHORS = ("title", "date", "signed_by", "status", "submitted_on", "reviewed_by", "reviewed_on")


def _line_of(lines: list[str], key: str) -> int | None:
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((i for i, ln in enumerate(lines) if pattern.match(ln)), None)


def scalar(value: str) -> str:
    """The value as the editor would type it; quoted only where YAML would read it otherwise."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value  # a date, read back as one
    try:
        plain = yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        plain = False
    return value if plain and "#" not in value else yaml_str(value)


def set_fields(text: str, fields: dict[str, str | None]) -> str:
    """Set (or, for None, delete) top-level ``key: value`` lines; return the new text."""
    lines = text.splitlines()
    for key, value in fields.items():
        at = _line_of(lines, key)
        if value is None:
            if at is not None:
                del lines[at]
            continue
        line = f"{key}: {scalar(value)}"
        if at is not None:
            # A comment on a line whose value changes spoke of the old value (“导入的报告是草稿”
            # after submit): it goes with it. On an unchanged value it stays.
            comment = re.search(r"\s+#.*$", lines[at])
            if comment and lines[at][: comment.start()].rstrip() == line:
                line += comment.group(0)
            lines[at] = line
            continue
        order = _ANCHORS.index(key) if key in _ANCHORS else len(_ANCHORS)
        anchors = [i for k in _ANCHORS[:order] if (i := _line_of(lines, k)) is not None]
        lines.insert(max(anchors) + 1 if anchors else 0, line)
    return "\n".join(lines) + "\n"


def history_line(step: str, day: str, by: str | None, comment: str | None) -> str:
    """One review step as a one-line flow mapping (texts quoted: a comma cannot split it)."""
    parts = [f"step: {step}", f"day: {day}"]
    parts += [f"by: {yaml_str(by)}"] if by else []
    parts += [f"comment: {yaml_str(comment)}"] if comment else []
    return "  - {" + ", ".join(parts) + "}"


def append_history(text: str, entry: str) -> str:
    """Add ``entry`` (from :func:`history_line`) at the end of the ``history:`` list, which is
    started at the end of the file when there is none."""
    lines = text.splitlines()
    at = _line_of(lines, "history")
    if at is None:
        # No blank line before it: the approval's fingerprint leaves out only the review lines.
        lines += ["history:", entry]
        return "\n".join(lines) + "\n"
    lines[at] = "history:"  # an empty ``history: []`` becomes a block list
    end = at + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    while end > at + 1 and not lines[end - 1].strip():
        end -= 1
    lines.insert(end, entry)
    return "\n".join(lines) + "\n"


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as the hand-written files are."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def report_yaml(report: Report, header: list[str]) -> str:
    """``header`` comment lines, the scalars, then each list or mapping after a blank line."""
    data: dict[str, Any] = report.model_dump(mode="python", exclude_defaults=True)
    lines = [f"# {line}" for line in header]
    blocks = []
    for key, value in data.items():
        blocks.append(
            yaml.dump(
                {key: value},
                Dumper=_Dumper,
                allow_unicode=True,
                sort_keys=False,
                width=1000,
                default_flow_style=False,
            ).rstrip("\n")
        )
    text = "\n".join(lines) + "\n"
    for key, block in zip(data, blocks, strict=True):
        text += ("\n" if isinstance(data[key], (list, dict)) else "") + block + "\n"
    return text
