"""Reading a PDF's structure tree as a screen reader would: roles, titles, Alt, and the text each
element marks on its pages (content streams decoded through the fonts' ToUnicode maps)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

from zongjie.pdf import cidfont


@dataclass
class Node:
    role: str
    title: str = ""
    alt: str = ""
    scope: str = ""
    kids: list[Node] = field(default_factory=list)
    marks: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID), in order

    def walk(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def find(self, *roles: str) -> list[Node]:
        return [n for n in self.walk() if n.role in roles]

    def all_marks(self) -> list[tuple[int, int]]:
        return [mark for node in self.walk() for mark in node.marks]


@dataclass
class Tagged:
    root: Node
    text: dict[tuple[int, int], str]  # (page index, MCID) → the text it shows
    artifacts: list[str]  # text drawn inside /Artifact sequences, page by page

    def text_of(self, node: Node) -> str:
        return "".join(self.text.get(mark, "") for mark in node.all_marks())


def read(pdf: pikepdf.Pdf) -> Tagged:
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    tree = pdf.Root.StructTreeRoot

    def node(element: pikepdf.Dictionary, page: int | None) -> Node:
        if "/Pg" in element:
            page = pages[element.Pg.objgen]
        attributes = element.get("/A")
        scope = ""
        if isinstance(attributes, pikepdf.Dictionary) and "/Scope" in attributes:
            scope = str(attributes.Scope)[1:]
        result = Node(
            str(element.S)[1:],
            str(element.get("/T", "")),
            str(element.get("/Alt", "")),
            scope,
        )
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int):
                assert page is not None
                result.marks.append((page, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                result.marks.append((pages[kid.Pg.objgen] if "/Pg" in kid else page, int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
                result.kids.append(node(kid, page))
        return result

    root = Node("StructTreeRoot")
    for kid in tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]:
        root.kids.append(node(kid, None))
    text: dict[tuple[int, int], str] = {}
    artifacts: list[str] = []
    for index, page in enumerate(pdf.pages):
        page_text, page_artifacts = _marked_text(page)
        text.update({(index, mcid): value for mcid, value in page_text.items()})
        artifacts.append(page_artifacts)
    return Tagged(root, text, artifacts)


def _marked_text(page: pikepdf.Page) -> tuple[dict[int, str], str]:
    """The text of each marked-content id of ``page``, and the text inside artifacts."""
    fonts = page.obj.Resources.get("/Font", {})
    maps: dict[str, dict[int, str]] = {}
    for name, font in fonts.items():
        unicode = font.get("/ToUnicode")
        entries = cidfont.to_unicode(unicode.read_bytes()) if unicode is not None else {}
        maps[name] = {
            gid: bytes.fromhex(hex_text.decode()).decode("utf-16-be")
            for gid, hex_text in entries.items()
        }
    stack: list[int | None] = []  # the MCID of each open sequence (None: an artifact or no id)
    artifact_depth = 0
    current: dict[int, str] = {}
    artifacts: list[str] = []
    font: dict[int, str] = {}
    for instruction in pikepdf.parse_content_stream(page):
        op = str(instruction.operator)
        operands = instruction.operands
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            props = operands[1] if op == "BDC" else None
            mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
            stack.append(int(mcid) if mcid is not None else None)
            artifact_depth += tag == "/Artifact"
            if tag == "/Artifact":
                stack[-1] = -1
        elif op == "EMC" and stack:
            if stack.pop() == -1:
                artifact_depth -= 1
        elif op == "Tf":
            font = maps.get(str(operands[0]), {})
        elif op in ("Tj", "TJ", "'", '"'):
            strings = (
                [bytes(s) for s in operands[0] if isinstance(s, pikepdf.String)]
                if op == "TJ"
                else [bytes(operands[-1])]
            )
            shown = "".join(
                font.get((data[i] << 8) | data[i + 1], "")
                for data in strings
                for i in range(0, len(data) - 1, 2)
            )
            if artifact_depth:
                artifacts.append(shown)
                continue
            owner = next((m for m in reversed(stack) if m is not None and m >= 0), None)
            assert owner is not None, f"text outside any marked content: {shown!r}"
            current[owner] = current.get(owner, "") + shown
    return current, "".join(artifacts)
