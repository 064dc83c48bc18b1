"""The values of a report still marked 待核实, each with the sentence it was read from.

``zongjie import`` writes a proposed value's sentence, shortened around the number (which
stands in 【】), as the comment on the value's line. The comment travels with the value when
the editor corrects it or moves lines about, and needs no second list to keep in step: the
待核实 list stays the one record of what is unconfirmed, and an entry deleted from it drops
off the editors' page and out of ``zongjie check``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from zongjie.data.content import Content, ReportEntry
from zongjie.data.yamlfile import parse_dotted

SOURCE = re.compile(r"#\s*待核实[^。]*。原文：(?P<text>.*)$")
MARKED = re.compile(r"(?P<before>.*?)【(?P<number>[^】]+)】(?P<after>.*)")


@dataclass(frozen=True)
class Unconfirmed:
    entry: str
    """As the 待核实 list writes it (``activities[1].count``)."""
    value: str
    """What the file holds now, as text."""
    before: str
    number: str
    """The number in the source sentence ('' when the comment marks none)."""
    after: str
    file: str
    line: int


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "、".join(f"{k} {v}" for k, v in value.items())
    if isinstance(value, list):
        return f"{len(value)} 项"
    return "" if value is None else str(value)


def _value(data: Any, loc: tuple[int | str, ...]) -> Any:
    for key in loc:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _source(line: str) -> tuple[str, str, str]:
    """The sentence in the comment of ``line``, split around its number."""
    found = SOURCE.search(line)
    if found is None:
        tail = line.split("#", 1)[1].strip() if "#" in line else ""
        return tail, "", ""
    text = found.group("text").strip()
    marked = MARKED.match(text)
    if marked is None:
        return text, "", ""
    return marked.group("before"), marked.group("number"), marked.group("after")


def unconfirmed(content: Content, report: ReportEntry) -> list[Unconfirmed]:
    """Every 待核实 value of ``report``, in the list's order."""
    entries = [str(e) for e in report.report.待核实]
    if not entries:
        return []
    path = content.root / report.doc.path
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    out = []
    for entry in entries:
        loc = parse_dotted(entry)
        line = report.line(*loc)
        before, number, after = _source(lines[line - 1] if 0 < line <= len(lines) else "")
        value = _shown(_value(report.doc.data, loc))
        out.append(Unconfirmed(entry, value, before, number, after, report.doc.path, line))
    return out
