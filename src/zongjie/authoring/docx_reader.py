"""Read a .docx as Word shows it: styles, automatic numbering, direct formatting, merged cells.

The document's XML is read within the bounds of :mod:`zongjie.office_files` (part sizes, depth,
table rows and cells; no entities, DTD or network). Each paragraph
becomes a :class:`Block` whose text starts with its list label (一、 …) when Word numbers it;
its kind comes from the heading style or outline level; bold runs become ``**…**``.
Table cells merged across rows repeat the merged text in every row, so each row of a
问题清单 carries its 问题来源.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from zongjie.authoring.blocks import SPACES, Block, Source
from zongjie.authoring.word_numbering import BULLET, Level, Numbering
from zongjie.office_files import open_checked, parse_part, read_part

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _val(element: etree._Element | None, default: str = "") -> str:
    if element is None:
        return default
    return str(element.get(_w("val"), default))


@dataclass
class _Style:
    name: str = ""
    based_on: str = ""
    outline: int | None = None
    num_id: str = ""
    ilvl: int = 0
    bold: bool = False


class DocxReader:
    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.styles = self._styles()
        self.numbering = self._numbering()
        self.images = 0

    def _xml(self, name: str) -> etree._Element | None:
        try:
            data = read_part(self.archive, name)
        except KeyError:
            return None
        return parse_part(data, name, row_tag=_w("tr"), cell_tag=_w("tc"))

    def _styles(self) -> dict[str, _Style]:
        root = self._xml("word/styles.xml")
        styles: dict[str, _Style] = {}
        if root is None:
            return styles
        for el in root.iterfind("w:style", NS):
            style = _Style(
                name=_val(el.find("w:name", NS)),
                based_on=_val(el.find("w:basedOn", NS)),
            )
            outline = el.find("w:pPr/w:outlineLvl", NS)
            if outline is not None and _val(outline).isdigit():
                style.outline = int(_val(outline))
            num = el.find("w:pPr/w:numPr", NS)
            if num is not None:
                style.num_id = _val(num.find("w:numId", NS))
                style.ilvl = int(_val(num.find("w:ilvl", NS), "0") or 0)
            bold = el.find("w:rPr/w:b", NS)
            style.bold = bold is not None and _val(bold, "true") not in ("0", "false")
            styles[str(el.get(_w("styleId"), ""))] = style
        return styles

    def _numbering(self) -> Numbering:
        root = self._xml("word/numbering.xml")
        numbering = Numbering()
        if root is None:
            return numbering
        abstract: dict[str, dict[int, Level]] = {}
        for el in root.iterfind("w:abstractNum", NS):
            levels: dict[int, Level] = {}
            for lvl in el.iterfind("w:lvl", NS):
                start = _val(lvl.find("w:start", NS), "1")
                levels[int(lvl.get(_w("ilvl"), "0"))] = Level(
                    fmt=_val(lvl.find("w:numFmt", NS), "decimal"),
                    text=_val(lvl.find("w:lvlText", NS)),
                    start=int(start) if start.isdigit() else 1,
                )
            abstract[str(el.get(_w("abstractNumId"), ""))] = levels
        for el in root.iterfind("w:num", NS):
            levels = dict(abstract.get(_val(el.find("w:abstractNumId", NS)), {}))
            for override in el.iterfind("w:lvlOverride", NS):
                restart = _val(override.find("w:startOverride", NS))
                ilvl = int(override.get(_w("ilvl"), "0"))
                if ilvl in levels and restart.isdigit():
                    base = levels[ilvl]
                    levels[ilvl] = Level(base.fmt, base.text, int(restart))
            numbering.levels[str(el.get(_w("numId"), ""))] = levels
        return numbering

    def _style_chain(self, style_id: str) -> list[_Style]:
        chain: list[_Style] = []
        while style_id and style_id in self.styles and len(chain) < 20:
            chain.append(self.styles[style_id])
            style_id = self.styles[style_id].based_on
        return chain

    # -- document ---------------------------------------------------------------

    def read(self) -> list[Block]:
        root = self._xml("word/document.xml")
        body = root.find("w:body", NS) if root is not None else None
        if body is None:
            return []
        return list(self._blocks(body))

    def _blocks(self, parent: etree._Element) -> list[Block]:
        out: list[Block] = []
        for el in parent:
            if el.tag == _w("p"):
                block = self._paragraph(el)
                if block is not None:
                    out.append(block)
            elif el.tag == _w("tbl"):
                rows = self._table(el)
                if any(any(cell for cell in row) for row in rows):
                    out.append(Block("table", rows=rows))
            elif el.tag in (_w("sdt"), _w("customXml")):
                content = el.find("w:sdtContent", NS) if el.tag == _w("sdt") else el
                if content is not None:
                    out += self._blocks(content)
        return out

    def _paragraph(self, p: etree._Element) -> Block | None:
        ppr = p.find("w:pPr", NS)
        style_id = _val(ppr.find("w:pStyle", NS)) if ppr is not None else ""
        chain = self._style_chain(style_id)
        text = self._runs(p, style_bold=any(s.bold for s in chain))
        label = self._label(ppr, chain)
        plain = text.replace("**", "").strip(SPACES)
        if not plain:
            return None
        kind = "p"
        level = self._heading_level(ppr, chain)
        if level is not None:
            kind = f"h{min(level + 1, 6)}"
        elif label == BULLET:
            kind, label = "li", ""
        align = _val(ppr.find("w:jc", NS)) if ppr is not None else ""
        return Block(kind, (label + text).strip(SPACES), align=align, size=self._size(p))

    def _heading_level(self, ppr: etree._Element | None, chain: list[_Style]) -> int | None:
        outline = ppr.find("w:outlineLvl", NS) if ppr is not None else None
        if outline is not None and _val(outline).isdigit() and int(_val(outline)) < 9:
            return int(_val(outline))
        for style in chain:
            if m := HEADING_NAME.match(style.name):
                return int(m[1]) - 1
            if style.outline is not None and style.outline < 9:
                return style.outline
        return None

    def _label(self, ppr: etree._Element | None, chain: list[_Style]) -> str:
        num = ppr.find("w:numPr", NS) if ppr is not None else None
        num_id, ilvl = "", 0
        if num is not None:
            num_id = _val(num.find("w:numId", NS))
            ilvl = int(_val(num.find("w:ilvl", NS), "0") or 0)
        else:
            for style in chain:
                if style.num_id:
                    num_id, ilvl = style.num_id, style.ilvl
                    break
        if not num_id or num_id == "0":
            return ""
        return self.numbering.label(num_id, ilvl)

    def _runs(self, p: etree._Element, style_bold: bool) -> str:
        parts: list[str] = []
        for run in p.iter(_w("r")):
            if any(a.tag in (_w("del"), _w("delText")) for a in run.iterancestors()):
                continue
            rpr = run.find("w:rPr", NS)
            b = rpr.find("w:b", NS) if rpr is not None else None
            bold = style_bold if b is None else _val(b, "true") not in ("0", "false")
            text = ""
            for child in run:
                if child.tag == _w("t"):
                    text += child.text or ""
                elif child.tag in (_w("tab"), _w("br"), _w("cr")):
                    text += " "
                elif child.tag in (_w("drawing"), _w("pict"), _w("object")):
                    self.images += 1
            if text:
                parts.append(f"**{text}**" if bold and text.strip(SPACES) else text)
        return "".join(parts).replace("****", "")

    def _size(self, p: etree._Element) -> float:
        sizes = [int(_val(sz)) / 2 for sz in p.iterfind("w:r/w:rPr/w:sz", NS) if _val(sz).isdigit()]
        return max(sizes, default=0.0)

    def _table(self, tbl: etree._Element) -> list[list[str]]:
        rows: list[list[str]] = []
        for tr in tbl.iterfind("w:tr", NS):
            row: list[str] = []
            for tc in tr.iterfind("w:tc", NS):
                tcpr = tc.find("w:tcPr", NS)
                span = _val(tcpr.find("w:gridSpan", NS), "1") if tcpr is not None else "1"
                merge = tcpr.find("w:vMerge", NS) if tcpr is not None else None
                text = " ".join(b.plain for b in self._blocks(tc) if b.kind != "table").strip(
                    SPACES
                )
                col = len(row)
                if merge is not None and _val(merge) != "restart" and rows:
                    above = rows[-1]
                    text = above[col] if col < len(above) else text
                row += [text] * (int(span) if span.isdigit() and int(span) > 0 else 1)
            rows.append(row)
        return rows


def read_docx(path: Path) -> Source:
    """The blocks of a .docx; :class:`zongjie.office_files.OfficeFileError` past a limit."""
    with open_checked(path) as archive:
        reader = DocxReader(archive)
        blocks = reader.read()
    warnings = [f"文档中的 {reader.images} 张图片未导入，请另行处理"] if reader.images else []
    return Source(blocks, warnings)
