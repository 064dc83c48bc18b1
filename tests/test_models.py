"""Schemas, derived counts and the line-keeping YAML loader, without a site build."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from zongjie.data.json_schema import export_schemas
from zongjie.data.metrics import derive, metric_values, rectification_totals
from zongjie.data.models import Campaign, MetricDerivation, Report, Unit
from zongjie.data.yamlfile import YamlError, load_yaml

ROOT = Path(__file__).resolve().parents[1]


def seed_report() -> Report:
    doc = load_yaml(ROOT / "data/reports/dangshi-2021/shi-wenlian.yml", ROOT)
    return Report.model_validate(doc.data)


def seed_campaign() -> Campaign:
    return Campaign.model_validate(load_yaml(ROOT / "data/campaigns/dangshi-2021.yml", ROOT).data)


def test_seed_numbers_are_derived_from_lists() -> None:
    values = metric_values(seed_report(), seed_campaign())
    assert values["dangzu"] == 2
    assert values["zhongxinzu"] == 2
    assert values["dangyuan-dahui"] == 3
    assert values["zhuti-dangri"] == 5
    assert values["zhuanti-dangke"] == 3
    assert values["peixun"] == 2
    assert values["dianwei"] == 8  # 7 schools and monasteries + the 佛学院 visit
    assert values["shishi"] == 8
    assert values["wenti"] == 23  # 12 + 11 problems; the 6 categories (类) are not problems
    assert values["zhenggai"] == 19


def test_rectification_totals_skip_categories() -> None:
    totals = rectification_totals(seed_report())
    assert (totals.problems, totals.已整改, totals.整改中, totals.常态化) == (23, 19, 0, 4)
    assert totals.percent_rectified == 82.6


def test_explicit_value_used_when_no_list_entry() -> None:
    report = Report(title="t", date=dt.date(2021, 5, 1), metrics={"dangzu": 7})
    assert derive(report, MetricDerivation(source="activities", kind="党组会议")) is None
    assert metric_values(report, seed_campaign())["dangzu"] == 7
    assert metric_values(report, seed_campaign())["shishi"] == 0


def test_ids_refuse_path_traversal() -> None:
    with pytest.raises(ValidationError) as err:
        Unit(id="../../etc/passwd", name="x", short_name="x", kind="机关")
    assert [e["loc"] for e in err.value.errors()] == [("id",)]
    with pytest.raises(ValidationError) as err:
        Report(title="t", date=dt.date(2021, 5, 1), resources=["../x"])
    assert [e["loc"] for e in err.value.errors()] == [("resources", 0)]


def test_unknown_fields_are_errors() -> None:
    with pytest.raises(ValidationError) as err:
        Report(title="t", date=dt.date(2021, 5, 1), shishi_items=[])  # type: ignore[call-arg]
    assert [(e["type"], e["loc"]) for e in err.value.errors()] == [
        ("extra_forbidden", ("shishi_items",))
    ]


def test_period_must_be_ordered() -> None:
    with pytest.raises(ValidationError) as err:
        Campaign(
            title="x",
            year=2021,
            period={"start": "2021-05-01", "end": "2021-01-01"},
            outline=["a"],
            metrics=[{"id": "a", "label": "a", "measure": "次"}],
        )
    (error,) = err.value.errors()
    assert error["loc"] == ("period",)
    assert "结束日期 2021-01-01 早于开始日期 2021-05-01" in error["msg"]


@pytest.mark.parametrize(
    ("raw", "expected", "line", "col"),
    [
        (b"a:\n\tb: 1\n", "制表符", 2, 1),
        ("title：报告\n".encode(), "全角冒号", 1, 6),
        (b"x: !!python/object/apply:os.system ['id']\n", "不允许的 YAML 标签", 1, 4),
        ("标题: 报告\n".encode("gbk"), "GBK", 1, 1),
        (b"a: 1\nb: 2\nc: [1, 2\n\n", "方括号列表没有闭合", 3, 4),  # where the bracket was opened
        (b"a: 1\nb: c: d\n", "YAML 语法错误", 2, 5),
        # The 21st nested list opens on line 22, after 42 spaces of indentation.
        (("a:\n" + "".join("  " * i + "- \n" for i in range(1, 30))).encode(), "嵌套层级", 22, 43),
        (b"a: 1\nb: 1\na: 2\n", "重复的键“a”（第 1 行已出现）", 3, 1),
    ],
)
def test_yaml_loader_explains_bad_files(
    tmp_path: Path, raw: bytes, expected: str, line: int, col: int
) -> None:
    path = tmp_path / "bad.yml"
    path.write_bytes(raw)
    with pytest.raises(YamlError) as err:
        load_yaml(path, tmp_path)
    problem = err.value.problem
    assert expected in problem.message
    assert (problem.path, problem.line, problem.col) == ("bad.yml", line, col), problem.format()


def test_bom_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "bom.yml"
    path.write_bytes(b"\xef\xbb\xbftitle: x\n")
    doc = load_yaml(path, tmp_path)
    assert doc.data == {"title": "x"}
    assert doc.warnings and "BOM" in doc.warnings[0].message


def test_loader_keeps_lines_of_nested_keys(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text(
        "title: x\nshishi:\n  - title: a\n  - title: b\n    date: 2021-01-02\n", encoding="utf-8"
    )
    doc = load_yaml(path, tmp_path)
    assert doc.line_of(("shishi", 1, "date")) == (5, 5)
    assert doc.line_of(("shishi", 1, "missing")) == (4, 5)


def test_json_schemas_are_exported_and_current(tmp_path: Path) -> None:
    written = export_schemas(tmp_path)
    assert {p.name for p in written} == {
        "campaign.schema.json",
        "units.schema.json",
        "resources.schema.json",
        "report.schema.json",
    }
    for path in written:
        committed = ROOT / "data/schema" / path.name
        assert json.loads(path.read_text()) == json.loads(committed.read_text()), (
            f"{committed} is stale: run `zongjie schema`"
        )
    report = json.loads((tmp_path / "report.schema.json").read_text())
    assert "shishi" in report["properties"] and report["additionalProperties"] is False


def test_a_pattern_error_names_the_fields_own_format(tmp_path: Path) -> None:
    """A copied fingerprint is not told to be a pinyin id."""
    from zongjie.data.schema_errors import validate

    path = tmp_path / "r.yml"
    path.write_text("title: 报告\ndate: 2021-12-20\nreviewed_digest: ABC123\n", encoding="utf-8")
    _, problems = validate(Report, load_yaml(path, tmp_path))
    (problem,) = [p for p in problems if p.field == "reviewed_digest"]
    assert problem.line == 3 and "16 位小写十六进制" in problem.message
    assert "zongjie approve" in problem.hint and "拼音" not in problem.message + problem.hint
