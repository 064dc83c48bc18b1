"""Atomic publish: a failed build leaves the previously published site byte-for-byte unchanged,
and says why in Chinese, at the file and line to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_zongjie
from .sitefiles import tree_hashes

REPORT = "data/reports/dangshi-2021/u0000.yml"
PAGE = "docs/campaigns/dangshi-2021/u0000.md"
FAILED = "构建失败：上一次成功生成的站点保持不变。"
STRICT = "错误：有 {n} 个警告，--strict 下按错误处理，构建已中止"


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the demo project changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _position(root: Path, rel: str, text: str) -> str:
    """``line:column`` of the first ``text`` in the file, as the error must name it."""
    for number, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return f"{number}:{line.index(text) + 1}"
    raise AssertionError(f"the demo project changed: {text!r} not in {rel}")


def _break_yaml(root: Path) -> list[str]:  # fails while loading data (on_config)
    _edit(root, REPORT, "count: 2", "count: 两次")
    at = _position(root, REPORT, "count: 两次")
    return [f"{REPORT}:{at}: 错误: [activities[0].count] 应为整数（实际为：两次）"]


def _break_marker(root: Path) -> list[str]:  # fails after every page was read (on_env)
    path = root / PAGE
    lines = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + "\n<!-- zj:nosuch -->\n", "utf-8")
    return [f"{PAGE}:{lines + 2}:1: 错误: [zj:nosuch] 未知的标记“zj:nosuch”"]


def _break_strict(root: Path) -> list[str]:  # zongjie's warning: --strict fails after writing
    _edit(root, PAGE, "共召开<!-- zj:value m0 -->次党组会议", "共召开9次党组会议")
    status = _position(root, REPORT, "status: 已审定")
    return [
        f"{PAGE}:9:12: 警告: [一致性.m0] 正文写的是“城关区教育局党组共召开9次党组会议”（9次），"
        "但数据中党组会议为 2次",
        # The demo's reports are approved: the edit is also a change after approval.
        f"{REPORT}:{status}: 警告: [status] 报告在审定（2021-12-27，示例审核组）之后有改动",
        # ... so readers would not get it: the tiny project has no git history to take it from.
        "报告 dangshi-2021/u0000 不发布：审定后有改动，历史中找不到审定的版本",
        STRICT.format(n=3),
    ]


def _break_link(root: Path) -> list[str]:  # MkDocs' own warning: a link to no page
    (root / "docs/orphan-link.md").write_text(
        "# 孤立页面\n\n[失效链接](no-such-page.md)\n", "utf-8"
    )
    return ["docs/orphan-link.md 中的链接“no-such-page.md”指向的文件不存在", STRICT.format(n=1)]


@pytest.mark.parametrize(
    "breakage",
    [_break_yaml, _break_marker, _break_strict, _break_link],
    ids=["data", "marker", "strict-warning", "strict-link"],
)
def test_failed_build_keeps_previous_site(tiny: Path, breakage) -> None:
    first = run_zongjie("build", "-q", cwd=tiny)
    assert first.returncode == 0, first.stderr
    site = tiny / "site"
    before = tree_hashes(site)
    assert "index.html" in before and len(before) > 20

    expected = breakage(tiny)
    failed = run_zongjie("build", "-q", "--strict", cwd=tiny)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "Traceback" not in output, output
    for want in expected:
        assert want in output, f"missing {want!r} in:\n{output}"
    assert output.rstrip().endswith(FAILED), output

    assert tree_hashes(site) == before, "the published site changed after a failed build"
    leftovers = [p.name for p in tiny.iterdir() if p.name.startswith(".site-")]
    assert leftovers == [], f"staging folders left behind: {leftovers}"


def test_successful_build_replaces_site(tiny: Path) -> None:
    assert run_zongjie("build", "-q", cwd=tiny).returncode == 0
    stale = tiny / "site" / "stale.txt"
    stale.write_text("from an older build", encoding="utf-8")
    assert run_zongjie("build", "-q", cwd=tiny).returncode == 0
    assert not stale.exists(), "a new build must replace the whole site, not merge into it"
    assert (tiny / "site" / "index.html").exists()
