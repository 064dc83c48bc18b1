"""Write the import corpus's Word files from their sources (``benchmarks/import_corpus``).

A source is plain text with a tag per paragraph, so the Word features the importer must
handle are spelled out and reproducible:

- ``T:`` title (direct formatting only: centred, bold, 22 pt, no heading style)
- ``H1:``/``H2:`` Word's built-in heading styles
- ``N1:``/``N2:`` automatic numbering from numbering.xml (一、 and （一）, not in the text):
  ``N1`` takes it from a list-linked paragraph style, ``N2`` from the paragraph itself
- ``N3:`` a decimal list (1. 2. …) and ``B:`` a bullet list, also from numbering.xml
- ``R:`` right-aligned line (落款); ``P:`` or no tag: body text; ``**…**`` is a bold run
- ``|a|b|c`` table rows; a cell ``^`` merges with the cell above, ``<`` with the cell to its left

Run ``python -m tools.import_corpus``: .docx files are written with python-docx; a report named
in ``CONVERT`` is then saved by LibreOffice (``soffice --headless``) in that binary format.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "import_corpus"
# report stem → suffix of the file that units would send; unlisted sources become .docx
CONVERT = {"05-shi-fulian": "doc", "06-shi-zonggonghui": "wps"}
NUMBERING_ID = 90
DECIMAL_ID = 91
BULLET_ID = 92


def _numbering(document: docx.document.Document) -> int:
    """Add a two-level Chinese list (一、 / （一）) to numbering.xml and return its numId."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(NUMBERING_ID))
    for level, text in ((0, "%1、"), (1, "（%2）")):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (
            ("w:start", "1"),
            ("w:numFmt", "chineseCounting"),
            ("w:lvlText", text),
            ("w:suff", "nothing"),
        ):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(NUMBERING_ID))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(NUMBERING_ID))
    num.append(ref)
    numbering.append(num)
    return NUMBERING_ID


def _simple_list(document: docx.document.Document, num_id: int, fmt: str, text: str) -> None:
    """Add a one-level list (decimal or bullet) to numbering.xml under ``num_id``."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(num_id))
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        lvl.append(child)
    abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(num_id))
    num.append(ref)
    numbering.append(num)


def _num_pr(parent: object, num_id: int, level: int) -> None:
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), str(value))
        num_pr.append(child)
    parent.append(num_pr)  # type: ignore[attr-defined]


def _list_style(document: docx.document.Document, num_id: int) -> str:
    """A paragraph style linked to the list, as Word makes for numbered heading styles."""
    style = document.styles.add_style("一级标题编号", 1)
    style.base_style = document.styles["Normal"]
    style.font.bold = True
    style.font.name = "黑体"
    _num_pr(style.element.get_or_add_pPr(), num_id, 0)
    return style.name


def _runs(paragraph: object, text: str) -> None:
    for i, part in enumerate(re.split(r"\*\*", text)):
        if part:
            run = paragraph.add_run(part)  # type: ignore[attr-defined]
            run.bold = bool(i % 2) or None


def _table(document: docx.document.Document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text not in ("^", "<"):
                table.cell(r, c).text = text
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text == "^":
                top = r - 1
                while rows[top][c] == "^":
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))
            elif text == "<":
                left = c - 1
                while rows[r][left] == "<":
                    left -= 1
                table.cell(r, left).merge(table.cell(r, c))


def build_docx(source: Path, target: Path) -> None:
    document = docx.Document()
    num_id = _numbering(document)
    style = _list_style(document, num_id)
    lines = source.read_text(encoding="utf-8").splitlines()
    if any(line.startswith(("N3: ", "B: ")) for line in lines):
        _simple_list(document, DECIMAL_ID, "decimal", "%1.")
        _simple_list(document, BULLET_ID, "bullet", "\u2022")
    table: list[list[str]] = []
    for line in [*lines, ""]:
        if line.startswith("|"):
            table.append(line[1:].split("|"))
            continue
        if table:
            _table(document, table)
            table = []
        if not line.strip():
            continue
        tag, _, text = line.partition(": ")
        if tag not in ("T", "H1", "H2", "N1", "N2", "N3", "B", "R", "P"):
            tag, text = "P", line
        if tag in ("H1", "H2"):
            document.add_heading(text, level=int(tag[1]))
            continue
        paragraph = document.add_paragraph(style=style if tag == "N1" else None)
        if tag == "N2":
            _num_pr(paragraph._p.get_or_add_pPr(), num_id, 1)
        elif tag in ("N3", "B"):
            _num_pr(paragraph._p.get_or_add_pPr(), DECIMAL_ID if tag == "N3" else BULLET_ID, 0)
        _runs(paragraph, text)
        if tag == "T":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in paragraph.runs:
                run.bold = True
                run.font.size = Pt(22)
        elif tag == "R":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(target)


def convert(docx_path: Path, suffix: str, target: Path) -> None:
    """Save through LibreOffice's Word 97 filter (the one it also reads WPS Writer files with)."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "doc:MS Word 97", "--outdir", out, docx_path],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(Path(out) / (docx_path.stem + ".doc"), target.with_suffix("." + suffix))


def main(argv: list[str] | None = None) -> int:
    """Write every folder's reports, or only those of the folders named (e.g. ``voices``)."""
    names = argv if argv is not None else sys.argv[1:]
    folders = (
        [CORPUS / n for n in names]
        if names
        else [CORPUS, *(CORPUS / n for n in ("heldout", "voices", "blind2"))]
    )
    for folder in folders:
        for source in sorted((folder / "sources").glob("*.txt")):
            reports = folder / "reports"
            reports.mkdir(exist_ok=True)
            if not source.read_text(encoding="utf-8").startswith(("T:", "H1:", "N1:")):
                shutil.copy(source, reports / source.name)  # a plain-text report as sent
                continue
            target = reports / (source.stem + ".docx")
            build_docx(source, target)
            if source.stem in CONVERT:
                convert(target, CONVERT[source.stem], target)
                target.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
