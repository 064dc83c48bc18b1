"""Numbers next to metric words (shared by import and the lint), and the guide's coverage."""

from __future__ import annotations

import re
import struct
from pathlib import Path

from zongjie.cn_numbers import parse_number
from zongjie.data.models import Campaign
from zongjie.markdown.markers import SPECS
from zongjie.markdown.narrative import statements

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide"
CAMPAIGN = Campaign.model_validate(
    {
        "title": "党史学习教育",
        "year": 2021,
        "period": {"start": "2021-01-01", "end": "2021-12-31"},
        "outline": ["开展的主要工作"],
        "metrics": [
            {
                "id": "dangzu",
                "label": "党组会议",
                "measure": "次",
                "derive": {"source": "activities", "kind": "党组会议"},
            },
            {
                "id": "zhongxinzu",
                "label": "中心组学习",
                "measure": "次",
                "derive": {"source": "activities", "kind": "中心组学习"},
            },
            {"id": "shishi", "label": "办实事", "measure": "件", "derive": {"source": "shishi"}},
        ],
    }
)


def found(text: str) -> list[tuple[str, int, bool]]:
    return [(s.metric.id, s.value, s.total) for s in statements(text, CAMPAIGN)]


def test_statements() -> None:
    assert found("截止目前共召开2次党组会议，3次中心组学习。") == [
        ("dangzu", 2, True),
        ("zhongxinzu", 3, True),
    ]
    assert found("共开展“我为群众办实事”活动8次。") == [("shishi", 8, True)]
    assert found("共召开十二次党组会议。") == [("dangzu", 12, True)]
    assert found("其中3次党组会议在基层召开。") == [("dangzu", 3, False)]


def test_not_statements() -> None:
    assert found("召开第9次党组会议。") == []  # an ordinal
    assert found("修订《党组会议议事规则》等5项制度。") == []  # a document title
    assert found("组建“我为群众办实事”4个工作组。") == []  # the count is of something else
    assert found("党组成员均讲党课一次以上。") == []
    assert found("共召开<!-- zj:value dangzu -->次党组会议。") == []  # a marker is the data
    assert found("`共召开8次党组会议`") == []


def test_chinese_numbers() -> None:
    cases = ("8", "两", "十", "十二", "二十", "二十三", "百", "三四", "二十三四")
    assert [parse_number(t) for t in cases] == [8, 2, 10, 12, 20, 23, 100, None, None]
    assert parse_number("二〇二三", digit_by_digit=True) == 2023


def test_guide_documents_every_marker() -> None:
    text = (GUIDE / "markers.md").read_text(encoding="utf-8")
    for name in SPECS:
        assert f"<!-- zj:{name}" in text, name


def test_guide_screenshots_exist_and_are_small() -> None:
    pages = "".join(p.read_text(encoding="utf-8") for p in GUIDE.glob("*.md"))
    images = re.findall(r"\]\((img/[^)]+\.png)\)", pages)
    assert len(images) >= 4
    for rel in images:
        data = (GUIDE / rel).read_bytes()
        width = struct.unpack(">I", data[16:20])[0]  # PNG IHDR
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and width <= 1000 and len(data) < 200_000, rel
