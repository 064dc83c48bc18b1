"""Pages → segments → inverted index of character bigrams (and single characters).

Every segment (a page's title, or a piece of one section) gets an id; ids of one page are
consecutive. A key is a normalized character bigram, or a single character for one-character
queries; its postings are the ascending ids of the segments that contain it. A query term of
n characters is looked up by its n-1 bigrams; the browser then checks the exact phrase in the
text of the few segments it shows, so pages with the whole phrase rank above pages with parts.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from dataclasses import dataclass, field

from .extract import Section
from .normalize import normalize


@dataclass(frozen=True)
class PageRecord:
    """What a result shows about a page, plus its searchable sections."""

    url: str
    title: str
    sections: tuple[Section, ...]
    unit: str = ""
    unit_id: str = ""
    campaign: str = ""
    campaign_id: str = ""
    date: str = ""


@dataclass(frozen=True)
class Segment:
    page: int
    anchor: str
    heading: str
    text: str


@dataclass
class SearchIndex:
    pages: list[PageRecord]
    segments: list[Segment] = field(default_factory=list)
    page_start: list[int] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)


def keys_of(normalized: str) -> set[str]:
    """Index keys of a normalized text: its characters and its character bigrams."""
    keys = set(normalized)
    keys.update(map(operator.add, normalized, normalized[1:]))
    return keys


def build_index(pages: list[PageRecord]) -> SearchIndex:
    """Index ``pages`` in the given order; the first segment of each page is its title."""
    index = SearchIndex(pages=list(pages))
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for number, page in enumerate(index.pages):
        index.page_start.append(len(index.segments))
        texts = [Segment(number, "", "", page.title)]
        texts += [Segment(number, s.anchor, s.heading, s.text) for s in page.sections]
        for segment in texts:
            sid = len(index.segments)
            index.segments.append(segment)
            for key in keys_of(normalize(segment.text)):
                postings[key].append(sid)
    index.postings = dict(postings)
    return index
