"""Write a :class:`~.indexer.SearchIndex` as small static files the browser fetches on demand.

Layout under ``site/search/zongjie/`` (``v`` below is a content hash, used against stale caches):

* ``meta.json`` – shard count, the keys that have a file of their own, the first segment of each
  page, and each page's campaign and unit (for filtering). Loaded once per page view.
* ``t2s.json`` – the Traditional → Simplified character table as one string of pairs.
* ``k/<n>.json`` – postings of the keys whose hash falls in shard ``n``: ``{key: [deltas]}``.
* ``k/h<n>.json`` – postings of one frequent key: ``[deltas]``.
* ``s/<n // 1000>/<n>.json`` – part ``n`` of the segments: consecutive segments of one page
  (about ``PART_BYTES`` at most) with the page's URL, title, unit, campaign and date; fetched
  only for the results shown. ``meta.json`` lists the first segment of each part.
* ``facets.json`` – campaign and unit names for the filter controls.

``search/search_index.json`` is what Material's own script loads before it starts the worker;
it only carries the settings, and no documents.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .indexer import SearchIndex
from .normalize import t2s_table

INDEX_DIR = "search/zongjie"
SEGMENTS_PER_DIR = 1000  # part files per folder
PART_BYTES = 6 * 1024  # segment text per part file (a bigger segment gets a file alone)
SHARD_BYTES = 12 * 1024  # aim for postings shards of about this size
HEAVY_BYTES = 6 * 1024  # a key whose postings are larger gets a file of its own
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


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class WrittenIndex:
    version: str
    files: int
    bytes: int
    shards: int
    heavy: int


def write_index(index: SearchIndex, site_dir: Path) -> WrittenIndex:
    """Write every file of the index under ``site_dir`` and return what was written."""
    out = site_dir / INDEX_DIR
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1()
    written = [0, 0]

    def put(rel: str, text: str) -> None:
        path = out / rel
        data = text.encode("utf-8")
        path.write_bytes(data)
        digest.update(rel.encode() + b"\0" + data)
        written[0] += 1
        written[1] += len(data)

    # Postings: frequent keys alone, the rest grouped by hash into shards.
    encoded = {key: _dumps(deltas(ids)) for key, ids in index.postings.items()}
    heavy = sorted((k for k, v in encoded.items() if len(v) > HEAVY_BYTES),
                   key=lambda k: (-len(encoded[k]), k))
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
        put(f"k/{number}.json", "{" + body + "}")
    for number, key in enumerate(heavy):
        put(f"k/h{number}.json", encoded[key])

    # Segments: consecutive segments of one page share a file of at most ~PART_BYTES, and
    # the file carries what a result shows about its page.
    part_start: list[int] = []
    part: list[list[str]] = []
    part_bytes = 0

    def flush() -> None:
        number = len(part_start) - 1
        first = index.segments[part_start[-1]]
        page = index.pages[first.page]
        if number % SEGMENTS_PER_DIR == 0:
            (out / "s" / str(number // SEGMENTS_PER_DIR)).mkdir(parents=True, exist_ok=True)
        put(f"s/{number // SEGMENTS_PER_DIR}/{number}.json", _dumps({
            "p": first.page, "u": page.url, "t": page.title,
            "m": [page.unit, page.campaign, page.date], "s": part}))

    for sid, segment in enumerate(index.segments):
        size = len(segment.text) * 3
        if not part_start or segment.page != index.segments[sid - 1].page or (
                part_bytes + size > PART_BYTES and part):
            if part_start:
                flush()
            part_start.append(sid)
            part, part_bytes = [], 0
        part.append([segment.anchor, segment.heading, segment.text])
        part_bytes += size
    if part_start:
        flush()

    campaigns = sorted({(p.campaign_id, p.campaign) for p in index.pages if p.campaign_id})
    units = sorted({(p.unit_id, p.unit) for p in index.pages if p.unit_id})
    campaign_no = {cid: i + 1 for i, (cid, _) in enumerate(campaigns)}
    unit_no = {uid: i + 1 for i, (uid, _) in enumerate(units)}
    unit_campaigns: dict[str, set[int]] = {}
    for p in index.pages:
        if p.unit_id and p.campaign_id:
            unit_campaigns.setdefault(p.unit_id, set()).add(campaign_no[p.campaign_id])
    put("facets.json", _dumps({
        "campaigns": [[cid, title] for cid, title in campaigns],
        "units": [[uid, name, sorted(unit_campaigns.get(uid, ()))] for uid, name in units]}))
    put("t2s.json", _dumps("".join(k + v for k, v in t2s_table().items())))

    meta = {
        "shards": shards,
        "heavy": {key: number for number, key in enumerate(heavy)},
        "partsPerDir": SEGMENTS_PER_DIR,
        "segments": len(index.segments),
        "pageStart": deltas(index.page_start),
        "partStart": deltas(part_start),
        "pageCampaign": [campaign_no.get(p.campaign_id, 0) for p in index.pages],
        "pageUnit": [unit_no.get(p.unit_id, 0) for p in index.pages],
        "campaigns": [cid for cid, _ in campaigns],
        "units": [uid for uid, _ in units],
    }
    put("meta.json", _dumps(meta))
    version = digest.hexdigest()[:12]
    (site_dir / "search").mkdir(exist_ok=True)
    (site_dir / "search" / "search_index.json").write_text(_dumps({
        "config": {"lang": ["zh"], "separator": SEPARATOR, "pipeline": [],
                   "zongjie": {"index": INDEX_DIR + "/", "v": version}},
        "docs": []}), encoding="utf-8")
    return WrittenIndex(version, written[0], written[1], shards, len(heavy))
