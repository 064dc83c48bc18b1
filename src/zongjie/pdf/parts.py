"""How a campaign's reports are bound: one volume, or parts (分册) plus an index volume.

Reports keep the order of the campaign's overview table. A campaign of at most ``pdf.part_size``
reports is one volume, ``pdf/<campaign>.pdf``. A larger one is cut into parts of exactly that
many reports (the last holds the rest; a report is never split), ``pdf/<campaign>/volumes/
<campaign>-01.pdf`` …, and ``pdf/<campaign>.pdf`` becomes the index volume listing every report
with its part and page. Fixed-size parts keep the boundaries where they are when a report changes,
so only its own part is bound again. Unit PDFs are ``pdf/<campaign>/<unit>.pdf``: the
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


def split(campaign_id: str, items: Sequence[T], size: int) -> list[Part[T]]:
    """``items`` (in overview order) in parts of ``size``; one part when they fit in one."""
    chunks = [tuple(items[i : i + size]) for i in range(0, len(items), size)] or [()]
    return [Part(campaign_id, k, len(chunks), chunk) for k, chunk in enumerate(chunks, 1)]


def index_site_path(campaign_id: str) -> str:
    """The index volume of a split campaign takes the single volume's place."""
    return paths.campaign_volume(campaign_id)
