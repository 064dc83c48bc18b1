"""A report's structure: title, headings, body and 落款, from the blocks a reader produced.

Chinese numbering decides the heading level (一、 → ``##``, （一） → ``###``) whether it is
typed or comes from Word's automatic numbering; Word heading styles count too. 一是/二是
lead-ins are bolded as in the printed reports. The 落款 (signing unit and date, in Arabic or
Chinese numerals) is taken off the end. A table that became data is replaced by its marker.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from zongjie.authoring.blocks import SPACES, Block
from zongjie.cn_numbers import FULL_DATE, parse_date

CN = "一二三四五六七八九十"
H2 = re.compile(rf"^([{CN}]+)[、.．]\s*(.+)$")
H3 = re.compile(rf"^[（(]([{CN}]+)[)）]\s*(.+)$")
LEAD = re.compile(rf"^([{CN}]+是)")
TITLE_WORDS = re.compile(r"总结|报告|情况")


@dataclass
class Converted:
    title: str | None
    body: str
    headings: list[str]
    paragraphs: list[str] = field(default_factory=list)
    """Body text without headings and tables: what the facts are read from."""
    date: dt.date | None = None
    signed_by: str | None = None
    date_text: str = ""


def _split_heading(rest: str) -> tuple[str, str]:
    """“（二）政治能力有了新提升。习近平总书记指出…” → heading and the paragraph after it."""
    rest = rest.strip(SPACES)
    for i, ch in enumerate(rest):
        if ch in "。！？" and i + 1 < len(rest):
            return rest[:i].replace("**", ""), rest[i + 1 :].strip(SPACES + "*")
    return rest.replace("**", "").rstrip("。：:；;" + SPACES), ""


def _lead_in(text: str) -> str:
    """Bold the “一是……。” lead-in of a paragraph, as in the printed reports."""
    if text.startswith("**") or not LEAD.match(text):
        return text
    for stops in ("。", "，；,;"):
        ends = [i for i in (text.find(ch) for ch in stops) if 0 < i <= 60]
        if ends:
            end = min(ends) + 1
            return f"**{text[:end]}**{text[end:]}"
    return text


def as_text(text: str) -> str:
    """Word text as Markdown that shows it and nothing else: ``<`` and ``&`` become entities, so
    ``<img onerror=…>`` or ``<!-- zj:… -->`` typed in a report is text, never HTML or a marker."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def markdown_table(rows: list[list[str]]) -> list[str]:
    width = max(len(r) for r in rows)
    rows = [[as_text(c).replace("|", "\\|") for c in r] + [""] * (width - len(r)) for r in rows]
    out = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return out


def _is_title(block: Block) -> bool:
    text = block.plain
    return (
        block.kind != "table"
        and len(text) <= 80
        and "。" not in text
        and not H2.match(text)
        and not H3.match(text)
        and (bool(TITLE_WORDS.search(text)) or block.align == "center" or block.size >= 16)
    )


def signature(blocks: list[Block]) -> tuple[dt.date | None, str | None, str, int]:
    """The 落款 at the end: (date, signing unit, date as written, how many blocks it takes)."""
    tail = [b for b in blocks[-3:] if b.kind != "table"]
    for back in range(1, len(tail) + 1):
        block = blocks[-back]
        text = block.plain.replace(" ", "")
        match = FULL_DATE.fullmatch(text)
        if block.kind == "table" or match is None:
            continue
        day = parse_date(match)
        if day is None:
            return None, None, "", 0
        used = back
        signed_by = None
        if len(blocks) > back:
            prev = blocks[-back - 1]
            name = prev.plain
            if prev.kind != "table" and len(name) <= 40 and not re.search("[，。；：:]", name):
                signed_by, used = name, back + 1
        return day, signed_by, text, used
    return None, None, "", 0


def convert(blocks: list[Block]) -> Converted:
    """Markdown body, headings and the facts' paragraphs; title and 落款 taken off."""
    blocks = list(blocks)
    title = None
    if blocks and _is_title(blocks[0]):
        title = blocks.pop(0).plain
    day, signed_by, date_text, used = signature(blocks)
    if used:
        del blocks[-used:]
    lines: list[str] = []
    headings: list[str] = []
    paragraphs: list[str] = []
    for block in blocks:
        if block.kind == "table":
            lines += [*markdown_table(block.rows), ""]
            continue
        if block.kind == "marker":
            lines += [f"<!-- zj:{block.text} -->", ""]
            continue
        text = block.text.strip(SPACES)
        plain = block.plain
        heading = None
        if m := H2.match(plain):
            heading, after = _split_heading(text[text.index(m[2][:1]) :] if m[2] else "")
            heading = f"## {m[1]}、{as_text(heading)}"
        elif m := H3.match(plain):
            heading, after = _split_heading(text[text.index(m[2][:1]) :] if m[2] else "")
            heading = f"### （{m[1]}）{as_text(heading)}"
        elif block.kind.startswith("h") and len(plain) <= 60:
            level = "##" if block.kind in ("h1", "h2") else "###"
            heading, after = f"{level} {as_text(plain)}", ""
        if heading is not None:
            headings.append(heading)
            lines += [heading, ""]
            if after:
                lines += [as_text(_lead_in(after)), ""]
                paragraphs.append(after)
        elif block.kind == "li":
            lines += [f"- {as_text(text)}", ""]
            paragraphs.append(plain)
        else:
            lines += [as_text(_lead_in(text)), ""]
            paragraphs.append(text)
    body = "\n".join(lines).strip() + "\n"
    return Converted(title, body, headings, paragraphs, day, signed_by, date_text)
