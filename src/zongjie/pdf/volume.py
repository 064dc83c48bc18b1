"""The bound volume of a campaign: front matter + every report's cached pages, one pagination.

The front matter (cover, contents, overview tables) is rendered by WeasyPrint with Roman page
numbers and padded to an even page count, so report page 1 is a right-hand page. Report pages
are copied from the unnumbered cached renderings and stamped 1…n continuously; the contents lists
the same numbers. Bookmarks: the front matter's headings, then each unit with its own headings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zongjie.pdf import stamps as stamping

if TYPE_CHECKING:
    import pikepdf


@dataclass(frozen=True)
class Part:
    title: str  # bookmark title, e.g. 市文联：市文联党史学习教育工作总结报告
    bare: bytes  # unnumbered pages of the report


def assemble(front: bytes, parts: list[Part], stamps: pikepdf.Pdf) -> pikepdf.Pdf:
    """Front matter (already PDF/A with the volume's XMP) + report pages, numbered, bookmarked."""
    import pikepdf

    volume = pikepdf.open(_bytes_io(front))
    if len(volume.pages) % 2:
        volume.add_blank_page(page_size=_size(volume.pages[0]))
    first_body = len(volume.pages)
    sources: list[pikepdf.Pdf] = []
    starts: list[int] = []
    for part in parts:
        src = pikepdf.open(_bytes_io(part.bare))
        sources.append(src)  # pages stay readable until the volume is saved
        starts.append(len(volume.pages))
        volume.pages.extend(src.pages)
    stamping.apply(volume, stamps, first=first_body, start=1)
    with volume.open_outline() as outline:
        for part, src, start in zip(parts, sources, starts, strict=True):
            item = pikepdf.OutlineItem(part.title, start)
            item.children.extend(_copy_outline(src, start, volume))
            outline.root.append(item)
    volume._zj_sources = sources  # type: ignore[attr-defined]  # keep alive until save
    return volume


def _copy_outline(src: pikepdf.Pdf, offset: int, volume: pikepdf.Pdf) -> list[Any]:
    """The report's own bookmarks (without its title level), pointing into the volume."""
    import pikepdf

    index = {page.obj.objgen: i for i, page in enumerate(src.pages)}

    def convert(item: pikepdf.OutlineItem) -> list[pikepdf.OutlineItem]:
        target = _page_of(item, index)
        children = [c for child in item.children for c in convert(child)]
        if target is None:
            return children
        copy = pikepdf.OutlineItem(item.title, offset + target)
        copy.children.extend(children)
        return [copy]

    with src.open_outline() as outline:
        items = [c for root in outline.root for c in convert(root)]
    # The report title (level 1) is already the volume bookmark: lift its children one level.
    if len(items) == 1:
        return list(items[0].children)
    return items


def _page_of(item: Any, index: dict[tuple[int, int], int]) -> int | None:
    dest = item.destination
    if dest is None and item.action is not None:
        dest = item.action.get("/D")
    try:
        return index.get(dest[0].objgen)
    except (TypeError, AttributeError, IndexError, KeyError):
        return None


def _size(page: Any) -> tuple[float, float]:
    box = page.mediabox
    return float(box[2]) - float(box[0]), float(box[3]) - float(box[1])


def _bytes_io(data: bytes) -> Any:
    import io

    return io.BytesIO(data)
