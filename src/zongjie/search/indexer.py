"""Pages → segments → inverted index of character bigrams (and single characters).

Every segment (a page's title, or a piece of one section) gets an id; ids of one page are
consecutive. A key is a normalized character bigram, or a single character for one-character
queries; its postings are the ascending ids of the segments that contain it. A query term of
n characters is looked up by its n-1 bigrams; the browser then checks the exact phrase in the
text of the few segments it shows, so pages with the whole phrase rank above pages with parts.

There is about one posting per indexed character (2.7 million at 1,000 reports), so the
inversion runs in numpy: keys become integers (a code point, or two code points side by
side), and one sort of ``key, segment`` pairs yields every postings list at once.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np

from zongjie.search.extract import Section
from zongjie.search.normalize import normalize

_CODE_BITS = 21  # every Unicode code point fits in 21 bits
_CODE_MASK = (1 << _CODE_BITS) - 1
# Fresh memory is slow to touch on the build machine (~6 ms per MB), so texts are inverted
# a slice at a time and the arrays of one slice are reused for the next.
_CHUNK_CHARS = 1 << 17


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
    org_path: tuple[tuple[str, str], ...] = ()
    """Where the page sits in the organisation tree: (id, short name) of each node from the top
    down (the top left out), ending with the page's own unit or organisation; empty for a page
    of no organisation."""


@dataclass(frozen=True)
class Segment:
    page: int
    anchor: str
    heading: str
    text: str


class Postings(Mapping[str, list[int]]):
    """Every key's ascending segment ids, stored as one array grouped by key.

    ``ids[starts[i]:starts[i + 1]]`` are the postings of ``keys[i]``; the writer encodes all
    of them in one go from ``ids`` and ``starts``, tests and tools read them as a mapping.
    """

    def __init__(self, keys: list[str], ids: np.ndarray, starts: np.ndarray):
        self.keys_in_order = keys
        self.ids = ids
        self.starts = starts  # len(keys) + 1 offsets into ids
        self._row = {key: row for row, key in enumerate(keys)}

    def __getitem__(self, key: str) -> list[int]:
        row = self._row[key]
        ids: list[int] = self.ids[self.starts[row] : self.starts[row + 1]].tolist()
        return ids

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_in_order)

    def __len__(self) -> int:
        return len(self.keys_in_order)


@dataclass
class SearchIndex:
    pages: list[PageRecord]
    segments: list[Segment] = field(default_factory=list)
    page_start: list[int] = field(default_factory=list)
    postings: Postings = field(default_factory=lambda: invert([]))


def keys_of(normalized: str) -> set[str]:
    """Index keys of a normalized text: its characters and its character bigrams."""
    keys = set(normalized)
    keys.update(map(operator.add, normalized, normalized[1:]))
    return keys


def build_index(pages: list[PageRecord]) -> SearchIndex:
    """Index ``pages`` in the given order; the first segment of each page is its title."""
    index = SearchIndex(pages=list(pages))
    for number, page in enumerate(index.pages):
        index.page_start.append(len(index.segments))
        index.segments.append(Segment(number, "", "", page.title))
        index.segments.extend(Segment(number, s.anchor, s.heading, s.text) for s in page.sections)
    index.postings = invert([normalize(segment.text) for segment in index.segments])
    return index


def invert(texts: list[str]) -> Postings:
    """Postings of :func:`keys_of` every normalized text, the text's position being its id."""
    id_bits = max(1, len(texts).bit_length())
    if 2 * _CODE_BITS + id_bits > 64:
        raise ValueError(f"{len(texts)} 个检索段超出索引上限（{1 << (64 - 2 * _CODE_BITS)} 个）")
    pieces, start = [], 0
    while start < len(texts):  # a slice of texts at a time: small arrays, memory reused
        end, chars = start, 0
        while end < len(texts) and (end == start or chars + len(texts[end]) < _CHUNK_CHARS):
            chars += len(texts[end]) + 1
            end += 1
        pieces.append(_pairs(texts[start:end], start, id_bits))
        start = end
    # Each (key, id) pair once, sorted by key and then id: the postings, grouped by key.
    packed = np.concatenate(pieces) if pieces else np.zeros(0, np.uint64)
    del pieces
    packed.sort()
    ids = packed.astype(np.uint32)  # the low 32 bits; id_bits of them are the id
    ids &= np.uint32((1 << id_bits) - 1)
    packed >>= np.uint64(id_bits)  # now the keys, in place
    first = np.flatnonzero(np.concatenate(([True], packed[1:] != packed[:-1])))[: len(packed)]
    names = [
        chr(k) if k <= _CODE_MASK else chr(k >> _CODE_BITS) + chr(k & _CODE_MASK)
        for k in packed[first].tolist()
    ]
    return Postings(names, ids, np.append(first, len(ids)))


def _pairs(texts: list[str], first_id: int, id_bits: int) -> np.ndarray:
    """Sorted, distinct ``key << id_bits | id`` of a run of texts numbered from ``first_id``."""
    # "\0" never survives normalization, so it marks where one text ends and the next begins.
    codes = np.frombuffer("\0".join(texts).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    owner = np.repeat(np.arange(first_id, first_id + len(texts), dtype=np.uint64), lengths + 1)[
        : len(codes)
    ]
    shift = np.uint64(id_bits)
    char = codes != 0
    pair = char[:-1] & char[1:]
    packed = np.concatenate(
        [
            (codes[char] << shift) | owner[char],
            (((codes[:-1][pair] << np.uint64(_CODE_BITS)) | codes[1:][pair]) << shift)
            | owner[:-1][pair],
        ]
    )
    packed.sort()
    # A key occurs many times in one text: keep one of each run of equal pairs.
    return packed[np.concatenate(([True], packed[1:] != packed[:-1]))[: len(packed)]]
