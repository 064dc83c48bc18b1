"""Each kind of bad input fails the build with file, line, field and what was expected,
and leaves the last good site untouched."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from support import reapprove, tree_hash
from zongjie.errors import ContentError
from zongjie.framework import plugin_logger

REPORT = "data/reports/dangshi-2021/ceshi-ju.yml"
SEED = "data/reports/dangshi-2021/shi-wenlian.yml"


def replace(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    reapprove(project)  # each test is about its bad input, not about an unreviewed edit


def line_of(project: Path, rel: str, needle: str) -> int:
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def zongjie_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Warnings zongjie logged (the ones ``--strict`` counts), as printed."""
    name = plugin_logger("zongjie").name
    return [
        r.getMessage() for r in caplog.records if r.name == name and r.levelno == logging.WARNING
    ]


CASES = {
    # name: (file, old, new, needle for the expected line, expected fragments)
    "yaml_syntax": (
        REPORT,
        "  - kind: 主题党日\n    count: 6",
        "  - kind: 主题党日\n   count: 6",
        "count: 6",
        ["YAML 语法错误"],
    ),
    "missing_field": (REPORT, "date: 2021-12-25\n", "", "title:", ["[date]", "缺少必填字段"]),
    "wrong_type": (
        REPORT,
        "count: 4",
        "count: 四次",
        "count: 四次",
        ["[activities[0].count]", "应为整数", "四次"],
    ),
    "unknown_resource": (
        REPORT,
        "resources: [zggcd-jianshi]",
        "resources: [no-such-book]",
        "resources:",
        ["[resources[0]]", "未知的学习资源 id “no-such-book”"],
    ),
    "count_disagrees_with_list": (
        SEED,
        "shishi_count: 8",
        "shishi_count: 9",
        "shishi_count: 9",
        ["[shishi_count]", "写的是 9", "列出了 8 项"],
    ),
    "date_outside_period": (
        REPORT,
        "date: 2021-06-12",
        "date: 2019-06-12",
        "date: 2019-06-12",
        ["[shishi[0].date]", "2019-06-12", "不在活动期间 2021-02-20 至 2022-01-31 内"],
    ),
    "bad_status": (
        REPORT,
        "status: 常态化",
        "status: 已完结",
        "status: 已完结",
        ["[shishi[1].status]", "取值应为以下之一"],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_data_fails_with_location(name: str, mini_project: Path, build) -> None:
    site = build(mini_project)
    before = tree_hash(site)
    rel, old, new, needle, expected = CASES[name]
    replace(mini_project, rel, old, new)
    line = line_of(mini_project, rel, needle)
    with pytest.raises(ContentError) as err:
        build(mini_project)
    message = str(err.value)
    assert f"{rel}:{line}:" in message, message
    for fragment in expected:
        assert fragment in message, message
    assert tree_hash(site) == before, "a failed build must not touch the last good site"
    assert not list(site.parent.glob(".site-new-*")), "staging folder left behind"


def test_unknown_unit_id(mini_project: Path, build) -> None:
    src = mini_project / REPORT
    src.rename(src.with_name("no-such-unit.yml"))
    md = mini_project / "docs/campaigns/dangshi-2021/ceshi-ju.md"
    md.rename(md.with_name("no-such-unit.md"))
    with pytest.raises(ContentError) as err:
        build(mini_project)
    assert "data/reports/dangshi-2021/no-such-unit.yml:1:1" in str(err.value)
    assert "未知的单位 id “no-such-unit”" in str(err.value)


def test_unknown_campaign_id(mini_project: Path, build) -> None:
    folder = mini_project / "data/reports/dangshi-2099"
    folder.mkdir()
    (folder / "ceshi-ju.yml").write_text("title: x\ndate: 2021-01-01\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        build(mini_project)
    assert "data/reports/dangshi-2099/ceshi-ju.yml:1:1" in str(err.value)
    assert "未知的活动 id “dangshi-2099”" in str(err.value)


def test_duplicate_unit_id(mini_project: Path, build) -> None:
    units = mini_project / "data/units.yml"
    units.write_text(
        units.read_text(encoding="utf-8")
        + ("- id: ceshi-ju\n  name: 重复的单位\n  short_name: 重复\n  kind: 机关\n"),
        encoding="utf-8",
    )
    line = line_of(mini_project, "data/units.yml", "name: 重复的单位") - 1
    with pytest.raises(ContentError) as err:
        build(mini_project)
    assert f"data/units.yml:{line}:" in str(err.value)
    assert "单位 id “ceshi-ju”重复" in str(err.value)


def test_duplicate_key_in_one_mapping(mini_project: Path, build) -> None:
    replace(mini_project, REPORT, "date: 2021-12-25\n", "date: 2021-12-25\ndate: 2021-12-26\n")
    with pytest.raises(ContentError) as err:
        build(mini_project)
    assert f"{REPORT}:3:1" in str(err.value) and "重复的键“date”" in str(err.value)


def test_unknown_marker(mini_project: Path, build) -> None:
    rel = "docs/campaigns/dangshi-2021/ceshi-ju.md"
    site = build(mini_project)
    before = tree_hash(site)
    replace(mini_project, rel, "<!-- zj:activities -->", "<!-- zj:activitys -->")
    line = line_of(mini_project, rel, "zj:activitys")
    with pytest.raises(ContentError) as err:
        build(mini_project)
    message = str(err.value)
    assert f"{rel}:{line}:1: 错误: [zj:activitys] 未知的标记“zj:activitys”" in message, message
    hint = message.split("提示：", 1)[1]
    assert "activities" in hint and "summary" in hint  # the hint lists the valid names
    assert tree_hash(site) == before


def test_marker_with_unknown_metric(mini_project: Path, build) -> None:
    rel = "docs/campaigns/dangshi-2021/ceshi-ju.md"
    replace(mini_project, rel, "<!-- zj:value dangzu -->", "<!-- zj:value dangzhu -->")
    with pytest.raises(ContentError) as err:
        build(mini_project)
    assert f"{rel}:7:" in str(err.value) and "没有指标“dangzhu”" in str(err.value)


def test_cli_build_exits_nonzero_and_keeps_site(mini_project: Path, build, capsys) -> None:
    from zongjie.cli.main import main

    site = build(mini_project)
    before = tree_hash(site)
    replace(mini_project, REPORT, "count: 4", "count: -1")
    code = main(["build", "-f", str(mini_project / "mkdocs.yml"), "-q"])
    assert code == 1
    err = capsys.readouterr().err
    line = line_of(mini_project, REPORT, "count: -1")
    assert f"{REPORT}:{line}:5: 错误: [activities[0].count] 数值过小，不能小于 1" in err, err
    assert "构建失败：上一次成功生成的站点保持不变。" in err and "Traceback" not in err
    assert tree_hash(site) == before


def test_hand_typed_total_that_disagrees_fails_strict_build(
    mini_project: Path, build, caplog: pytest.LogCaptureFixture
) -> None:
    rel = "docs/campaigns/dangshi-2021/ceshi-ju.md"
    replace(mini_project, rel, "办实事<!-- zj:value shishi -->件", "共办实事7件")
    expected = (
        f"{rel}:7:38: 警告: [一致性.shishi] 正文写的是“共办实事7件”（7件），但数据中办实事为 2件"
    )
    site = build(mini_project, strict=False)  # a warning only
    assert [w.splitlines()[0] for w in zongjie_warnings(caplog)] == [expected]
    before = tree_hash(site)
    caplog.clear()
    with pytest.raises(Abort, match=r"^Aborted with 1 warnings in strict mode!$"):
        build(mini_project, strict=True)
    assert [w.splitlines()[0] for w in zongjie_warnings(caplog)] == [expected]
    assert tree_hash(site) == before


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<img src="x.png" onerror="alert(1)">',
        "[点此](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
    ],
)
def test_executable_html_in_narrative_is_flagged(
    mini_project: Path, build, capsys, caplog: pytest.LogCaptureFixture, html: str
) -> None:
    from zongjie.cli.main import main

    rel = "docs/campaigns/dangshi-2021/ceshi-ju.md"
    replace(mini_project, rel, "<!-- zj:activities -->", f"{html}\n\n<!-- zj:activities -->")
    line = line_of(mini_project, rel, html)
    assert main(["check", "-C", str(mini_project)]) == 0  # a warning
    out = capsys.readouterr().out
    (flagged,) = [ln for ln in out.splitlines() if ln.startswith(f"{rel}:{line}:")]
    assert "警告: [HTML] 正文中的 HTML 不会发布" in flagged
    with pytest.raises(Abort, match=r"^Aborted with 1 warnings in strict mode!$"):
        build(mini_project, strict=True)
    # The build warns about the same line with the same words as `zongjie check`.
    assert [w.splitlines()[0] for w in zongjie_warnings(caplog)] == [flagged]


def test_html_shown_as_code_is_not_flagged(mini_project: Path, build) -> None:
    rel = "docs/campaigns/dangshi-2021/ceshi-ju.md"
    replace(
        mini_project,
        rel,
        "<!-- zj:activities -->",
        "示例：`<script>` 不要写。\n\n<!-- zj:activities -->",
    )
    build(mini_project, strict=True)
