"""A bound volume: front matter + the cached pages of its reports (or pieces), one pagination.

The front matter (cover, contents, for a single volume the overview tables) is rendered by
WeasyPrint with Roman page numbers and padded to an even page count, so report page 1 is a
right-hand page. Report pages are copied from the unnumbered cached renderings and stamped 1…n
continuously; the contents lists the same numbers. Bookmarks: the front matter's headings, then
each unit with its own headings. The structure tree is the front matter's, then one section per
report (``tagged.py``), in the order of the pages and bookmarks. The same assembly binds a
campaign's single volume, each of its parts (分册) and its index volume, whose pieces are cached
renderings too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zongjie.pdf import stamps as stamping
from zongjie.pdf import tagged

if TYPE_CHECKING:
    import pikepdf


@dataclass(frozen=True)
class Source:
    title: str  # bookmark title, e.g. 市文联　市文联党史学习教育工作总结报告
    pdf: pikepdf.Pdf  # unnumbered (bare) pages: a report, or a piece of an index volume


def assemble(front: pikepdf.Pdf, sources: list[Source], stamps: pikepdf.Pdf) -> tuple[Any, int]:
    """Front matter (already PDF/A with the volume's XMP) + every source's pages, numbered,
    bookmarked; and the index of the first numbered page. The sources stay open until the
    volume is saved: their pages are copied lazily."""
    import pikepdf

    volume = front
    if len(volume.pages) % 2:
        volume.add_blank_page(page_size=_size(volume.pages[0]))
    first_body = len(volume.pages)
    starts: list[int] = []
    for source in sources:
        starts.append(len(volume.pages))
        volume.pages.extend(source.pdf.pages)
    stamping.apply(volume, stamps, first=first_body, start=1)
    tagged.merge(
        volume,
        [tagged.Section(s.title, s.pdf, start) for s, start in zip(sources, starts, strict=True)],
    )
    with volume.open_outline() as outline:
        for source, start in zip(sources, starts, strict=True):
            item = pikepdf.OutlineItem(source.title, start)
            item.children.extend(_copy_outline(source.pdf, start, volume))
            outline.root.append(item)
    return volume, first_body


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
