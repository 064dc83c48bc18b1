"""A sent workbook checked part by part before openpyxl reads it.

openpyxl keeps every cell of a sheet in memory, and it parses the parts with the standard
library. Each XML part of the archive is therefore first read within the bounds of
:mod:`zongjie.office_files`: part sizes, nesting, no DTD (so no entity tricks), and for the
sheets and the shared strings the number of rows and cells. Only a workbook that passes is
given to openpyxl.
"""

from __future__ import annotations

from pathlib import Path

from zongjie.office_files import open_checked, parse_part, read_part

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
COUNTED = {  # part name prefix → (row element, cell element)
    "xl/worksheets/": (f"{{{MAIN}}}row", f"{{{MAIN}}}c"),
    "xl/sharedStrings": ("", f"{{{MAIN}}}si"),
}


def check_workbook_parts(path: Path) -> None:
    """Raises :class:`zongjie.office_files.OfficeFileError` for a workbook past a limit."""
    with open_checked(path) as archive:
        for info in archive.infolist():
            name = info.filename
            if not name.endswith((".xml", ".rels", ".vml")):
                continue  # images and other media are never parsed
            row, cell = next((t for p, t in COUNTED.items() if name.startswith(p)), ("", ""))
            parse_part(read_part(archive, name), name, row, cell, keep=False)
