"""The structure tree (tags) of every PDF: tidied after WeasyPrint, and kept whole by binding.

WeasyPrint (``pdf/a-2a``) tags headings, paragraphs, lists, tables and figures, one branch per
page. :func:`tidy` then makes the tree what PDF/UA-1 asks for and what binding can carry:

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
_PLAIN_SPAN = {"/Type", "/S", "/K", "/P", "/Pg"}


@dataclass(frozen=True)
class Section:
    """Pages of a volume that came from one source PDF: its tree becomes a ``Sect``."""

    title: str
    pdf: pikepdf.Pdf
    first: int  # index of its first page in the volume


def tidy(pdf: pikepdf.Pdf) -> None:
    """Make WeasyPrint's tree fit for PDF/UA and for binding (see the module docstring)."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    for element in _elements(root):
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
    """One tree for a bound volume: the front matter's, then a ``Sect`` per piece."""
    root = volume.Root.get("/StructTreeRoot")
    if root is None:
        return
    document = root.K[0]
    kids = pikepdf.Array(list(document.K))
    for piece in sections:
        source_root = piece.pdf.Root.get("/StructTreeRoot")
        if source_root is None:
            continue
        section = volume.make_indirect(
            pikepdf.Dictionary(
                Type=ELEMENT,
                S=pikepdf.Name.Sect,
                T=pikepdf.String(piece.title),
                P=document,
                Pg=volume.pages[piece.first].obj,
            )
        )
        copied = []
        for top in source_root.K:  # the source's Document
            # Cut the way back to the source's root, so only the content is copied.
            for kid in top.K:
                if isinstance(kid, pikepdf.Dictionary) and "/P" in kid:
                    del kid["/P"]
                new = volume.copy_foreign(kid)
                if isinstance(new, pikepdf.Dictionary):
                    new.P = section
                copied.append(new)
        section.K = pikepdf.Array(copied)
        kids.append(section)
    document.K = kids
    index_parents(volume)


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
    """A plain ``Span`` around one marked-content id on its parent's page: that id."""
    if (
        isinstance(kid, pikepdf.Dictionary)
        and kid.get("/S") == "/Span"
        and set(kid.keys()) <= _PLAIN_SPAN
    ):
        inner: object = kid.get("/K")
        if isinstance(inner, pikepdf.Array) and len(inner) == 1:
            inner = inner[0]
        parent = kid.get("/P")
        same_page = (
            isinstance(parent, pikepdf.Dictionary)
            and "/Pg" in parent
            and "/Pg" in kid
            and parent.Pg.objgen == kid.Pg.objgen
        )
        if isinstance(inner, int) and same_page:
            return inner
    return kid


def _orphans(pdf: pikepdf.Pdf, root: Any) -> dict[int, set[int]]:
    """Marked-content ids the ``ParentTree`` knows but no element of the tree owns, by page."""
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    owned: dict[int, set[int]] = {}
    for element, page in _owners(root):
        for kid in _kids(element):
            if isinstance(kid, int) and page is not None:
                owned.setdefault(pages[page.objgen], set()).add(int(kid))
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
