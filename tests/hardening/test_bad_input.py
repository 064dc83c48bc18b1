"""Bad-input corpus: every case in ``bad_input/`` must fail ``zongjie check`` and ``zongjie build``
with a non-zero exit and a message that names ``path:line``.

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
    expect:
      - where: data/reports/dangshi-2021/u0000.yml:7   # path:line that must be printed
        message: 应为整数                               # substring of the message
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import run_zongjie

CASES_DIR = Path(__file__).parent / "bad_input"
CASES = sorted(CASES_DIR.glob("*.yml"))


def load_case(path: Path) -> dict[str, Any]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(case) <= {"about", "strict", "edits", "expect"}, f"{path.name}: unknown keys"
    assert case["expect"], f"{path.name}: a case needs at least one expected message"
    return case


def apply_edit(root: Path, edit: dict[str, Any]) -> None:
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
    else:
        raise AssertionError(f"unknown edit {edit}")


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case_file", CASES, ids=[p.stem for p in CASES])
def test_bad_input(case_file: Path, tiny: Path) -> None:
    case = load_case(case_file)
    for edit in case.get("edits", []):
        apply_edit(tiny, edit)
    strict = ["--strict"] if case.get("strict") else []
    for command in (["check", *strict], ["build", "-q", *strict]):
        done = run_zongjie(*command, cwd=tiny)
        output = done.stdout + done.stderr
        assert done.returncode != 0, f"zongjie {' '.join(command)} accepted bad input:\n{output}"
        assert "Traceback" not in output, f"zongjie {' '.join(command)} crashed:\n{output}"
        for want in case["expect"]:
            hits = [ln for ln in output.splitlines() if f"{want['where']}:" in ln]
            assert hits, f"zongjie {' '.join(command)}: no problem at {want['where']}:\n{output}"
            assert any(want["message"] in ln for ln in hits), (
                f"zongjie {' '.join(command)}: {want['where']} lacks “{want['message']}”:\n"
                + output
            )
    assert not (tiny / "site").exists(), "a failed build must not publish a site"
