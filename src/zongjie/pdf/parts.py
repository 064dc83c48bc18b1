"""How a campaign's reports are bound: one volume, or parts (分册) plus an index volume.

Reports follow the organisation tree, depth first. A campaign of at most ``pdf.part_size``
reports is one volume, ``pdf/<campaign>.pdf``. A larger one is cut into parts of at most that
many reports, ``pdf/<campaign>/volumes/<campaign>-01.pdf`` …, and ``pdf/<campaign>.pdf`` becomes
the index volume listing every report with its part and page. A part never splits an
organisation unless that organisation alone has more reports than a part holds: then its own
organisations below are kept whole in turn. The cuts depend only on the tree and who reported,
so an edited report rebinds its own part only. Unit PDFs are ``pdf/<campaign>/<unit>.pdf``: the
``volumes`` folder can never clash with one of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from zongjie import layout as paths

T = TypeVar("T")
VOLUMES = "volumes"


@dataclass(frozen=True)
class Part(Generic[T]):
    campaign_id: str
    number: int  # 1-based
    count: int  # parts of the campaign; 1 means a single volume
    items: tuple[T, ...]

    @property
    def single(self) -> bool:
        return self.count == 1

    @property
    def name(self) -> str:
        """``dangshi-2021`` for a single volume, else ``dangshi-2021-03`` (at least two digits)."""
        if self.single:
            return self.campaign_id
        return f"{self.campaign_id}-{self.number:0{max(2, len(str(self.count)))}d}"

    @property
    def archive_name(self) -> str:
        """Path inside the campaign's archive package."""
        return f"{self.name}.pdf" if self.single else f"{VOLUMES}/{self.name}.pdf"

    @property
    def site_path(self) -> str:
        if self.single:
            return paths.campaign_volume(self.campaign_id)
        return paths.part_file(self.campaign_id, self.archive_name)


def split(
    campaign_id: str,
    items: Sequence[T],
    size: int,
    groups: Sequence[tuple[str, ...]] | None = None,
) -> list[Part[T]]:
    """``items`` (in tree order) in parts of at most ``size``; one part when they fit in one.
    ``groups[i]``: the organisations above item ``i``, from the top down; consecutive items
    under one organisation are kept in one part when they fit in one."""
    chains: list[tuple[str, ...]] = list(groups) if groups is not None else [()] * len(items)
    chunks: list[list[T]] = []
    for block in _blocks(list(range(len(items))), chains, 0, size):
        if not chunks or len(chunks[-1]) + len(block) > size:
            chunks.append([])
        chunks[-1].extend(items[i] for i in block)
    if not chunks:
        chunks = [[]]
    return [Part(campaign_id, k, len(chunks), tuple(c)) for k, c in enumerate(chunks, 1)]


def _blocks(
    indexes: list[int], chains: list[tuple[str, ...]], depth: int, size: int
) -> list[list[int]]:
    """``indexes`` in runs that a part must not split: an organisation at ``depth`` whose
    reports fit in a part is one run; a larger one is cut at the next level down; reports
    right under the organisation above are runs of their own, cut into parts if need be."""
    runs: list[list[int]] = []
    for key, members in _consecutive(indexes, chains, depth):
        if len(members) <= size:
            runs.append(members)
        elif key is None:
            runs += [members[i : i + size] for i in range(0, len(members), size)]
        else:
            runs += _blocks(members, chains, depth + 1, size)
    return runs


def _consecutive(
    indexes: list[int], chains: list[tuple[str, ...]], depth: int
) -> list[tuple[str | None, list[int]]]:
    """Consecutive indexes grouped by their organisation at ``depth`` (``None``: none there)."""
    out: list[tuple[str | None, list[int]]] = []
    for i in indexes:
        key = chains[i][depth] if depth < len(chains[i]) else None
        if out and out[-1][0] == key:  # the same organisation, or more reports right above
            out[-1][1].append(i)
        else:
            out.append((key, [i]))
    return out


def index_site_path(campaign_id: str) -> str:
    """The index volume of a split campaign takes the single volume's place."""
    return paths.campaign_volume(campaign_id)
