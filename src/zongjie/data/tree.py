"""The organisation tree: 省 → 市 → 县区 → 单位, as ``units.yml`` describes it.

Every entry of the unit catalogue is a node; its ``parent`` names the node above it by id. The
tree is built tolerantly, so one wrong parent never hides the rest of the site: an entry whose
parent cannot be followed (unknown, itself, a loop) hangs under the top, and the rules layer
(:mod:`zongjie.rules.tree`) reports why at its line. A parent written as free text (a name
instead of an id, as catalogues were written before the tree) becomes an organisation of that
name, with a warning that says how to register it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from zongjie.data.models import ID_PATTERN, Unit, UnitCatalogue

ROOT = ""
"""The id of the top of the tree (whose view is each campaign's page)."""
IMPLIED_PREFIX = "zuzhi-"
"""Ids of organisations implied by a free-text parent: ``zuzhi-`` and a hash of the name."""
_ID = re.compile(ID_PATTERN)

ParentIssue = Literal["self", "unknown", "cycle", "by-name", "ambiguous", "free-text"]


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    short_name: str
    parent: str | None
    """``None`` for the top only."""
    depth: int
    """0 for the top, 1 right under it."""
    reports: bool
    """Files a report of its own."""
    registered: bool = True
    """False for an organisation implied by a free-text parent."""


@dataclass(frozen=True)
class ParentProblem:
    unit: str
    issue: ParentIssue
    parent: str
    """What the entry's ``parent`` says."""
    matches: tuple[str, ...] = ()
    """For a parent written by name: the ids of the entries with that name."""


@dataclass
class OrgTree:
    nodes: dict[str, Node] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    """Ids below each node, in id order."""
    levels: tuple[str, ...] = ()
    problems: list[ParentProblem] = field(default_factory=list)
    _subtrees: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    @property
    def root(self) -> Node:
        return self.nodes[ROOT]

    def chain(self, node_id: str) -> list[Node]:
        """The node's ancestors from the top down, the node itself last."""
        out: list[Node] = []
        current: str | None = node_id
        while current is not None:
            node = self.nodes[current]
            out.append(node)
            current = node.parent
        return out[::-1]

    def below(self, node_id: str) -> Iterator[Node]:
        """Every node under ``node_id`` (not itself), depth first, in id order."""
        for child in self.children.get(node_id, []):
            yield self.nodes[child]
            yield from self.below(child)

    def subtree(self, node_id: str) -> frozenset[str]:
        """``node_id`` and the ids of every node under it (worked out once per node)."""
        found = self._subtrees.get(node_id)
        if found is None:
            found = frozenset(
                {node_id}.union(*(self.subtree(c) for c in self.children.get(node_id, [])))
            )
            self._subtrees[node_id] = found
        return found

    def in_order(self) -> list[str]:
        """Every node below the top, depth first in id order: the order of the volumes."""
        return [n.id for n in self.below(ROOT)]

    def level_name(self, depth: int) -> str:
        """The name of a level below the top (1 = right under it), e.g. 县区; 下级 without one."""
        return self.levels[depth - 1] if 0 < depth <= len(self.levels) else "下级"

    def is_org(self, node_id: str) -> bool:
        """Has nodes under it (the top is one)."""
        return bool(self.children.get(node_id)) or node_id == ROOT


def build_tree(catalogue: UnitCatalogue | None, units: Iterable[Unit]) -> OrgTree:
    entries = {u.id: u for u in units}
    root = catalogue.root if catalogue else None
    tree = OrgTree(levels=tuple(catalogue.levels) if catalogue else ())
    parents: dict[str, str] = {}
    implied: dict[str, str] = {}  # free-text name → implied id
    names: dict[str, list[str]] = {}
    for unit in entries.values():
        for name in {unit.name, unit.short_name}:
            names.setdefault(name, []).append(unit.id)
    for unit in entries.values():
        parent = _parent_of(unit, entries, names, implied, tree.problems)
        if parent != ROOT:
            parents[unit.id] = parent
    for uid in _in_cycles(parents):
        tree.problems.append(ParentProblem(uid, "cycle", entries[uid].parent or ""))
        parents[uid] = ROOT
    tree.nodes[ROOT] = Node(
        ROOT,
        root.name if root else "全部单位",
        (root.short_name or root.name) if root else "全部单位",
        None,
        0,
        reports=False,
    )
    for name, oid in implied.items():
        parents[oid] = ROOT
        tree.nodes[oid] = Node(oid, name, name, ROOT, 1, reports=False, registered=False)
    order = sorted(entries)
    for uid in order:
        tree.children.setdefault(parents.get(uid, ROOT), []).append(uid)
    for oid in sorted(implied.values()):
        tree.children.setdefault(ROOT, []).append(oid)
    for kids in tree.children.values():
        kids.sort()
    _place(tree, ROOT, 0, entries)
    return tree


def implied_id(name: str) -> str:
    """A stable id for the organisation a free-text parent names."""
    return IMPLIED_PREFIX + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


def _parent_of(
    unit: Unit,
    entries: dict[str, Unit],
    names: dict[str, list[str]],
    implied: dict[str, str],
    problems: list[ParentProblem],
) -> str:
    written = unit.parent
    if written is None:
        return ROOT
    if written == unit.id:
        problems.append(ParentProblem(unit.id, "self", written))
        return ROOT
    if written in entries:
        return written
    if _ID.match(written):
        problems.append(ParentProblem(unit.id, "unknown", written))
        return ROOT
    named = sorted(i for i in names.get(written, []) if i != unit.id)
    if len(named) == 1:
        problems.append(ParentProblem(unit.id, "by-name", written, tuple(named)))
        return named[0]
    if len(named) > 1:
        problems.append(ParentProblem(unit.id, "ambiguous", written, tuple(named)))
        return ROOT
    problems.append(ParentProblem(unit.id, "free-text", written))
    return implied.setdefault(written, implied_id(written))


def _in_cycles(parents: dict[str, str]) -> list[str]:
    """Entries whose chain of parents comes back to itself, in id order."""
    looped: set[str] = set()
    for start in parents:
        seen: list[str] = []
        current = start
        while current in parents and current not in seen:
            seen.append(current)
            current = parents[current]
        if current in seen:
            looped |= set(seen[seen.index(current) :])
    return sorted(looped)


def _place(tree: OrgTree, node_id: str, depth: int, entries: dict[str, Unit]) -> None:
    for child in tree.children.get(node_id, []):
        unit = entries.get(child)
        if unit is not None:
            tree.nodes[child] = Node(
                unit.id, unit.name, unit.short_name, node_id, depth + 1, unit.reports
            )
        else:  # implied organisations are made with their depth already
            node = tree.nodes[child]
            tree.nodes[child] = Node(
                node.id, node.name, node.short_name, node_id, depth + 1, False, False
            )
        _place(tree, child, depth + 1, entries)
