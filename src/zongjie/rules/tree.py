"""The rules the organisation tree obeys, at the lines of ``units.yml``.

The tree itself is built tolerantly (:mod:`zongjie.data.tree`); these findings say what it had
to work around: a parent that is no entry, the entry itself, or a loop (errors), and a parent
written as a name (warnings, so ``--strict`` asks for the id).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from zongjie.data.content import Content
from zongjie.data.tree import IMPLIED_PREFIX, ParentProblem, implied_id
from zongjie.errors import Severity
from zongjie.layout import ORG_PAGES
from zongjie.rules.findings import Finding, finding

ISSUE_CODES = {
    "self": "parent-is-itself",
    "unknown": "parent-unknown",
    "cycle": "parent-loop",
    "by-name": "parent-by-name",
    "ambiguous": "parent-ambiguous",
    "free-text": "parent-not-registered",
}


def tree_findings(content: Content) -> Iterator[Finding]:
    index = _index(content)
    for problem in content.tree.problems:
        yield _parent_finding(problem, index)
    for uid, i in index.items():
        if uid == ORG_PAGES or uid.startswith(IMPLIED_PREFIX):
            yield finding("reserved-unit-id", ("units", i, "id"), unit=uid, folder=ORG_PAGES)
    yield from _same_names(content, index)


def _same_names(content: Content, index: dict[str, int]) -> Iterator[Finding]:
    """Two entries under one parent with one name: readers would see two rows they cannot
    tell apart, and whoever copied an entry to start a new one forgot to rename it. Names
    and short names are one pool, since tables show one and charts the other. Under
    different parents a name may repeat (every bureau has its 机关党支部)."""
    seen: dict[tuple[str | None, str], tuple[str, str]] = {}
    for uid, row in index.items():
        node = content.tree.nodes.get(uid)
        if node is None:
            continue
        for field, name in (("name", node.name), ("short_name", node.short_name)):
            first, first_field = seen.setdefault((node.parent, _comparable(name)), (uid, field))
            if first != uid:
                yield finding(
                    "unit-name-twice", ("units", row, field),
                    unit=uid, first=first, name=name, field=field, first_field=first_field,
                )  # fmt: skip
                break


def _comparable(name: str) -> str:
    """What a reader tells names apart by: not width, case, spaces or punctuation (the
    middle dots ·・, brackets and dashes differ by font more than by eye)."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(c for c in folded if unicodedata.category(c)[0] not in "PZ")


def _parent_finding(problem: ParentProblem, index: dict[str, int]) -> Finding:
    code = ISSUE_CODES[problem.issue]
    loc = ("units", index.get(problem.unit, 0), "parent")
    severity: Severity = "warning" if problem.issue in ("by-name", "free-text") else "error"
    return finding(
        code,
        loc,
        severity,
        unit=problem.unit,
        parent=problem.parent,
        matches="、".join(problem.matches),
        implied=implied_id(problem.parent),
    )


def _index(content: Content) -> dict[str, int]:
    """Each unit's position in the ``units:`` list of the file."""
    doc = content.units_doc
    rows = doc.data.get("units") if doc is not None and isinstance(doc.data, dict) else None
    if not isinstance(rows, list):
        return {}
    return {
        row["id"]: i
        for i, row in enumerate(rows)
        if isinstance(row, dict) and isinstance(row.get("id"), str)
    }
