"""The organisation tree as the search index carries it: one table of the nodes pages sit in.

Each page of a unit or an organisation (its reports, its page per campaign, its page across
campaigns) carries its place in the tree (:attr:`~.indexer.PageRecord.org_path`). The index
stores every node of those paths once, numbered from 1 in tree order, with the number of its
parent (0 for a node right under the top), and each page the number of its own node (0 for a
page of no organisation). The worker follows the parents to tell whether a page lies in or
below the organisation a reader picked, so a page's whole path costs one number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zongjie.search.indexer import PageRecord


@dataclass(frozen=True)
class OrgNode:
    id: str
    name: str
    parent: int
    """The parent's number; 0 right under the top."""
    depth: int
    """1 right under the top."""


@dataclass
class OrgTable:
    nodes: list[OrgNode] = field(default_factory=list)
    """Node ``n`` (from 1) is ``nodes[n - 1]``; parents come before their children."""
    page_node: list[int] = field(default_factory=list)
    """Each page's own node; 0 for a page of no organisation."""

    @property
    def groups(self) -> list[int]:
        """The numbers of the nodes with another node under them: the organisations a reader
        can pick."""
        return sorted({n.parent for n in self.nodes if n.parent})


def org_table(pages: list[PageRecord]) -> OrgTable:
    paths: dict[tuple[str, ...], str] = {}
    for page in pages:
        ids = tuple(i for i, _ in page.org_path)
        for depth, (_, name) in enumerate(page.org_path, start=1):
            paths.setdefault(ids[:depth], name)
    table = OrgTable()
    number: dict[tuple[str, ...], int] = {}
    for path in sorted(paths):  # tree order: each node before what is under it, ids in order
        number[path] = len(table.nodes) + 1
        table.nodes.append(OrgNode(path[-1], paths[path], number.get(path[:-1], 0), len(path)))
    table.page_node = [
        number.get(tuple(i for i, _ in p.org_path), 0) if p.org_path else 0 for p in pages
    ]
    return table
