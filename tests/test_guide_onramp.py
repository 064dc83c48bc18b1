"""The guide's first page takes an editor from nothing to a submitted report: every command it
shows exists (zongjie's subcommands and options, make targets), its CI examples are valid YAML
that run zongjie import and check, and it links every other guide page (in the readers' site
they are reached only from it)."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from conftest import ROOT

PAGE = ROOT / "docs/guide/index.md"
BLOCK = re.compile(r"^[ \t]*```(\w*)\n(.*?)^[ \t]*```", re.DOTALL | re.MULTILINE)


def blocks(kind: str | None = None) -> list[str]:
    found = BLOCK.findall(PAGE.read_text(encoding="utf-8"))
    return [body for lang, body in found if kind is None or lang == kind]


def command_lines() -> list[str]:
    """Each command in the page's shell blocks and CI scripts, without its comment."""
    lines = [ln for body in blocks() for ln in body.splitlines()]
    return [re.split(r"\s+#\s", ln.strip(), maxsplit=1)[0] for ln in lines if ln.strip()]


def zongjie_args(line: str) -> list[str]:
    line = re.sub(r'"\$\(.*\)"', "dangshi-2021", line)  # "$(basename "$(dirname "$f")")"
    line = line.split("||")[0].split("zongjie ", 1)[1]
    return shlex.split(line.replace('"$f"', "总结报告.docx"))


def test_every_zongjie_command_on_the_page_parses() -> None:
    from zongjie.cli.main import _parser

    lines = [ln for ln in command_lines() if re.match(r"(\S*/)?zongjie\s", ln)]
    lines += [ln for ln in command_lines() if "/zongjie " in ln and ln not in lines]
    seen = set()
    for line in lines:
        args = zongjie_args(line)
        if args == ["--help"]:
            continue
        parsed = _parser().parse_args(args)  # an unknown command or option exits here
        seen.add(parsed.command)
    assert {"new", "import", "check", "submit"} <= seen, seen


def test_make_targets_and_the_preview_command_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = {
        t.replace("$(VENV)", ".venv") for t in re.findall(r"^(\S+):", makefile, re.MULTILINE)
    }
    used = {m for ln in command_lines() for m in re.findall(r"\bmake (\S+)", ln)}
    assert used and used <= targets, used - targets
    recipe = re.search(r"^serve:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe is not None
    steps = re.findall(r"^\t\$\(BIN\)/(.+)$", recipe.group(1), re.MULTILINE)
    assert steps and all(step in command_lines() for step in steps)  # Windows = make serve
    assert not any(re.match(r"zongjie serve\b", ln) for ln in command_lines())


@pytest.mark.parametrize("key", ["import-word", "jobs"])
def test_ci_examples_import_and_check(key: str) -> None:
    ci = next(yaml.safe_load(b) for b in blocks("yaml") if f"{key}:" in b)
    if key == "jobs":
        steps = ci["jobs"]["import"]["steps"]
        script = [s["run"] for s in steps if "run" in s]
        assert ci[True]["push"]["paths"] == ["收到的报告/**"]  # YAML 1.1 reads `on` as True
    else:
        script = ci[key]["script"]
    text = "\n".join(script)
    assert "make .venv/.runtime" in text
    assert ".venv/bin/zongjie import" in text and ".venv/bin/zongjie check" in text


def test_the_first_page_links_every_guide_page() -> None:
    text = PAGE.read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([\w-]+\.md)(?:#[^)]*)?\)", text))
    pages = {p.name for p in PAGE.parent.glob("*.md")} - {"index.md"}
    assert pages <= linked, pages - linked
