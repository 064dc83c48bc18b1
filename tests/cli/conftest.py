"""A small real project in ``tmp_path`` and a helper that runs the ``zongjie`` CLI in-process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from support import reapprove
from zongjie.cli.main import main

CAMPAIGN = """\
# yaml-language-server: $schema=../schema/campaign.schema.json
title: 党史学习教育
year: 2021
period: {start: 2021-02-20, end: 2022-01-31}
outline: [开展的主要工作, 取得的成效, 存在不足, 下步工作]
metrics:
  - {id: dangzu, label: 党组会议, measure: 次, derive: {source: activities, kind: 党组会议}}
  - {id: zhuti-dangri, label: 主题党日, measure: 次, derive: {source: activities, kind: 主题党日}}
  - {id: shishi, label: 办实事, measure: 件, derive: {source: shishi}}
  - {id: wenti, label: 查摆问题, measure: 个, derive: {source: problems}}
"""
UNITS = """\
units:
  - {id: shi-wenlian, name: 市文学艺术界联合会, short_name: 市文联, kind: 群团}
  - {id: shi-jiaoyuju, name: X市教育体育局, short_name: 市教育局, kind: 机关}
  - {id: shi-tushuguan, name: X市图书馆, short_name: 市图书馆, kind: 机关}
"""
REPORT = """\
# yaml-language-server: $schema=../../schema/report.schema.json
title: 市文联党史学习教育工作总结报告
date: 2021-12-20
activities:
  - {kind: 党组会议, count: 2}
  - {kind: 主题党日, count: 5}
shishi:
  - {title: 送书刊进校园}
  - {title: 送文化下基层}
  - {title: 书法讲座}
  - {title: 文艺进维稳阵地（一）}
  - {title: 文艺进维稳阵地（二）}
  - {title: 主题文艺创作培训}
  - {title: 建立长效机制}
rectification:
  - {source: 组织生活会, count: 12, status: {已整改: 10, 常态化: 2}}
status: 已审定
reviewed_by: 审核人
reviewed_on: 2021-12-22
reviewed_digest: 0000000000000000
"""
NARRATIVE = """\
# 市文联党史学习教育工作总结报告

<!-- zj:summary -->

## 一、开展的主要工作

截止目前共召开<!-- zj:value dangzu -->次党组会议。

共开展“我为群众办实事”活动7次。

<!-- zj:shishi -->

<!-- zj:signature -->
"""
REPORT2 = """\
title: 市教育局党史学习教育工作总结报告
date: 2021-12-10
activities:
  - {kind: 党组会议, count: 4}
shishi_count: 3
status: 已审定
reviewed_by: 审核人
reviewed_on: 2021-12-12
reviewed_digest: 0000000000000000
"""


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two reports of one campaign, valid and consistent; a third unit has not reported."""
    files = {
        "mkdocs.yml": "site_name: 测试\n",
        "data/campaigns/dangshi-2021.yml": CAMPAIGN,
        "data/units.yml": UNITS,
        "data/reports/dangshi-2021/shi-wenlian.yml": REPORT,
        "data/reports/dangshi-2021/shi-jiaoyuju.yml": REPORT2,
        "docs/index.md": "# 首页\n\n<!-- zj:campaigns -->\n",
        "docs/campaigns/dangshi-2021/index.md": "# 党史学习教育\n\n<!-- zj:overview -->\n",
        "docs/campaigns/dangshi-2021/shi-wenlian.md": NARRATIVE,
        "docs/campaigns/dangshi-2021/shi-jiaoyuju.md": (
            "# 市教育局\n\n<!-- zj:summary -->\n\n市教育局按照要求开展了党史学习教育。\n"
        ),
    }
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    reapprove(tmp_path)  # as `zongjie approve` would have sealed them
    return tmp_path


@pytest.fixture
def zj(capsys: pytest.CaptureFixture[str]):
    """Run ``zongjie ARGS…`` in-process; a traceback would fail the test by raising."""

    def run(*args: str | Path) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err
        return Run(code, captured.out, captured.err)

    return run
