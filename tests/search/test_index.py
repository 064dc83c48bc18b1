"""Sections from rendered HTML, the bigram index, and the files written for the browser."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest

from zongjie.search import shards
from zongjie.search.extract import article_html, first_heading, sections, split_text
from zongjie.search.indexer import PageRecord, build_index, keys_of
from zongjie.search.normalize import normalize
from zongjie.search.shards import decode_postings, deltas, fnv1a, unpack, varints, write_index

PAGE = """<html><body><nav>导航不算</nav><article class="md-content__inner">
<h1 id="title">市教育局党史学习教育工作总结<a class="headerlink" href="#title">¶</a></h1>
<p>开展以来，局党组深入学习。</p><script>var x = "脚本不算";</script>
<h2 id="一开展的主要工作">一、开展的主要工作<a class="headerlink" href="#x">¶</a></h2>
<p>赴华坪女子高级中学学习张桂梅同志先进事迹。</p>
<h3 id="二">（二）学习强国</h3><p>依托“学习强国”平台 &amp; 开展线上学习。</p>
</article></body></html>"""


def test_sections_follow_headings_and_skip_scripts() -> None:
    found = sections(article_html(PAGE))
    assert [s.anchor for s in found] == ["", "一开展的主要工作", "二"]
    assert found[0].text.startswith("市教育局党史学习教育工作总结 开展以来")
    assert found[1].heading == "一、开展的主要工作"
    assert "张桂梅" in found[1].text
    assert found[2].text == "（二）学习强国 依托“学习强国”平台 & 开展线上学习。"
    assert not any("脚本" in s.text or "导航" in s.text or "¶" in s.text for s in found)
    assert first_heading(article_html(PAGE)) == "市教育局党史学习教育工作总结"


def test_long_sections_are_cut_at_sentence_ends() -> None:
    text = "".join(f"第{i}句话说的是学习教育。" for i in range(200))
    pieces = split_text(text, 300)
    assert all(len(p) <= 300 for p in pieces)
    assert all(p.endswith("。") for p in pieces)
    assert "".join(pieces) == text


def test_index_keys_and_postings() -> None:
    assert keys_of("学习强国") == {"学", "习", "强", "国", "学习", "习强", "强国"}
    pages = [
        PageRecord("a/", "甲", tuple(sections(article_html(PAGE)))),
        PageRecord("b/", "乙", tuple(sections(article_html("<article><p>學習強國</p></article>")))),
    ]
    index = build_index(pages)
    assert index.page_start == [0, 4]
    assert [s.page for s in index.segments] == [0, 0, 0, 0, 1, 1]
    assert index.postings["强国"] == [3, 5]  # Traditional text is indexed as Simplified
    assert index.postings["桂梅"] == [2]
    assert index.postings["甲"] == [0]  # the page title is segment 0 of its page


def test_postings_match_a_plain_python_inversion() -> None:
    texts = ["学习强国学习", "", "張桂梅同志", "学习", "1921年7月1日", "ａｂ AB"]
    pages = [PageRecord(f"p{i}/", text, ()) for i, text in enumerate(texts)]
    index = build_index(pages)
    expected: dict[str, list[int]] = {}
    for sid, segment in enumerate(index.segments):
        for key in keys_of(normalize(segment.text)):
            expected.setdefault(key, []).append(sid)
    assert dict(index.postings) == expected
    assert index.postings["学习"] == [0, 3] and index.postings["ab"] == [5]


def test_varints_round_trip_large_gaps() -> None:
    values = np.array([0, 1, 127, 128, 300, 16383, 16384, 2**21, 2**31 - 1], dtype=np.int64)
    data, starts = varints(values)
    assert starts.tolist() == [0, 1, 2, 3, 5, 7, 9, 12, 16] and len(data) == 21
    assert data[3:5] == bytes([0x80, 0x01])  # 128 = 0 + 1·128, low group first
    encoded = base64.b64encode(data).decode()
    assert decode_postings(encoded) == np.cumsum(values).tolist()


def test_written_files_match_what_the_worker_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shards, "PART_BYTES", 300)  # parts that span pages and split them
    pages = [
        PageRecord(
            f"p{i}/",
            f"第{i}页",
            tuple(sections(article_html(PAGE))),
            unit="教育局",
            unit_id="jyj",
            campaign="党史学习教育",
            campaign_id="dangshi",
        )
        for i in range(3)
    ]
    index = build_index(pages)
    written = write_index(index, tmp_path)
    root = tmp_path / "search/zongjie"
    meta = unpack((root / "meta.bin").read_bytes())
    assert meta["segments"] == len(index.segments)
    assert meta["pageStart"] == deltas(index.page_start)
    assert meta["campaigns"] == ["dangshi"] and meta["pageCampaign"] == [1, 1, 1]
    for key, ids in index.postings.items():
        if key in meta["heavy"]:
            stored = unpack((root / f"k/h{meta['heavy'][key]}.bin").read_bytes())
        else:
            stored = unpack((root / f"k/{fnv1a(key) % meta['shards']}.bin").read_bytes())[key]
        assert decode_postings(stored) == ids
    starts, at = [], 0
    for gap in meta["partStart"]:
        at += gap
        starts.append(at)
    assert starts[0] == 0 and 1 < len(starts) < len(index.segments)
    part = unpack((root / "s/0/0.bin").read_bytes())
    assert part["pages"][0][:3] == [0, "p0/", "第0页"]
    assert part["pages"][0][3][:2] == ["教育局", "党史学习教育"]
    assert part["s"][0][2] == "第0页"
    # Every segment is in exactly one part, in order, with its page listed beside it.
    rows, pages_listed = [], set()
    for number in range(len(starts)):
        stored_part = unpack((root / f"s/0/{number}.bin").read_bytes())
        rows += stored_part["s"]
        pages_listed |= {(number, info[0]) for info in stored_part["pages"]}
    assert [row[2] for row in rows] == [s.text for s in index.segments]
    for number, first in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(index.segments)
        assert {(number, s.page) for s in index.segments[first:end]} <= pages_listed
    stub = json.loads((tmp_path / "search/search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == [] and stub["config"]["zongjie"]["v"] == written.version
    assert fnv1a("学习") == 0xCB323BFB  # same value as shardOf() in the worker (FNV-1a, UTF-16)
