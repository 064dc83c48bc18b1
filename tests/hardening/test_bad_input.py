"""Bad-input corpus: every case in ``bad_input/`` must fail ``zongjie check`` and ``zongjie build``
with a non-zero exit, and both commands must report the same findings (severity, ``path:line``
and message): the two share one rule set.

A case is one YAML file (golden-file style; adding a case means adding a file)::

    about: what is wrong, in one line
    strict: false            # optional: run both commands with --strict (warnings fail)
    edits:                   # applied in order to a copy of a tiny valid project
      - file: data/reports/dangshi-2021/u0000.yml
        replace: "count: 2"  # text that must occur in the file ...
        with: "count: 两次"  # ... and what it becomes
      - file: data/x.yml
        write: "text"        # create or overwrite; optional encoding: gbk, bom: true
      - file: docs/a.md
        delete: true
      - file: data/y.yml
        append: "text"
      - file: data/z.yml
        pad_mb: 50           # grow the file with comment lines to this size (made at test time)
      - file: data/z.yml
        nest: 40             # append a key holding a mapping nested this deep
      - file: docs/a.md
        symlink: "{outside}/secret.md"  # a symbolic link; {outside} is a folder next to the
                                        # project holding secret.md, secret.png and secret.yml
    expect:
      - where: data/reports/dangshi-2021/u0000.yml:7   # path:line that must be reported
        message: 应为整数                               # substring of the message
        severity: 警告                                  # optional; 错误 by default
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from zongjie import framework

from .conftest import run_zongjie

CASES_DIR = Path(__file__).parent / "bad_input"
CASES = sorted(CASES_DIR.glob("*.yml"))
# One reported problem: "path:line:col: 错误: [field] message", also inside a log line.
FINDING = re.compile(r"(?P<where>[^\s：]+:\d+):\d+: (?P<severity>错误|警告): (?P<text>.*)$")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# A wrapped usage line holds only option syntax, e.g. "      [--plain]".
USAGE_TAIL = re.compile(r"^\s+(?:\[?-{1,2}[a-z][\w-]*[\]\s]*|\[|\])+$")
# Never published, never quoted: the content of the files behind links out of the project.
SECRET = "外部机密内容-7f3a"
OUTSIDE_FILES = {
    "secret.md": f"# 外部文件\n\n{SECRET}\n",
    "secret.png": f"PNG {SECRET}",
    "secret.yml": f"resources:\n- id: waibu\n  title: {SECRET}\n  kind: 书籍\n",
}


def load_case(path: Path) -> dict[str, Any]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(case) <= {"about", "strict", "edits", "expect"}, f"{path.name}: unknown keys"
    assert case["expect"], f"{path.name}: a case needs at least one expected message"
    return case


def apply_edit(root: Path, edit: dict[str, Any], outside: Path) -> None:
    target = root / edit["file"]
    target.parent.mkdir(parents=True, exist_ok=True)
    if "replace" in edit:
        text = target.read_text(encoding="utf-8")
        assert edit["replace"] in text, f"{edit['file']}: no {edit['replace']!r} to replace"
        target.write_text(text.replace(edit["replace"], edit["with"], 1), encoding="utf-8")
    elif "write" in edit:
        raw = edit["write"].encode(edit.get("encoding", "utf-8"))
        target.write_bytes((b"\xef\xbb\xbf" if edit.get("bom") else b"") + raw)
    elif "append" in edit:
        with target.open("a", encoding="utf-8") as fh:
            fh.write(edit["append"])
    elif edit.get("delete"):
        target.unlink()
    elif "pad_mb" in edit:
        line = b"# " + "填充".encode() * 30 + b"\n"
        with target.open("ab") as fh:
            for _ in range(edit["pad_mb"] * 1024 * 1024 // len(line) + 1):
                fh.write(line)
    elif "nest" in edit:
        depth = int(edit["nest"])
        body = "".join(f"{'  ' * i}k{i}:\n" for i in range(depth)) + "  " * depth + "leaf: 1\n"
        with target.open("a", encoding="utf-8") as fh:
            fh.write(body)
    elif "symlink" in edit:
        if target.exists() or target.is_symlink():
            target.unlink()
        os.symlink(edit["symlink"].replace("{outside}", str(outside)), target)
    else:
        raise AssertionError(f"unknown edit {edit}")


def english(output: str) -> list[str]:
    """Lines a reader would have to read in English: no Chinese, not a wrapped usage line."""
    return [
        ln
        for ln in output.splitlines()
        if ln.strip() and not CJK.search(ln) and not USAGE_TAIL.match(ln)
    ]


def findings(output: str) -> set[tuple[str, str, str]]:
    """``(severity, path:line, message)`` of every problem a command reported."""
    found = set()
    for line in output.splitlines():
        m = FINDING.search(line)
        if m:
            found.add((m["severity"], m["where"], m["text"]))
    return found


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 76  # 51 cases of the first round, 25 or more of the second


@pytest.mark.parametrize("case_file", CASES, ids=[p.stem for p in CASES])
def test_bad_input(case_file: Path, tiny: Path) -> None:
    case = load_case(case_file)
    outside = tiny.parent / "outside"
    outside.mkdir()
    for name, text in OUTSIDE_FILES.items():
        (outside / name).write_text(text, encoding="utf-8")
    for edit in case.get("edits", []):
        apply_edit(tiny, edit, outside)
    strict = ["--strict"] if case.get("strict") else []
    reported = {}
    for command in (["check", *strict], ["build", "-q", *strict]):
        done = run_zongjie(*command, cwd=tiny)
        output = done.stdout + done.stderr
        name = f"zongjie {' '.join(command)}"
        assert done.returncode != 0, f"{name} accepted bad input:\n{output}"
        assert "Traceback" not in output, f"{name} crashed:\n{output}"
        assert SECRET not in output, f"{name} quoted a file from outside the project:\n{output}"
        assert not english(output), f"{name} printed lines without Chinese:\n{output}"
        reported[command[0]] = found = findings(output)
        for want in case["expect"]:
            severity = want.get("severity", "错误")
            hits = [text for sev, where, text in found if where == want["where"]]
            assert hits, f"{name}: no problem at {want['where']}:\n{output}"
            assert any(
                want["message"] in text and (severity, want["where"], text) in found
                for text in hits
            ), f"{name}: {want['where']} lacks {severity} “{want['message']}”:\n{output}"
    assert reported["check"] == reported["build"], (
        f"check and build disagree:\nonly check: {reported['check'] - reported['build']}\n"
        f"only build: {reported['build'] - reported['check']}"
    )
    assert not (tiny / "site").exists(), "a failed build must not publish a site"


# -- every command names the broken file -------------------------------------------------------

BROKEN = {
    # file, text replaced, replacement, where the problem must be reported
    "units": (
        "data/units.yml",
        "short_name: 城关教育0",
        'short_name: "城关教育0',
        "data/units.yml:4",
    ),
    "campaign": (
        "data/campaigns/dangshi-2021.yml",
        "year: 2021",
        "year: 二〇二一",
        "data/campaigns/dangshi-2021.yml:2",
    ),
}
REPORT_TXT = "城关区教育局党史学习教育工作总结报告\n一、开展的主要工作\n共召开2次党组会议。\n"
COMMANDS = {
    "check": ["check"],
    "build": ["build", "-q"],
    "stats": ["stats"],
    "stats-campaign": ["stats", "--campaign", "dangshi-2021"],
    "import": ["import", "report.txt", "--campaign", "dangshi-2021", "--unit", "u0000", "--force"],
    "new-report": ["new", "report", "--campaign", "dangshi-2021", "--unit", "u0000", "--force"],
    "new-unit": [
        "new",
        "unit",
        "u0009",
        "--name",
        "测试局",
        "--short-name",
        "测试",
        "--kind",
        "机关",
    ],
}


# ``new unit`` reads only the unit catalogue.
PAIRS = [
    (c, b) for c in sorted(COMMANDS) for b in sorted(BROKEN) if (c, b) != ("new-unit", "campaign")
]


@pytest.mark.parametrize(("command", "broken"), PAIRS, ids=[f"{c}-{b}" for c, b in PAIRS])
def test_every_command_names_the_broken_file(command: str, broken: str, tiny: Path) -> None:
    """A broken catalogue is the cause, whatever the command: no “未知的单位” instead, no
    构建失败 from a command that is not a build, and the file is left as it was."""
    rel, old, new, where = BROKEN[broken]
    apply_edit(tiny, {"file": rel, "replace": old, "with": new}, tiny)
    (tiny / "report.txt").write_text(REPORT_TXT, encoding="utf-8")
    before = (tiny / "data/units.yml").read_bytes()
    done = run_zongjie(*COMMANDS[command], cwd=tiny)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert f"{where}:" in output, f"zongjie {command} does not name {where}:\n{output}"
    assert "Traceback" not in output and "未知的" not in output, output
    assert ("构建失败" in output) == (command == "build"), output
    assert (tiny / "data/units.yml").read_bytes() == before, "a broken catalogue was written to"


# -- no English from the libraries ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["check", "--bogus"],
        ["check", "--format", "xml"],
        ["demo", "--units", "many", "--out", "x"],
        ["new", "report", "--campaign"],
        ["build", "-f", "no-such.yml"],
    ],
    ids=["no-command", "unknown-option", "bad-choice", "not-an-int", "missing-value", "no-config"],
)
def test_command_line_mistakes_are_explained_in_chinese(args: list[str], tiny: Path) -> None:
    done = run_zongjie(*args, cwd=tiny)
    output = done.stdout + done.stderr
    assert done.returncode in (1, 2) and "错误" in output
    assert not english(output), output
    assert "Traceback" not in done.stderr


def test_mkdocs_configuration_errors_are_chinese(tiny: Path) -> None:
    """Errors MkDocs finds in mkdocs.yml itself (not zongjie's settings) and the line MkDocs
    ends with are shown in Chinese; the last good site stays."""
    assert run_zongjie("build", "-q", cwd=tiny).returncode == 0
    index = (tiny / "site/index.html").read_bytes()
    apply_edit(tiny, {"file": "mkdocs.yml", "append": "docs_dir: no-such-folder\n"}, tiny)
    done = run_zongjie("build", cwd=tiny)
    output = done.stdout + done.stderr
    assert done.returncode == 1
    assert "mkdocs.yml 的设置“docs_dir”：目录" in output and "不存在" in output, output
    assert "构建中止" in output and "Aborted" not in output, output
    assert not english(output), output
    assert (tiny / "site/index.html").read_bytes() == index


def test_strict_warnings_abort_in_chinese(tiny: Path) -> None:
    apply_edit(tiny, {"file": "docs/index.md", "append": "\n[附件](fujian.md)\n"}, tiny)
    done = run_zongjie("build", "--strict", cwd=tiny)
    output = done.stdout + done.stderr
    assert done.returncode == 1
    assert "docs/index.md 中的链接“fujian.md”指向的文件不存在" in output, output
    assert "有 1 个警告，--strict 下按错误处理，构建已中止" in output, output
    assert not english(output), output


@pytest.mark.parametrize(
    ("append", "link", "said"),
    [
        ("\n\n[附件](fujian.md)\n", "fujian.md", "指向的文件不存在"),
        ("\n\n见[上文](#meiyou-zhege-biaoti)。\n", "#meiyou-zhege-biaoti", "本页没有这个锚点"),
        ("\n\n见[附表][1]。\n\n[1]: fubiao.md\n", "fubiao.md", "指向的文件不存在"),
        ("\n\n另见[报告](campaigns/no-such/x.md)\n", "campaigns/no-such/x.md", "指向的文件不存在"),
    ],
)
def test_broken_links_are_found_by_check_and_build_at_their_line(
    tiny: Path, append: str, link: str, said: str
) -> None:
    """MkDocs names a broken link's page, never its line; ``check`` did not look at links at
    all. Both now report it, at the line and column that write the link's target."""
    apply_edit(tiny, {"file": "mkdocs.yml", "append": "validation:\n  anchors: warn\n"}, tiny)
    apply_edit(tiny, {"file": "docs/index.md", "append": append}, tiny)
    source = (tiny / "docs/index.md").read_text(encoding="utf-8")
    target = source.rindex(link)  # the definition of a reference, the target of a link
    line = source.count("\n", 0, target) + 1
    col = target - source.rfind("\n", 0, target)
    at = f"docs/index.md:{line}:{col}: "
    check = run_zongjie("check", "--strict", cwd=tiny)
    build = run_zongjie("build", "--strict", cwd=tiny)
    for done in (check, build):
        output = done.stdout + done.stderr
        assert done.returncode == 1, output
        assert re.search(rf"{re.escape(at)}.*“{re.escape(link)}”.*{said}", output), output
        assert not english(output), output


def test_mkdocs_build_itself_fails_with_the_same_problem_lines(tiny: Path) -> None:
    """Editors may run ``mkdocs build`` directly: it must fail with zongjie's Chinese lines."""
    apply_edit(tiny, {"file": "data/units.yml", "replace": "kind: 机关", "with": "kind: 局"}, tiny)
    check = run_zongjie("check", cwd=tiny)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(
        [sys.executable, "-m", framework.NAME, "build", "-q"],  # `properdocs build` there
        cwd=tiny,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    assert findings(done.stdout + done.stderr) == findings(check.stdout + check.stderr) != set()
