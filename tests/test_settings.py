"""zongjie's settings in mkdocs.yml (``extra: zongjie:``) and their environment overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import tree_hash
from zongjie.cli.main import main
from zongjie.config import ENV_OVERRIDES, ZongjieConfig, load_settings
from zongjie.errors import ContentError

FAILED = "构建失败：上一次成功生成的站点保持不变。"


@pytest.fixture(autouse=True)
def no_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    """A CI runner's own overrides must not leak into these tests."""
    for name in ENV_OVERRIDES:
        monkeypatch.delenv(name, raising=False)


def with_settings(project: Path, block: str) -> int:
    """Append ``block`` under ``extra:`` of the project's mkdocs.yml; returns its first line."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.endswith("extra:\n  generator: false\n"), "the mini mkdocs.yml changed"
    config.write_text(text + block, encoding="utf-8")
    return text.count("\n") + 1


def build_cli(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["build", "-q", "-f", str(project / "mkdocs.yml")])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


# (settings block, offset of the wrong line in it, column, the error and hint lines)
BAD = {
    "jobs-not-a-number": (
        "  zongjie:\n    pdf:\n      jobs: abc\n",
        2,
        7,
        "[extra.zongjie.pdf.jobs] 应为整数（实际为：abc）",
        "只写阿拉伯数字，不带单位或汉字，如 5",
    ),
    "jobs-zero": (
        "  zongjie:\n    pdf:\n      cache_dir: x\n      jobs: 0\n",
        3,
        7,
        "[extra.zongjie.pdf.jobs] 数值过小，不能小于 1（实际为：0）",
        "改为不小于下限的数；没有可填的就删除这一项",
    ),
    "in-preview-not-a-bool": (
        "  zongjie:\n    pdf:\n      in_preview: 也许\n",
        2,
        7,
        "[extra.zongjie.pdf.in_preview] 应为 true 或 false（实际为：也许）",
        "写 true（是）或 false（否）",
    ),
    "misspelt-key": (
        "  zongjie:\n    pdf:\n      job: 2\n",
        2,
        7,
        "[extra.zongjie.pdf.job] 未知字段（可能拼写有误）（实际为：2）",
        "可用的设置：pdf.jobs、pdf.cache_dir、pdf.in_preview、pdf.part_size"
        "（说明见 README 的“设置”一节）",
    ),
    "section-not-a-mapping": (
        "  zongjie:\n    pdf: 3\n",
        1,
        5,
        "[extra.zongjie.pdf] 应为映射（“键: 值”的形式）（实际为：3）",
        "在下一行多缩进两个空格，逐行写“键: 值”",
    ),
    "block-not-a-mapping": (
        "  zongjie: 5\n",
        0,
        12,
        "[extra.zongjie] 应为映射（“键: 值”的形式）",
        "在 zongjie: 的下一行多缩进两个空格写各项设置，如 pdf:",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_wrong_setting_fails_at_its_line_and_keeps_the_site(
    case: str, mini_project: Path, build, capsys: pytest.CaptureFixture[str]
) -> None:
    site = build(mini_project)
    before = tree_hash(site)
    block, offset, col, error, hint = BAD[case]
    line = with_settings(mini_project, block) + offset
    code, output = build_cli(mini_project, capsys)
    assert code == 1, output
    lines = output.splitlines()
    where = f"mkdocs.yml:{line}:{col}: 错误: {error}"
    assert where in lines, output
    assert lines[lines.index(where) + 1] == f"    提示：{hint}"
    assert lines[-1] == FAILED and "Traceback" not in output
    assert tree_hash(site) == before, "a failed build must not touch the last good site"


def test_env_override_names_the_variable(
    mini_project: Path, build, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = build(mini_project)
    before = tree_hash(site)
    line = with_settings(mini_project, "  zongjie:\n    pdf:\n      jobs: 2\n") + 2
    monkeypatch.setenv("ZONGJIE_PDF_JOBS", "abc")
    code, output = build_cli(mini_project, capsys)
    assert code == 1
    # The value in the file is fine; the error is the variable's, shown at the key it replaces.
    assert (
        f"mkdocs.yml:{line}:7: 错误: [extra.zongjie.pdf.jobs] 应为整数（实际为：abc）"
        "（来自环境变量 ZONGJIE_PDF_JOBS）"
    ) in output.splitlines(), output
    assert output.splitlines()[-1] == FAILED
    assert tree_hash(site) == before


def test_env_override_without_the_key_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.setenv("ZONGJIE_SERVE_PDF", "有时")
    with pytest.raises(ContentError) as err:
        load_settings(config, {})
    (problem,) = err.value.problems
    assert (problem.path, problem.line, problem.field) == (
        "mkdocs.yml",
        1,
        "extra.zongjie.pdf.in_preview",
    )
    assert problem.message == "应为 true 或 false（实际为：有时）（来自环境变量 ZONGJIE_SERVE_PDF）"


def test_settings_defaults_file_values_and_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    defaults = load_settings(config, None)
    assert defaults == ZongjieConfig()
    assert (defaults.pdf.jobs, defaults.pdf.in_preview) == (None, False)
    assert defaults.cache_path(tmp_path) == tmp_path / ".cache/zongjie-pdf"

    from_file = {"zongjie": {"pdf": {"jobs": 3, "cache_dir": "pdf-cache", "in_preview": True}}}
    settings = load_settings(config, from_file)
    assert (settings.pdf.jobs, settings.pdf.in_preview) == (3, True)
    assert settings.cache_path(tmp_path) == tmp_path / "pdf-cache"  # relative to mkdocs.yml

    monkeypatch.setenv("ZONGJIE_PDF_JOBS", "5")
    monkeypatch.setenv("ZONGJIE_PDF_CACHE", str(tmp_path / "ci-cache"))
    monkeypatch.setenv("ZONGJIE_SERVE_PDF", "false")
    overridden = load_settings(config, from_file)
    assert overridden.pdf == type(overridden.pdf)(
        jobs=5, cache_dir=str(tmp_path / "ci-cache"), in_preview=False
    )
    assert overridden.cache_path(tmp_path) == tmp_path / "ci-cache"
    assert from_file["zongjie"]["pdf"]["jobs"] == 3  # MkDocs' own config is left as it was
