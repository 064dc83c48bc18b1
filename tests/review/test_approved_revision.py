"""Readers see the approved revision of a report, taken from git when it has been edited since."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .conftest import CAMPAIGN, CANARY, site_texts, squeeze, zongjie

EDIT = "审定之后才写的句子：东山坡上新栽了三百棵桃树。"


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=编辑乙", "-c", "user.email=e@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def _edit_after_approval(root: Path) -> None:
    page = root / "docs/campaigns" / CAMPAIGN / "u0000.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{EDIT}\n", encoding="utf-8")


def _assert_approved_text(site: Path) -> None:
    texts = site_texts(site)
    page = texts[f"campaigns/{CAMPAIGN}/u0000/index.html"]
    assert squeeze(CANARY["u0000"]) in page
    leaked = [name for name, text in texts.items() if squeeze(EDIT) in text]
    assert leaked == [], f"审定后的改动出现在 {leaked}"
    assert any(squeeze(CANARY["u0000"]) in t for n, t in texts.items() if n.startswith("search/"))


def test_edit_committed_after_approval_never_reaches_readers(
    review_template: Path, tmp_path: Path
) -> None:
    root = shutil.copytree(review_template, tmp_path / "project")
    shutil.rmtree(root / "site", ignore_errors=True)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "审定")
    _edit_after_approval(root)
    _git(root, "commit", "-q", "-am", "审定后的改动")

    done = zongjie(root, "build", "-q")  # not --strict: the edit is only a warning there
    assert done.returncode == 0, done.stdout + done.stderr
    _assert_approved_text(root / "site")

    shutil.rmtree(root / "site")
    done = _framework_build(root)
    assert done.returncode == 0, done.stdout + done.stderr
    _assert_approved_text(root / "site")


def _framework_build(root: Path) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    from zongjie import framework

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_CONFIG_GLOBAL": "/dev/null"}
    return subprocess.run(
        [sys.executable, "-m", framework.NAME, "build", "-q"],  # `properdocs build` there
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_edit_with_no_approved_revision_in_history_is_withheld(
    review_template: Path, tmp_path: Path
) -> None:
    root = shutil.copytree(review_template, tmp_path / "project")
    shutil.rmtree(root / "site", ignore_errors=True)
    _edit_after_approval(root)  # outside git: the approved text exists nowhere any more
    done = zongjie(root, "build", "-q")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "不发布" in done.stdout + done.stderr
    texts = site_texts(root / "site")
    assert not (root / "site/campaigns" / CAMPAIGN / "u0000").exists()
    assert [n for n, t in texts.items() if squeeze(EDIT) in t] == []
