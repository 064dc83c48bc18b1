"""Write a :class:`~.indexer.SearchIndex` as small static files the browser fetches on demand.

Layout under ``site/search/zongjie/`` (``v`` below is a content hash, used against stale caches).
Every ``.bin`` file is zlib-compressed JSON (:func:`pack`); the worker inflates it with the
browser's ``DecompressionStream("deflate")``, so transfer does not depend on the web server
compressing anything.

* ``meta.bin`` – shard count, the keys that have a file of their own, the first segment of
  each page and of each part file, and each page's campaign and unit (for filtering); the
  organisation tree of the pages (``orgs``, ``orgParent``) and each page's node in it
  (``pageOrg``), see :mod:`.orgs`.
  Loaded once per page view.
* ``t2s.bin`` – the Traditional → Simplified character table as one string of pairs, only
  for Simplified characters the site contains (a query that maps to any other cannot match).
* ``k/<n>.bin`` – postings of the keys whose hash falls in shard ``n``: ``{key: "…"}``.
* ``k/h<n>.bin`` – postings of one frequent key: ``"…"``.

  A postings string is base64 of the ids' gaps (the first id from 0) as unsigned LEB128
  varints: most gaps take one byte, and numpy encodes all 2.7 million postings of 1,000
  reports at once instead of one Python call per number.
* ``s/<n // 1000>/<n>.bin`` – part ``n`` of the segments: consecutive segments (about
  ``PART_BYTES`` of text, from one or a few pages) with each page's URL, title, unit,
  campaign and date; fetched only to check and show results.
* ``facets.json`` – campaign, unit and organisation names for the filter controls (read by
  ``ui.js``); units carry their node in the tree, organisations their id, name, depth and
  number, with ``orgParent`` so the unit list can follow the organisation picked.

``search/search_index.json`` is what Material's own script loads before it starts the worker;
it only carries the settings, and no documents.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from zongjie.search.indexer import Postings, SearchIndex
from zongjie.search.normalize import t2s_table
from zongjie.search.orgs import org_table

INDEX_DIR = "search/zongjie"
PARTS_PER_DIR = 1000  # part files per folder
# Creating a file costs far more than filling it: 0.02 to 0.8 ms of CPU per new file on the
# build machine, whatever its size (benchmarks/search.md). Parts and shards are therefore
# fairly big before compression, and compression keeps what a query downloads small: at
# 1,000 reports ~450 index files sit beside ~2,100 files and folders of HTML pages.
PART_BYTES = 32 * 1024  # UTF-8 text per part file (a bigger segment gets a file alone)
SHARD_BYTES = 40 * 1024  # aim for postings shards of about this size before compression
HEAVY_BYTES = 20 * 1024  # a key whose postings are larger gets a file of its own
ZLIB_LEVEL = 1  # level 6 saves 10 % of the bytes for twice the CPU
# Material's separator for Chinese; used by its highlighter on the page a result opens.
SEPARATOR = "[\\s\\u200b\\u3000\\-、。，．？！；]+"


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over UTF-16 code units, the same as ``shardOf`` in the worker."""
    value = 0x811C9DC5
    data = key.encode("utf-16-le")
    for i in range(0, len(data), 2):
        value ^= data[i] | (data[i + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def deltas(ids: list[int]) -> list[int]:
    """Ascending ids as gaps from the previous one (the first from 0): short in JSON."""
    return [b - a for a, b in zip([0, *ids], ids, strict=False)]


def varints(values: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Unsigned LEB128 bytes of ``values`` (below 2**32), and where each value's bytes start."""
    values = values.astype(np.uint32, copy=False)
    if not len(values):
        return b"", np.zeros(0, np.int64)
    sizes = np.ones(len(values), dtype=np.uint8)
    for bits in (7, 14, 21, 28):
        sizes += values >= np.uint32(1 << bits)
    starts = np.cumsum(sizes, dtype=np.int64)
    out = np.zeros(int(starts[-1]), dtype=np.uint8)
    starts -= sizes
    out[starts] = values.astype(np.uint8) & np.uint8(0x7F)
    for byte in range(1, int(sizes.max())):
        more = np.flatnonzero(sizes > byte)
        out[starts[more] + byte - 1] |= np.uint8(0x80)  # "another byte follows"
        out[starts[more] + byte] = (values[more] >> np.uint32(7 * byte)).astype(
            np.uint8
        ) & np.uint8(0x7F)
    return out.tobytes(), starts


def encode_postings(postings: Postings) -> dict[str, str]:
    """Each key's postings as a JSON string literal: base64 of its gaps as varints."""
    ids, first = postings.ids, postings.starts[:-1]
    gaps = np.empty_like(ids)
    if len(ids):
        gaps[0] = ids[0]
        np.subtract(ids[1:], ids[:-1], out=gaps[1:])  # wraps where a key's list starts...
        gaps[first] = ids[first]  # ...and every list starts again from 0
    data, starts = varints(gaps)
    cuts = [*starts[first].tolist(), len(data)]
    return {
        key: '"' + base64.b64encode(data[cuts[row] : cuts[row + 1]]).decode("ascii") + '"'
        for row, key in enumerate(postings.keys_in_order)
    }


def decode_postings(text: str) -> list[int]:
    """The ids of one stored postings string (what the worker's ``decodePostings`` does)."""
    ids, value, gap, shift = [], 0, 0, 0
    for byte in base64.b64decode(text):
        gap |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        value += gap
        ids.append(value)
        gap = shift = 0
    return ids


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class WrittenIndex:
    version: str
    files: int
    bytes: int
    shards: int
    heavy: int


def pack(text: str) -> bytes:
    """A ``.bin`` file's bytes: the UTF-8 JSON text, zlib-compressed (the worker inflates it)."""
    return zlib.compress(text.encode("utf-8"), ZLIB_LEVEL)


def unpack(data: bytes) -> object:
    """The JSON value of a ``.bin`` file (what the worker's ``load`` returns)."""
    return json.loads(zlib.decompress(data).decode("utf-8"))


def write_index(index: SearchIndex, site_dir: Path) -> WrittenIndex:
    """Write every file of the index under ``site_dir`` and return what was written."""
    out = site_dir / INDEX_DIR
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1()
    written = [0, 0]

    def put(rel: str, data: bytes) -> None:
        (out / rel).write_bytes(data)
        digest.update(rel.encode() + b"\0" + data)
        written[0] += 1
        written[1] += len(data)

    # Postings: frequent keys alone, the rest grouped by hash into shards.
    encoded = encode_postings(index.postings)
    heavy = sorted(
        (k for k, v in encoded.items() if len(v) > HEAVY_BYTES), key=lambda k: (-len(encoded[k]), k)
    )
    heavy_set = set(heavy)
    light_bytes = sum(len(v) + 8 for k, v in encoded.items() if k not in heavy_set)
    shards = 1
    while shards * SHARD_BYTES < light_bytes and shards < 4096:
        shards *= 2
    groups: list[list[str]] = [[] for _ in range(shards)]
    for key in sorted(encoded):
        if key not in heavy_set:
            groups[fnv1a(key) % shards].append(key)
    (out / "k").mkdir(exist_ok=True)
    for number, keys in enumerate(groups):
        body = ",".join(f"{json.dumps(k, ensure_ascii=False)}:{encoded[k]}" for k in keys)
        put(f"k/{number}.bin", pack("{" + body + "}"))
    for number, key in enumerate(heavy):
        put(f"k/h{number}.bin", pack(encoded[key]))

    # Segments: consecutive segments, of one page or of several short ones, share a part
    # file of about PART_BYTES; it carries what a result shows about each of its pages.
    part_start: list[int] = []
    part_bytes = 0
    for sid, segment in enumerate(index.segments):
        size = len(segment.text) * 3 + 64
        if not part_start or part_bytes + size > PART_BYTES:
            part_start.append(sid)
            part_bytes = 0
        part_bytes += size
    for number, first in enumerate(part_start):
        end = part_start[number + 1] if number + 1 < len(part_start) else len(index.segments)
        segments = index.segments[first:end]
        pages = sorted({segment.page for segment in segments})
        if number % PARTS_PER_DIR == 0:
            (out / "s" / str(number // PARTS_PER_DIR)).mkdir(parents=True, exist_ok=True)
        put(
            f"s/{number // PARTS_PER_DIR}/{number}.bin",
            pack(
                _dumps(
                    {
                        "pages": [
                            [
                                p,
                                index.pages[p].url,
                                index.pages[p].title,
                                [index.pages[p].unit, index.pages[p].campaign, index.pages[p].date],
                            ]
                            for p in pages
                        ],
                        "s": [
                            [segment.anchor, segment.heading, segment.text] for segment in segments
                        ],
                    }
                )
            ),
        )

    campaigns = sorted({(p.campaign_id, p.campaign) for p in index.pages if p.campaign_id})
    units = sorted({(p.unit_id, p.unit) for p in index.pages if p.unit_id})
    campaign_no = {cid: i + 1 for i, (cid, _) in enumerate(campaigns)}
    unit_no = {uid: i + 1 for i, (uid, _) in enumerate(units)}
    unit_campaigns: dict[str, set[int]] = {}
    unit_node: dict[str, int] = {}
    orgs = org_table(index.pages)
    for p, node in zip(index.pages, orgs.page_node, strict=True):
        if p.unit_id and p.campaign_id:
            unit_campaigns.setdefault(p.unit_id, set()).add(campaign_no[p.campaign_id])
            unit_node.setdefault(p.unit_id, node)
    org_parent = [n.parent for n in orgs.nodes]
    # Read by the page's own script (ui.js) for the filter lists, so plain JSON.
    put(
        "facets.json",
        _dumps(
            {
                "campaigns": [[cid, title] for cid, title in campaigns],
                "units": [
                    [uid, name, sorted(unit_campaigns.get(uid, ())), unit_node.get(uid, 0)]
                    for uid, name in units
                ],
                "orgs": [
                    [orgs.nodes[n - 1].id, orgs.nodes[n - 1].name, orgs.nodes[n - 1].depth, n]
                    for n in orgs.groups
                ],
                "orgParent": org_parent,
            }
        ).encode("utf-8"),
    )
    indexed = {key for key in index.postings if len(key) == 1}
    put("t2s.bin", pack(_dumps("".join(k + v for k, v in t2s_table().items() if v in indexed))))

    meta = {
        "shards": shards,
        "heavy": {key: number for number, key in enumerate(heavy)},
        "partsPerDir": PARTS_PER_DIR,
        "segments": len(index.segments),
        "pageStart": deltas(index.page_start),
        "partStart": deltas(part_start),
        "pageCampaign": [campaign_no.get(p.campaign_id, 0) for p in index.pages],
        "pageUnit": [unit_no.get(p.unit_id, 0) for p in index.pages],
        "campaigns": [cid for cid, _ in campaigns],
        "units": [uid for uid, _ in units],
        "orgs": [n.id for n in orgs.nodes],
        "orgParent": org_parent,
        "pageOrg": orgs.page_node,
    }
    put("meta.bin", pack(_dumps(meta)))
    version = digest.hexdigest()[:12]
    (site_dir / "search").mkdir(exist_ok=True)
    (site_dir / "search" / "search_index.json").write_text(
        _dumps(
            {
                "config": {
                    "lang": ["zh"],
                    "separator": SEPARATOR,
                    "pipeline": [],
                    "zongjie": {"index": INDEX_DIR + "/", "v": version},
                },
                "docs": [],
            }
        ),
        encoding="utf-8",
    )
    return WrittenIndex(version, written[0], written[1], shards, len(heavy))
