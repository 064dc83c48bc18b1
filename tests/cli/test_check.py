"""``zongjie check``: the message format, JSON output, exit codes and every kind of problem."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from support import reapprove


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(textwrap.dedent(text).encode(encoding))
    return path


LINE = re.compile(
    r"^(?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>错误|警告): (?P<msg>.+)$"
)
REPORT_YML = "data/reports/dangshi-2021/shi-wenlian.yml"
REPORT_MD = "docs/campaigns/dangshi-2021/shi-wenlian.md"


def problems(out: str) -> list[dict[str, str]]:
    return [m.groupdict() for m in map(LINE.match, out.splitlines()) if m]


def test_clean_project(project: Path, zj) -> None:
    run = zj("check", "-C", project)
    assert run.code == 0 and run.out == ""
    assert "检查完成：0 个错误，0 个警告" in run.err


def test_error_format_hint_and_exit_code(project: Path, zj) -> None:
    yml = project / REPORT_YML
    yml.write_text(
        yml.read_text(encoding="utf-8").replace("count: 5}", "count: 五}"), encoding="utf-8"
    )
    run = zj("check", "-C", project)
    assert run.code == 1
    (p,) = problems(run.out)
    assert (p["path"], p["line"], p["col"], p["sev"]) == (REPORT_YML, "6", "18", "错误")
    assert p["msg"] == "[activities[1].count] 应为整数（实际为：五）"
    # The hint is the line right after the problem, indented, and says what to write instead.
    lines = run.out.splitlines()
    hint = lines[lines.index(f"{REPORT_YML}:6:18: 错误: {p['msg']}") + 1]
    assert hint == "    提示：只写阿拉伯数字，不带单位或汉字，如 5"
    assert "检查完成：1 个错误，0 个警告" in run.err


def test_json_format(project: Path, zj) -> None:
    (project / REPORT_MD).write_text("# x\n\n<!-- zj:bogus -->\n\n正文。\n", encoding="utf-8")
    reapprove(project)  # approved again: these tests are about the edit's own problems
    run = zj("check", "--format", "json", "-C", project)
    assert run.code == 1
    (item,) = json.loads(run.out)
    assert item["path"] == REPORT_MD and item["line"] == 3 and item["severity"] == "error"
    assert "未知的标记“zj:bogus”" in item["message"] and "summary" in item["hint"]
    assert item["field"] == "zj:bogus" and item["col"] == 1
    # The same project reached through another spelling of its path gives the same paths.
    again = zj("check", "--format", "json", "-C", project / "docs" / "..")
    assert again.code == 1 and json.loads(again.out) == [item]


def test_json_empty(project: Path, zj) -> None:
    run = zj("check", "--format", "json", "-C", project)
    assert run.code == 0 and json.loads(run.out) == []


def test_marker_problems(project: Path, zj) -> None:
    write(
        project / REPORT_MD,
        """\
        # x
        <!-- zj:value nosuch -->
        <!-- zj:summary extra -->
        `<!-- zj:bogus -->` 在代码里不算
        <!-- zj:shishi
        """,
    )
    write(project / "docs/index.md", "# 首页\n\n<!-- zj:overview -->\n")
    reapprove(project)
    run = zj("check", "-C", project)
    assert run.code == 1
    found = {(p["path"], p["line"]): p["msg"] for p in problems(run.out)}
    assert found == {
        (REPORT_MD, "2"): "[zj:value] 活动“dangshi-2021”没有指标“nosuch”",
        (REPORT_MD, "3"): "[zj:summary] 标记 zj:summary 不需要参数，却给了“extra”",
        (REPORT_MD, "5"): "[标记] 标记没有结束符“-->”",
        ("docs/index.md", "3"): "[zj:overview] 标记 zj:overview 只能用在活动首页中",
    }  # nothing on line 4: a marker inside inline code is text


def test_cross_reference_problems(project: Path, zj) -> None:
    write(project / "data/reports/dangshi-2021/shi-nobody.yml", "title: x\ndate: 2021-05-01\n")
    write(project / "data/reports/zhuti-2099/shi-wenlian.yml", "title: x\ndate: 2021-05-01\n")
    write(project / "docs/campaigns/dangshi-2021/shi-tushuguan.md", "# 只有正文\n")
    (project / "docs/campaigns/dangshi-2021/shi-jiaoyuju.md").unlink()
    run = zj("check", "-C", project)
    assert run.code == 1
    assert [(p["path"], p["line"], p["msg"]) for p in problems(run.out)] == [
        ("data/reports/dangshi-2021/shi-nobody.yml", "1", "[文件名] 未知的单位 id “shi-nobody”"),
        ("data/reports/zhuti-2099/shi-wenlian.yml", "1", "[目录] 未知的活动 id “zhuti-2099”"),
        ("data/reports/dangshi-2021/shi-jiaoyuju.yml", "1", "[正文] 报告缺少正文 Markdown 文件"),
        ("docs/campaigns/dangshi-2021/shi-tushuguan.md", "1", "[数据] 报告正文没有对应的数据文件"),
    ]
    assert (
        "    提示：创建 docs/campaigns/dangshi-2021/shi-jiaoyuju.md，或运行 zongjie new report "
        "--campaign dangshi-2021 --unit shi-jiaoyuju" in run.out
    )


def test_paths_filter(project: Path, zj, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / REPORT_MD).write_text("# x\n\n<!-- zj:bogus -->\n", encoding="utf-8")
    write(project / "data/reports/dangshi-2021/shi-jiaoyuju.yml", "title: x\n")
    monkeypatch.chdir(project)
    reapprove(project)
    both = problems(zj("check").out)
    assert {p["path"] for p in both} == {REPORT_MD, "data/reports/dangshi-2021/shi-jiaoyuju.yml"}
    only = problems(zj("check", "docs").out)
    assert {p["path"] for p in only} == {REPORT_MD}
    run = zj("check", "no/such/dir")
    assert run.code == 1 and "路径不存在：no/such/dir" in run.err


def test_missing_root_and_data(tmp_path: Path, zj) -> None:
    run = zj("check", "-C", tmp_path / "nope")
    assert run.code == 1 and f"错误：项目目录不存在：{tmp_path / 'nope'}" in run.err
    run = zj("check", "-C", tmp_path)
    assert run.code == 1 and "data:1:1: 错误: [data] 找不到数据目录" in run.out


# -- consistency lint and 待核实 ------------------------------------------------


def test_narrative_number_disagrees_with_data(project: Path, zj) -> None:
    md = project / REPORT_MD
    md.write_text(md.read_text(encoding="utf-8").replace("活动7次", "活动8次"), encoding="utf-8")
    reapprove(project)
    run = zj("check", "-C", project)
    assert run.code == 0  # a warning by default
    (p,) = problems(run.out)
    assert p["sev"] == "警告" and p["path"] == REPORT_MD and p["line"] == "9"
    assert "办实事为 7件" in p["msg"] and "8次" in p["msg"]
    assert "<!-- zj:value shishi -->" in run.out  # the recommended cure
    strict = zj("check", "--strict", "-C", project)
    # --strict fails on the same finding; it does not change what the finding is (the build
    # reports it identically, and `build --strict` fails on it the same way).
    assert strict.code == 1 and problems(strict.out) == [p]


def test_parts_and_markers_are_not_linted(project: Path, zj) -> None:
    md = project / REPORT_MD
    md.write_text(
        md.read_text(encoding="utf-8") + "\n其中3次党组会议在基层召开。\n\n召开第9次党组会议。\n",
        encoding="utf-8",
    )
    reapprove(project)
    assert problems(zj("check", "--strict", "-C", project).out) == []


def test_unconfirmed_values_are_reported_until_removed(project: Path, zj) -> None:
    yml = project / REPORT_YML
    original = yml.read_text(encoding="utf-8")
    yml.write_text(original + "待核实:\n  - activities[1].count\n  - shishi\n", encoding="utf-8")
    reapprove(project)
    run = zj("check", "-C", project)
    found = problems(run.out)
    assert [(p["line"], p["sev"]) for p in found] == [("6", "警告"), ("7", "警告")]
    assert "“activities[1].count”是从原文推测出的数值，尚待核实" in found[0]["msg"]
    assert "从“待核实”列表中删除" in run.out
    assert zj("check", "--strict", "-C", project).code == 1
    yml.write_text(original, encoding="utf-8")
    reapprove(project)
    assert problems(zj("check", "-C", project).out) == []


# -- bad input -------------------------------------------------------------------


def test_gbk_yaml(project: Path, zj) -> None:
    (project / REPORT_YML).write_bytes(
        (project / REPORT_YML).read_text(encoding="utf-8").encode("gbk")
    )
    run = zj("check", "-C", project)
    assert run.code == 1
    assert (
        f"{REPORT_YML}:2:1: 错误: [编码] 文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码" in run.out
    )
    assert "iconv -f GB18030 -t UTF-8" in run.out and "另存为" in run.out


def test_gbk_markdown(project: Path, zj) -> None:
    (project / REPORT_MD).write_bytes(
        (project / REPORT_MD).read_text(encoding="utf-8").encode("gbk")
    )
    run = zj("check", "-C", project)
    assert run.code == 1
    assert (
        f"{REPORT_MD}:1:1: 错误: [编码] 文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码" in run.out
    )
    assert "iconv" in run.out


def test_bom_yaml_and_markdown(project: Path, zj) -> None:
    for rel in (REPORT_YML, REPORT_MD):
        path = project / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    run = zj("check", "-C", project)
    assert run.code == 0  # a BOM is harmless: warned, then ignored
    warned = {p["path"] for p in problems(run.out) if "BOM" in p["msg"]}
    assert warned == {REPORT_YML, REPORT_MD}
    assert "UTF-8（无 BOM）" in run.out


def test_tabs_in_yaml(project: Path, zj) -> None:
    write(
        project / REPORT_YML,
        "title: x\ndate: 2021-12-20\nactivities:\n\t- {kind: 党组会议, count: 2}\n",
    )
    run = zj("check", "-C", project)
    assert run.code == 1
    assert f"{REPORT_YML}:4:1: 错误: [缩进] 行首使用了制表符（Tab）缩进" in run.out
    assert "把 Tab 换成两个空格" in run.out


def test_fullwidth_colon(project: Path, zj) -> None:
    write(project / REPORT_YML, "title： 报告\ndate: 2021-12-20\n")
    run = zj("check", "-C", project)
    assert run.code == 1
    assert f"{REPORT_YML}:1:6: 错误: [title] 键名后使用了全角冒号“：”" in run.out
    assert "改为英文冒号" in run.out


def test_module_entry_point_never_prints_a_traceback(project: Path) -> None:
    (project / REPORT_YML).write_bytes("title： 报告\n".encode("gbk"))
    proc = subprocess.run(
        [sys.executable, "-m", "zongjie", "check", "-C", str(project)],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "不是 UTF-8 编码" in proc.stdout
