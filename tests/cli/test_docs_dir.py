"""A project whose pages live in ``docs_dir: 内容``: every command finds them there.

The layout (``zongjie.layout.ProjectLayout``) is read from mkdocs.yml once; a command that
assumed ``docs/`` would write a new narrative beside the site's pages, or report a report's
narrative as missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from support import make_mini_project

DOCS = "内容"
REPORT = "dangshi-2021/shi-xinwenju"


def _project(tmp_path: Path) -> Path:
    project = make_mini_project(tmp_path / "project")
    shutil.move(project / "docs", project / DOCS)
    config = project / "mkdocs.yml"
    config.write_text(f"docs_dir: {DOCS}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    return project


def test_every_command_uses_the_configured_docs_dir(tmp_path: Path, zj) -> None:
    project = _project(tmp_path)
    assert zj("check", "-C", project).code == 0

    # new: the narrative goes into 内容/, never into a docs/ folder the site does not read
    unit = zj(
        "new", "unit", "shi-xinwenju", "--name", "市新闻出版局", "--short-name", "市新闻局",
        "--kind", "机关", "-C", project,
    )  # fmt: skip
    assert unit.code == 0, unit.err
    new = zj("new", "report", "--campaign", "dangshi-2021", "--unit", "shi-xinwenju", "-C", project)
    assert new.code == 0, new.err
    assert (project / DOCS / "campaigns" / f"{REPORT}.md").is_file()
    assert not (project / "docs").exists()
    checked = zj("check", "-C", project)
    assert "报告缺少正文" not in checked.out + checked.err

    # import: a text report over the skeleton, its narrative in 内容/ as well
    source = tmp_path / "新闻局总结.txt"
    source.write_text(
        "市新闻出版局党史学习教育工作总结报告\n一、开展的主要工作\n"
        "今年以来，我局召开党组会议3次，专题学习党史。\n市新闻出版局\n2021年12月10日\n",
        encoding="utf-8",
    )
    imported = zj(
        "import", source, "--campaign", "dangshi-2021", "--unit", "shi-xinwenju", "--force",
        "-C", project,
    )  # fmt: skip
    assert imported.code == 0, imported.err
    assert "党组会议" in (project / DOCS / "campaigns" / f"{REPORT}.md").read_text(encoding="utf-8")
    assert not (project / "docs").exists()

    # the review cycle fingerprints the narrative in 内容/: approved, the report is unchanged
    seed = "dangshi-2021/shi-wenlian"
    assert zj("submit", seed, "-C", project).code == 0
    review = zj("review", "-C", project)
    assert review.code == 0 and "shi-wenlian" in review.out and "shi-xinwenju" in review.out
    approved = zj("approve", seed, "--by", "审核人", "-C", project)
    assert approved.code == 0, approved.err
    after = zj("check", "-C", project, "data/reports/dangshi-2021/shi-wenlian.yml")
    assert after.code == 0 and "之后有改动" not in after.out, after.out
    stats = zj("stats", "-C", project)
    assert "市文联" not in stats.out.split("尚未报送")[-1], stats.out

    # the build takes its pages from 内容/
    built = zj("build", "-f", project / "mkdocs.yml", "-d", project / "site")
    assert built.code == 0, built.err
    assert (project / "site/campaigns/dangshi-2021/shi-wenlian/index.html").is_file()
