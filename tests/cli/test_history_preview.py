"""Page history from git (reproducible, optional) and the dirty-preview staleness rule."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, Files

from zongjie.git.history import Revision, latest, load_history
from zongjie.layout import ProjectLayout
from zongjie.rules import load_project
from zongjie.site.atomic_build import build_site
from zongjie.site.preview import mark_stale_pages

ROOT = Path(__file__).resolve().parents[2]
GIT = shutil.which("git")
PAGE = "campaigns/dangshi-2021/shi-wenlian/index.html"


def _git(
    root: Path, *args: str, day: str = "2021-12-21T10:00:00+08:00", author: str = "张编辑"
) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME=author,
        GIT_AUTHOR_EMAIL="a@example.org",
        GIT_COMMITTER_NAME=author,
        GIT_COMMITTER_EMAIL="a@example.org",
        GIT_AUTHOR_DATE=day,
        GIT_COMMITTER_DATE=day,
        GIT_CONFIG_GLOBAL="/dev/null",
    )
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def _site_config(project: Path) -> Path:
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "mkdocs.yml").write_text(
        "site_name: 测试\n"
        "theme: {name: material, language: zh, custom_dir: overrides, font: false}\n"
        "hooks: [hooks/zongjie_hooks.py]\nplugins: []\n",
        encoding="utf-8",
    )
    return project / "mkdocs.yml"


def test_no_git_no_history(project: Path) -> None:
    assert load_history(ProjectLayout.at(project)) is None


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_history_from_commits(project: Path) -> None:
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "first")
    (project / "data/reports/dangshi-2021/shi-wenlian.yml").write_text(
        (project / "data/reports/dangshi-2021/shi-wenlian.yml").read_text(encoding="utf-8")
        + "# 改\n",
        encoding="utf-8",
    )
    _git(project, "commit", "-qam", "second", day="2022-01-05T09:00:00+08:00", author="李审核")
    history = load_history(ProjectLayout.at(project))
    assert history is not None
    content = load_project(project)

    def last_change(uid: str) -> Revision | None:
        report = content.reports[("dangshi-2021", uid)]
        return latest(history, [content.rel(content.docs_dir / report.page_src), report.doc.path])

    newest = last_change("shi-wenlian")
    assert newest is not None
    assert (newest.date.isoformat(), newest.author) == ("2022-01-05", "李审核")
    other = last_change("shi-jiaoyuju")
    assert other is not None and (other.date.isoformat(), other.author) == ("2021-12-21", "张编辑")
    assert latest(history, ["docs/nope.md"]) is None


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_build_shows_history_and_works_outside_git(project: Path, tmp_path: Path) -> None:
    config = _site_config(project)
    site = build_site(config, tmp_path / "site1", strict=False)
    html = (site / PAGE).read_text(encoding="utf-8")
    assert "zj-page-history" not in html and "市文联党史学习教育工作总结报告" in html
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "报送")
    first = (build_site(config, tmp_path / "site2", strict=False) / PAGE).read_text(
        encoding="utf-8"
    )
    assert '最后更新：<time datetime="2021-12-21">2021年12月21日</time>' in first
    assert "修改人：张编辑" in first
    # The commit's date, not the file's mtime or the clock: touching the file changes nothing.
    os.utime(project / "docs/campaigns/dangshi-2021/shi-wenlian.md")
    again = (build_site(config, tmp_path / "site3", strict=False) / PAGE).read_text(
        encoding="utf-8"
    )
    assert again == first


def _files(project: Path, site: Path) -> Files:
    docs = project / "docs"
    return Files(
        [
            File(p.relative_to(docs).as_posix(), str(docs), str(site), True)
            for p in sorted(docs.rglob("*.md"))
        ]
    )


def test_mark_stale_pages(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    content = load_project(project)
    files = _files(project, site)
    assert mark_stale_pages(content, files, []) == 0  # nothing built yet: MkDocs builds everything
    past = time.time() - 100
    for path in [*project.rglob("*.md"), *project.rglob("*.yml")]:
        os.utime(path, (past, past))
    for file in files:
        Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(file.abs_dest_path).write_text("<html></html>", encoding="utf-8")
        os.utime(file.abs_dest_path, (past + 50, past + 50))  # built after the last edit
    files = _files(project, site)
    assert mark_stale_pages(content, files, []) == 0
    assert not any(f.is_modified() for f in files)

    (project / "data/reports/dangshi-2021/shi-wenlian.yml").touch()  # an editor saves the data
    files = _files(project, site)
    marked = mark_stale_pages(content, files, [])
    modified = {f.src_uri for f in files if f.is_modified()}
    assert (
        modified
        == {"campaigns/dangshi-2021/shi-wenlian.md", "campaigns/dangshi-2021/index.md", "index.md"}
        and marked == 3
    )

    templates = tmp_path / "overrides"
    templates.mkdir()
    (templates / "x.html").write_text(
        "x", encoding="utf-8"
    )  # a template change rebuilds every page
    files = _files(project, site)
    assert mark_stale_pages(content, files, [templates]) == len(files) == 4
    assert all(f.is_modified() for f in files)


def test_yaml_cache_rereads_edited_files(tmp_path: Path) -> None:
    from zongjie.data.yamlfile import load_yaml

    path = tmp_path / "a.yml"
    path.write_text("title: 一\n", encoding="utf-8")
    first = load_yaml(path, tmp_path)
    assert load_yaml(path, tmp_path) is first  # unchanged: not parsed again
    path.write_text("title: 二二\n", encoding="utf-8")
    assert load_yaml(path, tmp_path).data == {"title": "二二"}


def test_a_saved_report_rebuilds_only_the_generated_pages_that_add_it_up(tmp_path: Path) -> None:
    """At thousands of units, rebuilding every organisation's and unit's generated page on each
    save is most of the preview's wait: only those whose reports changed are rebuilt."""
    from zongjie.demo import write_demo

    project = tmp_path / "demo"
    write_demo(project, units=30, campaigns=1, seed=2)  # 省 → 2 cities → counties → units
    content = load_project(project)
    site = tmp_path / "site"
    plugins = SimpleNamespace(_current_plugin="zongjie")
    config = SimpleNamespace(site_dir=str(site), use_directory_urls=True, plugins=plugins)
    sources = [
        "danwei/u0000.md",  # the unit whose report is saved, and the organisations above it
        "danwei/c01-x01.md",
        "danwei/c01.md",
        "campaigns/dangshi-2021/zuzhi/c01-x01/index.md",
        "campaigns/dangshi-2021/zuzhi/c01/index.md",
        "danwei/u0002.md",  # a unit in another city, and that city
        "danwei/c02.md",
        "campaigns/dangshi-2021/zuzhi/c02/index.md",
        "campaigns/dangshi-2021/progress.md",  # not an organisation's or a unit's page
    ]
    assert [n.id for n in content.tree.chain("u0000")] == ["", "c01", "c01-x01", "u0000"]
    assert [n.id for n in content.tree.chain("u0002")][1] == "c02"

    def files() -> Files:
        made = [File.generated(config, src, content="x") for src in sources]  # type: ignore[arg-type]
        return Files(made)

    past = time.time() - 100
    for path in project.rglob("*.yml"):
        os.utime(path, (past, past))
    for file in files():
        Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(file.abs_dest_path).write_text("<html></html>", encoding="utf-8")
        os.utime(file.abs_dest_path, (past + 50, past + 50))
    built = files()
    mark_stale_pages(content, built, [])
    assert [f.src_uri for f in built if f.is_modified()] == ["campaigns/dangshi-2021/progress.md"]

    (project / "data/reports/dangshi-2021/u0000.yml").touch()
    saved = files()
    mark_stale_pages(content, saved, [])
    assert [f.src_uri for f in saved if f.is_modified()] == [*sources[:5], sources[-1]]
