"""Reading a PDF's structure tree as a screen reader would: roles, titles, Alt, and the text each
element marks on its pages (content streams decoded through the fonts' ToUnicode maps)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pdfua import validate

from zongjie.pdf import cidfont

KNOWN_SKIP = {"UA-14-001": "is_integer"}
"""pdfua 0.1.3 cannot evaluate its empty-heading rule on a heading whose /K is an array (it asks a
pikepdf 10 array for an attribute, which raises ValueError); the heading checks of the tests
cover it: every heading of the web page has its text in the tree."""


@dataclass
class Node:
    role: str
    title: str = ""
    alt: str = ""
    scope: str = ""
    items: list[Node | tuple[int, int]] = field(default_factory=list)
    """Kid elements and marked content ((page index, MCID)), in the tree's order."""

    @property
    def kids(self) -> list[Node]:
        return [item for item in self.items if isinstance(item, Node)]

    @property
    def marks(self) -> list[tuple[int, int]]:
        return [item for item in self.items if isinstance(item, tuple)]

    def walk(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def find(self, *roles: str) -> list[Node]:
        return [n for n in self.walk() if n.role in roles]

    def all_marks(self) -> list[tuple[int, int]]:
        """Every mark under this element, in reading order."""
        out: list[tuple[int, int]] = []
        for item in self.items:
            out += item.all_marks() if isinstance(item, Node) else [item]
        return out


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
                result.items.append((page, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                where = pages[kid.Pg.objgen] if "/Pg" in kid else page
                assert where is not None
                result.items.append((where, int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
                result.items.append(node(kid, page))
        return result

    root = Node("StructTreeRoot")
    for kid in tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]:
        root.items.append(node(kid, None))
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


def pdfua_problems(path: Path) -> list[str]:
    """Every pdfua finding (any severity) and every rule it could not evaluate, unless known."""
    report = validate(str(path))
    problems = [
        f"{f.rule_id} {f.severity.name} {f.location.describe()}: {f.message}"
        for f in report.findings
    ]
    for outcome in report.skipped:
        cause = KNOWN_SKIP.get(outcome.rule_id)
        if cause is None or cause not in (outcome.skipped_reason or ""):
            problems.append(f"{outcome.rule_id} not evaluated: {outcome.skipped_reason}")
    return problems


def squash(text: str) -> str:
    """``text`` without white space or the zero-width spaces between a title's words."""
    return "".join(text.replace("\u200b", "").split())


def check_tables(tagged: Tagged, under: Node) -> int:
    """Every table is one element however many pages it runs over, with one header (the header
    row repeated on later pages is an artifact there), header cells that say what they head
    (column in the head, row in the body) and data cells. The number of tables."""
    tables = under.find("Table")
    for table in tables:
        assert table.find("TR") and table.find("TD") and table.find("TH")
        assert len(table.find("THead")) <= 1
        for group in table.kids:
            for cell in group.find("TH"):
                assert cell.scope == ("Column" if group.role == "THead" else "Row"), group.role
                assert squash(tagged.text_of(cell))
        pages = sorted({page for page, _ in table.all_marks()})
        heads = table.find("THead")
        for page in pages[1:] if heads else []:
            assert squash(tagged.text_of(heads[0])) in squash(tagged.artifacts[page])
    return len(tables)
