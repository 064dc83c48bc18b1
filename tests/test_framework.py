"""The active MkDocs implementation: zongjie's warnings count under --strict, and the CLI's
closing line belongs to ``build`` alone."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from tests.hardening.conftest import run_zongjie

from support import reapprove
from zongjie import framework
from zongjie.framework import count_warnings, plugin_logger

NARRATIVE = "docs/campaigns/dangshi-2021/ceshi-ju.md"
FAILED = "构建失败：上一次成功生成的站点保持不变。"


def test_plugin_logger_lives_under_the_active_implementation() -> None:
    assert framework.NAME in ("mkdocs", "properdocs")
    assert plugin_logger("zongjie.pdf").name == f"{framework.NAME}.plugins.zongjie.pdf"


def test_warnings_through_plugin_logger_are_counted() -> None:
    log = plugin_logger("zongjie.test")
    with count_warnings() as counter:
        log.info("不计")
        log.debug("不计")
        assert counter.count == 0
        log.warning("计一次")
        log.error("错误也计")
        # Material logs under mkdocs.*; properdocs' command counts those too, and so do we.
        logging.getLogger("mkdocs.plugins.material.test").warning("计一次")
        logging.getLogger("elsewhere.test").warning("不是构建的日志器，不计")
        assert counter.count == 3
    log.warning("计数结束之后")
    assert counter.count == 3


def _narrative_disagrees(project: Path) -> str:
    """Hand-type a number that contradicts the data: a warning (an error only under --strict)."""
    path = project / NARRATIVE
    text = path.read_text(encoding="utf-8")
    marker = "办实事<!-- zj:value shishi -->件"
    assert marker in text
    path.write_text(text.replace(marker, "共办实事7件", 1), encoding="utf-8")
    reapprove(project)  # the warning is about the number, not about an unreviewed edit
    return (
        f"{NARRATIVE}:7:38: 警告: [一致性.shishi] 正文写的是“共办实事7件”（7件），"
        "但数据中办实事为 2件"
    )


def test_build_strict_fails_on_a_zongjie_warning(mini_project: Path) -> None:
    warning = _narrative_disagrees(mini_project)

    plain = run_zongjie("build", "-q", cwd=mini_project)
    output = plain.stdout + plain.stderr
    assert plain.returncode == 0, output
    assert warning in output
    assert f"站点已生成：{mini_project / 'site'}（1 个警告）" in output

    strict = run_zongjie("build", "-q", "--strict", "-d", "strict-site", cwd=mini_project)
    output = strict.stdout + strict.stderr
    assert strict.returncode == 1, output
    lines = output.splitlines()
    assert warning in output and "Traceback" not in output
    assert "错误：有 1 个警告，--strict 下按错误处理，构建已中止" in lines, output
    assert lines[-1] == FAILED
    assert not (mini_project / "strict-site").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "-C", "no-such-project"], "错误：项目目录不存在：no-such-project"),
        (["check", "--strict"], "警告: [一致性.shishi]"),
        (["stats", "--campaign", "nope"], "错误：未知的活动 id “nope”"),
        (["new", "report", "--campaign", "nope", "--unit", "x"], "错误：未知的活动 id “nope”"),
        (
            [
                "import",
                "missing.docx",
                "--campaign",
                "dangshi-2021",
                "--unit",
                "ceshi-ju",
                "--force",
            ],
            "错误：找不到文件：missing.docx",
        ),
        (["verify", "missing.zip"], "无法读取归档包：文件不存在"),
    ],
    ids=["check-root", "check-strict", "stats", "new", "import", "verify"],
)
def test_other_commands_never_say_the_build_failed(
    mini_project: Path, args: list[str], message: str
) -> None:
    _narrative_disagrees(mini_project)
    done = run_zongjie(*args, cwd=mini_project)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert message in output and "Traceback" not in output
    assert "构建失败" not in output
