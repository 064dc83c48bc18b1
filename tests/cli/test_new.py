"""``zongjie new campaign|unit|report``: the files written, and the messages for bad arguments."""

from __future__ import annotations

from pathlib import Path

import yaml

from zongjie.rules import load_project


def test_new_campaign_unit_report_from_scratch(tmp_path: Path, zj) -> None:
    assert (
        zj(
            "new",
            "campaign",
            "dangji-2024",
            "--title",
            "党纪学习教育",
            "--year",
            "2024",
            "--start",
            "2024-04-01",
            "--end",
            "2024-07-31",
            "--outline",
            "主要做法",
            "取得成效",
            "存在不足",
            "下步打算",
            "-C",
            tmp_path,
        ).code
        == 0
    )
    assert (
        zj(
            "new",
            "unit",
            "shi-wenlian",
            "--name",
            "市文学艺术界联合会",
            "--short-name",
            "市文联",
            "--kind",
            "群团",
            "-C",
            tmp_path,
        ).code
        == 0
    )
    assert (
        zj(
            "new",
            "unit",
            "shi-jiaoyuju",
            "--name",
            "X市教育体育局",
            "--short-name",
            "市教育局",
            "--kind",
            "机关",
            "--parent",
            "市委教育工委",
            "-C",
            tmp_path,
        ).code
        == 0
    )
    run = zj(
        "new",
        "report",
        "--campaign",
        "dangji-2024",
        "--unit",
        "shi-wenlian",
        "--date",
        "2024-07-20",
        "-C",
        tmp_path,
    )
    assert run.code == 0 and "data/reports/dangji-2024/shi-wenlian.yml" in run.out

    data = tmp_path / "data/reports/dangji-2024/shi-wenlian.yml"
    text = data.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/report.schema.json"
    assert (tmp_path / "data/schema/report.schema.json").exists()  # the $schema target exists
    for label in ("党组会议", "办实事", "查摆问题"):  # every metric of the campaign is explained
        assert f"#   {label}（" in text
    assert yaml.safe_load(text)["date"].isoformat() == "2024-07-20"

    md = (tmp_path / "docs/campaigns/dangji-2024/shi-wenlian.md").read_text(encoding="utf-8")
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["## 一、主要做法", "## 二、取得成效", "## 三、存在不足", "## 四、下步打算"]
    assert md.index("<!-- zj:rectification -->") > md.index("## 三、存在不足")
    assert (
        (tmp_path / "data/campaigns/dangji-2024.yml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../schema/campaign.schema.json")
    )
    assert (
        (tmp_path / "data/units.yml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=schema/units.schema.json")
    )

    content = load_project(tmp_path)
    assert not content.log.errors, [p.format() for p in content.log.errors]
    assert set(content.units) == {"shi-wenlian", "shi-jiaoyuju"}
    assert ("dangji-2024", "shi-wenlian") in content.reports
    assert zj("check", "-C", tmp_path).code == 0


def test_new_unit_appends_and_keeps_comments(project: Path, zj) -> None:
    units = project / "data/units.yml"
    units.write_text("# 注释保留\n" + units.read_text(encoding="utf-8"), encoding="utf-8")
    assert (
        zj(
            "new",
            "unit",
            "shi-dangxiao",
            "--name",
            "中共X市委党校",
            "--short-name",
            "市委党校",
            "--kind",
            "学校",
            "-C",
            project,
        ).code
        == 0
    )
    text = units.read_text(encoding="utf-8")
    assert text.startswith("# 注释保留") and "shi-dangxiao" in text
    assert "shi-dangxiao" in load_project(project).units


def test_new_refuses_to_overwrite(project: Path, zj) -> None:
    run = zj("new", "report", "--campaign", "dangshi-2021", "--unit", "shi-wenlian", "-C", project)
    assert run.code == 1
    assert (
        "文件已存在：data/reports/dangshi-2021/shi-wenlian.yml" in run.err and "--force" in run.err
    )
    run = zj(
        "new",
        "report",
        "--campaign",
        "dangshi-2021",
        "--unit",
        "shi-wenlian",
        "--force",
        "-C",
        project,
    )
    assert run.code == 0


def test_new_unknown_campaign_and_unit(project: Path, zj) -> None:
    run = zj("new", "report", "--campaign", "zhuti-2099", "--unit", "shi-wenlian", "-C", project)
    assert run.code == 1 and "未知的活动 id “zhuti-2099”" in run.err and "dangshi-2021" in run.err
    run = zj("new", "report", "--campaign", "dangshi-2021", "--unit", "shi-nobody", "-C", project)
    assert (
        run.code == 1 and "未知的单位 id “shi-nobody”" in run.err and "zongjie new unit" in run.err
    )


def test_new_bad_ids_and_values(project: Path, zj) -> None:
    run = zj(
        "new",
        "unit",
        "Shi_WenLian",
        "--name",
        "x",
        "--short-name",
        "x",
        "--kind",
        "机关",
        "-C",
        project,
    )
    assert run.code == 1 and "不合法" in run.err and "小写字母" in run.err
    run = zj(
        "new", "unit", "shi-x", "--name", "x", "--short-name", "x", "--kind", "部门", "-C", project
    )
    assert run.code == 1 and "单位参数有误" in run.err and "群团" in run.err
    run = zj(
        "new",
        "unit",
        "shi-wenlian",
        "--name",
        "x",
        "--short-name",
        "x",
        "--kind",
        "机关",
        "-C",
        project,
    )
    assert run.code == 1 and "已在 data/units.yml 中登记" in run.err
    run = zj(
        "new",
        "campaign",
        "x-2024",
        "--title",
        "某教育",
        "--year",
        "2024",
        "--start",
        "2024-09-01",
        "--end",
        "2024-01-01",
        "-C",
        project,
    )
    assert run.code == 1 and "活动参数有误" in run.err and "早于" in run.err
    campaign = project / "data/campaigns/dangshi-2021.yml"
    before = campaign.read_bytes()
    run = zj("new", "campaign", "dangshi-2021", "--title", "t", "--year", "2021", "-C", project)
    assert run.code == 1
    assert "文件已存在：data/campaigns/dangshi-2021.yml" in run.err and "--force" in run.err
    assert campaign.read_bytes() == before


def test_bad_date_argument(project: Path, capsys) -> None:
    import pytest

    from zongjie.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(
            [
                "new",
                "report",
                "--campaign",
                "dangshi-2021",
                "--unit",
                "shi-tushuguan",
                "--date",
                "2021/12/20",
                "-C",
                str(project),
            ]
        )
    assert exc.value.code == 2
    assert "日期“2021/12/20”格式不对，应为 YYYY-MM-DD" in capsys.readouterr().err
