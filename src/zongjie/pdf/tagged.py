"""The structure tree (tags) of every PDF: tidied after WeasyPrint, and kept whole by binding.

WeasyPrint (``pdf/a-2a``) tags headings, paragraphs, lists, tables and figures, one branch per
page: a paragraph, table or section running onto the next page becomes two elements.
:func:`note_sources` has it record the HTML element each structure element comes from, and
:func:`tidy` then makes the tree what PDF/UA-1 asks for and what binding can carry:

* the pieces of one HTML element are joined again into one element (its content on later
  pages referenced by page); the header row a long table repeats on each page is a pagination
  artifact, not a second header;

* each header cell says what it heads (``/Scope``: a ``THead`` cell its column, any other its
  row). WeasyPrint's cell ids are numbers unique only inside one file, without the ``IDTree``
  they need, so they are dropped with the ``/Headers`` lists that point at them;
* a ``Span`` that only wraps one run of text becomes that run (a marked-content id in its
  parent's kids): a third of the objects, nothing lost to a reader;
* text WeasyPrint marked but left out of the tree (the page numbers of page-margin boxes) is
  re-marked as a pagination artifact, so every mark on a page is either real content in the
  tree or an artifact.

:func:`merge` binds the trees of the pieces of a volume: the front matter's tree stays the
volume's ``Document``, and each piece's content becomes one ``Sect`` under it, titled like its
bookmark, in page order. Page content is never rewritten when binding (marked-content ids are
per page), so only the tree's objects are copied, and :func:`index_parents` numbers the
``ParentTree`` (page ``/StructParents``, annotation ``/StructParent``) afresh for the whole file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pikepdf

if TYPE_CHECKING:
    from collections.abc import Sequence

ELEMENT = pikepdf.Name.StructElem
PAGINATION = b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
"""How page numbers (and anything else repeated on every page) are marked: an artifact."""
_PLAIN_SPAN = {"/Type", "/S", "/K", "/P", "/Pg", "/ZjSrc"}


@dataclass(frozen=True)
class Section:
    """Pages of a volume that came from one source PDF: its tree becomes a ``Sect``."""

    title: str
    pdf: pikepdf.Pdf
    first: int  # index of its first page in the volume


SOURCE = "/ZjSrc"
"""Key of a structure element: the HTML element (and pseudo-element) it was made from."""


_sources: dict[int, int] = {}
"""HTML elements of the document being tagged, numbered as the tagger meets them."""


def note_sources() -> None:
    """Have WeasyPrint's tagger (70.x) mark every structure element with :data:`SOURCE`, so
    :func:`tidy` can join what a page break split. Call it before laying out each document:
    the numbering starts afresh, so the same document always gets the same keys (WeasyPrint's
    file identifier hashes them). The keys never reach a published file."""
    import pydyf
    from weasyprint.pdf import tags

    _sources.clear()
    if getattr(tags, "_zongjie_sources", False):
        return
    build = tags._build_box_tree

    def marked(box: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        for element in build(box, *args, **kwargs):
            source = getattr(box, "element", None)
            if SOURCE[1:] not in element and source is not None:
                number = _sources.setdefault(id(source), len(_sources))
                element[SOURCE[1:]] = pydyf.String(f"{number}:{box.element_tag}")
            yield element

    tags._build_box_tree = marked
    tags._zongjie_sources = True


def tidy(pdf: pikepdf.Pdf) -> None:
    """Make WeasyPrint's tree fit for PDF/UA and for binding (see the module docstring)."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    _join_fragments(root)
    for element in _elements(root):
        if SOURCE in element:
            del element[SOURCE]
        kind = element.get("/S")
        if kind == "/TH":
            _scope(element)
        elif kind == "/TD":
            attributes = element.get("/A")
            if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
                del attributes["/Headers"]
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Array) and kind != "/Span":
            element.K = pikepdf.Array([_unwrapped(kid) for kid in kids])
    orphans = _orphans(pdf, root)
    for page_index, mcids in orphans.items():
        _mark_as_artifacts(pdf, pdf.pages[page_index], mcids)
    index_parents(pdf)


def merge(volume: pikepdf.Pdf, sections: Sequence[Section]) -> None:
    """One tree for a bound volume: the front matter's, then a ``Sect`` per piece.

    Each piece's ``Document`` is copied whole and becomes its ``Sect``; its ``ParentTree`` rows
    are copied with it (the copies point at the copied elements), so the volume's is made
    without walking any tree: page ``i`` keeps its marks under key ``i``, and annotations are
    numbered after the last page."""
    root = volume.Root.get("/StructTreeRoot")
    if root is None:
        return
    document = root.K[0]
    kids = pikepdf.Array(list(document.K))
    rows: dict[int, Any] = {}
    annotations: list[tuple[Any, Any]] = []
    front = sections[0].first if sections else len(volume.pages)
    _collect_parents(volume, root, range(front), rows, annotations)
    for piece in sections:
        source_root = piece.pdf.Root.get("/StructTreeRoot")
        if source_root is None:
            continue
        top = source_root.K[0] if isinstance(source_root.K, pikepdf.Array) else source_root.K
        if "/P" in top:
            del top["/P"]  # cut the way back to the source's root: only the content is copied
        section = volume.copy_foreign(top)
        section.S = pikepdf.Name.Sect
        section.T = pikepdf.String(piece.title)
        section.P = document
        section.Pg = volume.pages[piece.first].obj
        kids.append(section)
        pages = range(piece.first, piece.first + len(piece.pdf.pages))
        _collect_parents(piece.pdf, source_root, pages, rows, annotations, volume)
    document.K = kids
    _write_parents(volume, root, rows, annotations)


def _collect_parents(
    source: pikepdf.Pdf,
    root: Any,
    pages: range,
    rows: dict[int, Any],
    annotations: list[tuple[Any, Any]],
    into: pikepdf.Pdf | None = None,
) -> None:
    """The ``ParentTree`` entries of ``source``'s pages, as those pages' entries in the volume
    (``pages``: their indexes there), copied into ``into`` unless it is the volume itself."""
    tree = root.get("/ParentTree")
    nums = tree.get("/Nums", []) if tree is not None else []
    entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}

    def copied(value: Any) -> Any:
        return into.copy_foreign(value) if into is not None else value

    for index, page in zip(pages, source.pages, strict=False):
        key = page.obj.get("/StructParents")
        if key is not None and int(key) in entries:
            rows[index] = copied(entries[int(key)])
        for annotation in page.obj.get("/Annots", []):
            key = annotation.get("/StructParent")
            if key is not None and int(key) in entries:
                annotations.append((copied(annotation).objgen, copied(entries[int(key)])))


def _write_parents(
    pdf: pikepdf.Pdf, root: Any, rows: dict[int, Any], annotations: list[tuple[Any, Any]]
) -> None:
    nums: list[Any] = []
    for index, page in enumerate(pdf.pages):
        if index in rows:
            page.obj.StructParents = index
            nums += [index, rows[index]]
        elif "/StructParents" in page.obj:
            del page.obj["/StructParents"]
    key = len(pdf.pages)
    by_objgen = {
        annotation.objgen: annotation
        for page in pdf.pages
        for annotation in page.obj.get("/Annots", [])
    }
    for objgen, element in annotations:
        annotation = by_objgen.get(objgen)
        if annotation is None:
            continue
        annotation.StructParent = key
        nums += [key, element]
        key += 1
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
    root.ParentTreeNextKey = key


def index_parents(pdf: pikepdf.Pdf) -> None:
    """The ``ParentTree`` of the whole tree: for every page, the element that owns each of its
    marked-content ids; for every annotation in the tree, its element."""
    root = pdf.Root.StructTreeRoot
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    owners: dict[int, dict[int, Any]] = {}
    annotations: list[tuple[Any, Any]] = []
    for element, page in _owners(root):
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int) and page is not None:
                owners.setdefault(pages[page.objgen], {})[int(kid)] = element
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                where = kid.get("/Pg", page)
                owners.setdefault(pages[where.objgen], {})[int(kid.MCID)] = element
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                annotations.append((kid.Obj, element))
    nums: list[Any] = []
    for index, page in enumerate(pdf.pages):
        mcids = owners.get(index)
        if not mcids:
            if "/StructParents" in page.obj:
                del page.obj["/StructParents"]
            continue
        page.obj.StructParents = index
        row = [mcids.get(m) for m in range(max(mcids) + 1)]
        nums += [index, pdf.make_indirect(pikepdf.Array(row))]
    key = len(pdf.pages)
    for annotation, element in annotations:
        annotation.StructParent = key
        nums += [key, element]
        key += 1
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
    root.ParentTreeNextKey = key


def _elements(root: Any) -> Iterator[Any]:
    """Every structure element under ``root``, depth first in reading order."""
    for element, _ in _owners(root):
        yield element


def _owners(root: Any) -> Iterator[tuple[Any, Any]]:
    """Every structure element with the page its marked content is on (``/Pg``, inherited)."""
    stack: list[tuple[Any, Any]] = [(kid, None) for kid in reversed(_kids(root))]
    while stack:
        element, page = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") in (
            "/MCR",
            "/OBJR",
        ):
            continue
        page = element.get("/Pg", page)
        yield element, page
        stack.extend((kid, page) for kid in reversed(_kids(element)))


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _join_fragments(parent: Any) -> None:
    """Join consecutive kids of ``parent`` made from the same HTML element (one per page it runs
    over), drop a table's repeated header rows, and do the same inside every kid."""
    kids = parent.get("/K")
    if not isinstance(kids, pikepdf.Array):
        return
    out: list[Any] = []
    heads: set[str] = set()
    for kid in kids:
        key = str(kid.get(SOURCE, "")) if isinstance(kid, pikepdf.Dictionary) else ""
        last = out[-1] if out else None
        if key and isinstance(last, pikepdf.Dictionary) and str(last.get(SOURCE, "")) == key:
            _append(last, kid)
            continue
        if key and kid.get("/S") == "/THead":
            if key in heads:
                continue  # repeated on a later page: its marks become artifacts (_orphans)
            heads.add(key)
        out.append(kid)
    parent.K = pikepdf.Array(out)
    for kid in out:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
            _join_fragments(kid)


def _append(element: Any, fragment: Any) -> None:
    """Move the kids of ``fragment`` (the same element on a later page) to ``element``."""
    page = fragment.get("/Pg")
    moved: list[Any] = []
    for kid in _kids(fragment):
        if isinstance(kid, int) and page is not None:
            kid = pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page, MCID=kid)
        elif isinstance(kid, pikepdf.Dictionary) and "/P" in kid:
            kid.P = element
            if "/Pg" not in kid and page is not None:
                kid.Pg = page
        moved.append(kid)
    element.K = pikepdf.Array([*_kids(element), *moved])


def _scope(cell: Any) -> None:
    row = cell.get("/P")
    group = row.get("/P") if isinstance(row, pikepdf.Dictionary) else None
    in_head = isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/THead"
    attributes = cell.get("/A")
    if not isinstance(attributes, pikepdf.Dictionary):
        attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
        cell.A = attributes
    attributes.Scope = pikepdf.Name.Column if in_head else pikepdf.Name.Row
    if "/ID" in cell:
        del cell["/ID"]


def _unwrapped(kid: Any) -> Any:
    """A plain ``Span`` around one marked-content id: that id (a reference to it with its page
    if the parent starts on another page)."""
    if not (
        isinstance(kid, pikepdf.Dictionary)
        and kid.get("/S") == "/Span"
        and set(kid.keys()) <= _PLAIN_SPAN
        and "/Pg" in kid
    ):
        return kid
    inner: object = kid.get("/K")
    if isinstance(inner, pikepdf.Array) and len(inner) == 1:
        inner = inner[0]
    if not isinstance(inner, int):
        return kid
    parent = kid.get("/P")
    if (
        isinstance(parent, pikepdf.Dictionary)
        and "/Pg" in parent
        and parent.Pg.objgen == kid.Pg.objgen
    ):
        return inner
    return pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=kid.Pg, MCID=inner)


def _orphans(pdf: pikepdf.Pdf, root: Any) -> dict[int, set[int]]:
    """Marked-content ids the ``ParentTree`` knows but no element of the tree owns, by page."""
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    owned: dict[int, set[int]] = {}
    for element, page in _owners(root):
        for kid in _kids(element):
            if isinstance(kid, int) and page is not None:
                owned.setdefault(pages[page.objgen], set()).add(int(kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                where = kid.get("/Pg", page)
                owned.setdefault(pages[where.objgen], set()).add(int(kid.MCID))
    listed: dict[int, set[int]] = {}
    tree = root.get("/ParentTree")
    nums = tree.get("/Nums", []) if tree is not None else []
    keys = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
    for index, page in enumerate(pdf.pages):
        key = page.obj.get("/StructParents")
        row = keys.get(int(key)) if key is not None else None
        if isinstance(row, pikepdf.Array):
            listed[index] = set(range(len(row)))
    return {
        i: mcids - owned.get(i, set()) for i, mcids in listed.items() if mcids - owned.get(i, set())
    }


def _mark_as_artifacts(pdf: pikepdf.Pdf, page: Any, mcids: set[int]) -> None:
    """Re-mark the marked content ``mcids`` of ``page`` as pagination artifacts."""
    out: list[tuple[list[Any], Any]] = []
    for instruction in pikepdf.parse_content_stream(page):
        operands, operator = list(instruction.operands), instruction.operator
        if str(operator) == "BDC" and len(operands) == 2:
            properties = operands[1]
            mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
            if mcid is not None and int(mcid) in mcids:
                operands = [
                    pikepdf.Name.Artifact,
                    pikepdf.Dictionary(Type=pikepdf.Name.Pagination),
                ]
        out.append((operands, operator))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
