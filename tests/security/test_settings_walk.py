"""No setting, variable or command line can make a readers' site show more than approved
公开 reports: every combination either builds (or publishes) such a site, or is refused with a
Chinese error at its line in mkdocs.yml.

The project has one report of each kind, each with a sentence only it contains: approved and
公开 (must be public), approved and 内部, a draft, and an approved report of a 内部 campaign (all
three must never be outside the restricted tree, and that tree must sit under the prefix the
published nginx.conf protects).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from publish.publish_support import files_containing
from zongjie.data.report_yaml import set_fields
from zongjie.demo import write_demo
from zongjie.rules.approval import digest

from .conftest import run_zongjie

A, B = "dangshi-2021", "zhuti-2022"
PUBLIC = "公开报告独有的句子：东山坡上新修了十里林荫道。"
SECRET = {
    "internal": "内部报告独有的句子：七号仓库的盘点数字另行报告。",
    "draft": "草稿报告独有的句子：西河湾里新建了一座便民桥。",
    "campaign": "内部活动报告独有的句子：北岭哨所的值守安排另文下发。",
}
ERROR_AT_MKDOCS_YML = re.compile(r"mkdocs\.yml:\d+:\d+: 错误: ")


def _approve(root: Path, cid: str, uid: str) -> None:
    page = root / "docs/campaigns" / cid / f"{uid}.md"
    data = root / "data/reports" / cid / f"{uid}.yml"
    text = data.read_text(encoding="utf-8")
    text = set_fields(text, {"reviewed_digest": digest(text, page.read_text(encoding="utf-8"))})
    data.write_text(text, encoding="utf-8")


def _add(root: Path, cid: str, uid: str, sentence: str, fields: dict[str, object]) -> None:
    page = root / "docs/campaigns" / cid / f"{uid}.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    data = root / "data/reports" / cid / f"{uid}.yml"
    data.write_text(set_fields(data.read_text(encoding="utf-8"), fields), encoding="utf-8")
    if fields.get("status", "已审定") == "已审定":
        _approve(root, cid, uid)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("walk") / "project"
    write_demo(root, units=3, campaigns=2, seed=1)
    _add(root, A, "u0000", PUBLIC, {})
    _add(root, A, "u0001", SECRET["internal"], {"visibility": "内部"})
    draft = {"status": "草稿", "reviewed_by": None, "reviewed_on": None, "reviewed_digest": None}
    _add(root, A, "u0002", SECRET["draft"], {**draft, "submitted_on": None})
    campaign = root / "data/campaigns" / f"{B}.yml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + "visibility: 内部\n", "utf-8")
    _add(root, B, "u0000", SECRET["campaign"], {})
    return root


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(template, root)
    return root


def _configure(root: Path, zongjie: dict[str, object] | None = None, hooks: list[str] | None = None,
               raw: str = "") -> None:  # fmt: skip
    path = root / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    if zongjie is not None:
        config.setdefault("extra", {})["zongjie"] = zongjie
    if hooks is not None:
        config["hooks"] = hooks
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False) + raw, "utf-8")


def _assert_readers_site(site: Path, prefix: str = "nb") -> None:
    """Approved public content only; everything else, if anywhere, under ``prefix``."""
    assert files_containing(site, PUBLIC, skip=prefix), "the public report must be published"
    for what, sentence in SECRET.items():
        assert files_containing(site, sentence, skip=prefix) == [], f"{what} report leaked"
    for folder in site.iterdir():
        if folder.is_dir() and folder.name != prefix:
            assert not files_containing(folder, SECRET["internal"]), folder


@dataclass(frozen=True)
class Case:
    """One combination: mkdocs.yml settings, environment, and the commands run in order."""

    name: str
    zongjie: dict[str, object] | None = None
    env: dict[str, str] = field(default_factory=dict)
    commands: tuple[tuple[str, ...], ...] = (("zongjie", "build", "-q"),)
    refused: str = ""
    """A fragment of the error of the last command; empty: it must succeed."""
    at_line: bool = True
    """The refusal names mkdocs.yml:line."""
    hooks: tuple[str, ...] | None = None
    raw: str = ""
    """Text appended to mkdocs.yml as written (a YAML tag MkDocs reads)."""


def _walk() -> list[Case]:
    cases: list[Case] = []
    builders = {
        "zongjie-build": (("zongjie", "build", "-q"),),
        "mkdocs-build": (("mkdocs", "build", "-q"),),
        "zongjie-publish": (("zongjie", "publish", "--dest", "{dest}"),),
    }
    for audience in (None, "public", "restricted", "editors"):
        for builder, commands in builders.items():
            settings = {} if audience is None else {"audience": audience}
            refused = "extra.zongjie.audience" if audience in ("restricted", "editors") else ""
            cases.append(Case(f"{builder}-audience-{audience}", settings, commands=commands,
                              refused=refused))  # fmt: skip
    pdf_env = {"ZONGJIE_PDF_JOBS": "1", "ZONGJIE_SERVE_PDF": "1", "ZONGJIE_PDF_CACHE": "/tmp/zj"}
    cases += [
        Case("environment-overrides", env=pdf_env),
        Case("environment-overrides-with-editors", {"audience": "editors"}, env=pdf_env,
             refused="extra.zongjie.audience"),
        Case("audience-from-an-environment-tag", env={"ZJ_AUDIENCE": "editors"},
             raw="extra:\n  zongjie:\n    audience: !ENV [ZJ_AUDIENCE, public]\n",
             refused="extra.zongjie.audience"),
        Case("check-audience-editors", {"audience": "editors"}, commands=(("zongjie", "check"),),
             refused="extra.zongjie.audience"),
        Case("mkdocs-build-dirty", commands=(("mkdocs", "build", "-q", "--dirty"),),
             refused="--dirty"),
        Case("other-prefix", {"publish": {"restricted_prefix": "neibu"}}),
        Case("editors-copy-into-the-site-folder",
             commands=(("zongjie", "build", "--audience", "editors"),),
             refused="不能生成到读者网站的目录", at_line=False),
        Case("editors-copy-published",
             commands=(("zongjie", "build", "--audience", "editors", "-d", "preview"),
                       ("zongjie", "publish", "--dest", "{dest}", "--site", "preview")),
             refused="含有未审定或内部的报告", at_line=False),
        Case("restricted-on-the-command-line",
             commands=(("zongjie", "build", "--audience", "restricted"),),
             refused="restricted", at_line=False),
        Case("prefix-changed-before-publishing",
             commands=(("zongjie", "build", "-q"),
                       ("set-prefix", "neibu"),
                       ("zongjie", "publish", "--dest", "{dest}", "--site", "site")),
             refused="nginx 会保护错误的目录", at_line=False),
        Case("no-zongjie-hooks", hooks=("hooks/zongjie_search.py",),
             refused="没有经过 zongjie 的构建事件"),
        Case("no-zongjie-hooks-published", hooks=("hooks/zongjie_search.py",),
             commands=(("mkdocs", "build", "-q"),
                       ("zongjie", "publish", "--dest", "{dest}", "--site", "site")),
             refused="不是 zongjie 构建的读者网站", at_line=False),
        Case("publish-built-site", commands=(("zongjie", "build", "-q"),
                                             ("zongjie", "publish", "--dest", "{dest}", "--site",
                                              "site"))),
    ]  # fmt: skip
    return cases


CASES = _walk()


def _run(root: Path, dest: Path, command: tuple[str, ...], env: dict[str, str]):  # type: ignore[no-untyped-def]
    args = [a.replace("{dest}", str(dest)) for a in command]
    if args[0] == "set-prefix":
        _configure(root, {"publish": {"restricted_prefix": args[1]}})
        return None
    if args[0] == "mkdocs":
        import importlib.metadata
        import subprocess
        import sys

        # `make test-properdocs` runs this suite where properdocs, not mkdocs, is installed (it
        # aliases the mkdocs module in its own process only, so ask for the distribution).
        try:
            importlib.metadata.distribution("mkdocs")
            tool = "mkdocs"
        except importlib.metadata.PackageNotFoundError:
            tool = "properdocs"
        return subprocess.run(
            [sys.executable, "-m", tool, *args[1:]], cwd=root, capture_output=True,
            text=True, timeout=300, check=False,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env),
        )  # fmt: skip
    return run_zongjie(*args[1:], cwd=root, env=env)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_settings_walk(project: Path, tmp_path: Path, case: Case) -> None:
    _configure(project, case.zongjie, list(case.hooks) if case.hooks is not None else None,
               case.raw)  # fmt: skip
    dest = tmp_path / "dest"
    done = None
    for command in case.commands:
        done = _run(project, dest, command, case.env) or done
        last = command
    assert done is not None
    output = done.stdout + done.stderr
    if case.refused:
        assert done.returncode != 0, output
        assert case.refused in output, output
        if case.at_line:
            assert ERROR_AT_MKDOCS_YML.search(output), output
        assert "Traceback" not in output, output
        if last[0] == "zongjie" and last[1] == "publish":
            assert not (dest / "current").exists()
        if "--dirty" not in last and "-d" not in last and last[1] != "publish":
            assert not (project / "site").exists(), "a refused build writes no site"
        return
    assert done.returncode == 0, output
    if last[1] == "check":
        return
    prefix = "neibu" if case.name == "other-prefix" else "nb"
    site = (dest / "current").resolve() if last[1] == "publish" else project / "site"
    _assert_readers_site(site, prefix)
    if last[0] == "zongjie" and "--audience" not in last:
        assert (site / prefix / f"campaigns/{A}/u0001/index.html").is_file()
    if last[1] == "publish":
        conf = (dest / "nginx.conf").read_text(encoding="utf-8")
        assert f"location ^~ /{prefix}/ {{" in conf
