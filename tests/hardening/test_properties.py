"""Generated inputs (Hypothesis): valid reports build with correct totals, and mutated files end
in a clean ``path:line`` problem or a build, never a traceback.

``make test`` runs a few examples of each; ``make bench`` runs 2,000 mutations
(``ZONGJIE_HYPOTHESIS=bench``, see ``benchmarks/properties.py``) and records the result.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from support import reapprove
from zongjie.cli.check import project_problems as check_project
from zongjie.demo import write_demo
from zongjie.errors import ContentError, Problem
from zongjie.site.atomic_build import build_site

# Few examples in `make test`; the recorded long run in `make bench`. No database: the suite
# must not write into the repository, and every run starts from the same seed-free search.
common = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("test", max_examples=12, **common)
settings.register_profile("bench", max_examples=2000, **common)
PROFILE = os.environ.get("ZONGJIE_HYPOTHESIS", "test")
BUILDS = {"test": 3, "bench": 50}[PROFILE]
"""Valid generated projects built per run (each is a full MkDocs build)."""

CAMPAIGN = "dangshi-2021"
KINDS = ["党组会议", "中心组学习", "党员大会", "主题党日", "专题党课"]
START, END = dt.date(2021, 3, 1), dt.date(2021, 12, 31)
PROBLEM = re.compile(
    r"^(?P<path>[^\s/][^\s:]*):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (错误|警告): "
)
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("base")
    write_demo(root, units=4, campaigns=1, seed=3)
    return root


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("examples")


def fresh_copy(base: Path, scratch: Path) -> Path:
    """A new folder per example: the YAML cache is keyed by path and mtime, never reused."""
    root = Path(tempfile.mkdtemp(dir=scratch))
    shutil.copytree(base, root, dirs_exist_ok=True)
    return root


def assert_clean(problem: Problem) -> None:
    """A problem an editor can act on: relative path, a real line, Chinese words."""
    text = problem.format()
    assert PROBLEM.match(text), text
    assert CJK.search(problem.message), text
    assert not problem.hint or CJK.search(problem.hint), text


# -- valid reports -------------------------------------------------------------------------------

dates = st.dates(START, END)
texts = st.text(
    st.sampled_from("学习教育党史办实事整改群众基层支部会议调研"), min_size=2, max_size=12
)


@st.composite
def reports(draw: st.DrawFn) -> dict[str, Any]:
    report: dict[str, Any] = {"title": draw(texts) + "工作总结报告", "date": draw(dates)}
    kinds = draw(st.lists(st.sampled_from(KINDS), unique=True, max_size=len(KINDS)))
    report["activities"] = [{"kind": k, "count": draw(st.integers(1, 60))} for k in kinds]
    report["trainings"] = [
        {"title": draw(texts), "participants": draw(st.integers(0, 900))}
        for _ in range(draw(st.integers(0, 3)))
    ]
    report["shishi"] = [
        {
            "title": draw(texts),
            "date": draw(dates),
            "status": draw(st.sampled_from(["已完成", "推进中", "常态化"])),
        }
        for _ in range(draw(st.integers(0, 6)))
    ]
    groups = []
    for _ in range(draw(st.integers(0, 3))):
        statuses = st.sampled_from(["已整改", "整改中", "常态化"])
        if draw(st.booleans()):
            items = [
                {"problem": draw(texts), "status": draw(statuses)}
                for _ in range(draw(st.integers(1, 5)))
            ]
            groups.append({"source": draw(texts), "items": items})
        else:
            counts = {s: draw(st.integers(0, 20)) for s in ("已整改", "整改中", "常态化")}
            groups.append({"source": draw(texts), "count": sum(counts.values()), "status": counts})
    report["rectification"] = groups
    if draw(st.booleans()):
        report["metrics"] = {"diaoyan": draw(st.integers(0, 50))}
    return {k: v for k, v in report.items() if v != []}


def expected_values(report: dict[str, Any]) -> dict[str, int | None]:
    """The overview row of one report, computed here from the generated data alone."""
    values: dict[str, int | None] = {}
    for i, kind in enumerate(KINDS):
        values[f"m{i}"] = sum(a["count"] for a in report.get("activities", []) if a["kind"] == kind)
    values["peixun"] = sum(t["participants"] for t in report.get("trainings", []))
    values["shishi"] = len(report.get("shishi", []))
    groups = report.get("rectification", [])
    values["wenti"] = sum(len(g["items"]) if "items" in g else g["count"] for g in groups)
    values["zhenggai"] = sum(
        sum(1 for i in g["items"] if i["status"] == "已整改")
        if "items" in g
        else g["status"]["已整改"]
        for g in groups
    )
    values["diaoyan"] = report.get("metrics", {}).get("diaoyan")
    return values


def overview(html_file: Path) -> tuple[dict[str, list[str]], list[str]]:
    """Rows of the campaign overview (unit → cells) and its total row."""
    doc = lxml.html.parse(str(html_file))
    table = doc.find(".//table[@data-zj='overview']")
    assert table is not None
    rows = {
        tr.find("th").text_content().strip(): [td.text_content().strip() for td in tr.findall("td")]
        for tr in table.find("tbody").findall("tr")
    }
    total = [td.text_content().strip() for td in table.find("tfoot").find("tr").findall("td")]
    return rows, total


@settings(settings.get_profile(PROFILE), max_examples=BUILDS)
@given(st.lists(reports(), min_size=1, max_size=4))
def test_valid_reports_build_with_correct_totals(
    base: Path, scratch: Path, generated: list[dict[str, Any]]
) -> None:
    root = fresh_copy(base, scratch)
    units = yaml.safe_load((root / "data/units.yml").read_text(encoding="utf-8"))["units"]
    folder = root / "data/reports" / CAMPAIGN
    shutil.rmtree(folder)
    folder.mkdir()
    for md in (root / "docs/campaigns" / CAMPAIGN).glob("u*.md"):
        if int(md.stem[1:]) >= len(generated):
            md.unlink()
    for unit, report in zip(units, generated, strict=False):
        # Approved, so that readers' build shows them (a draft is left out of every table).
        review = {
            "status": "已审定",
            "reviewed_by": "审核组",
            "reviewed_on": report["date"],
            "reviewed_digest": "0" * 16,
        }
        text = yaml.safe_dump({**report, **review}, allow_unicode=True, sort_keys=False)
        (folder / f"{unit['id']}.yml").write_text(text, encoding="utf-8")
    reapprove(root)  # sealed as `zongjie approve` would
    problems = [p for p in check_project(root) if p.severity == "error"]
    assert not problems, [p.format() for p in problems]
    site = build_site(root / "mkdocs.yml", site_dir=root / "site")
    rows, total = overview(site / "campaigns" / CAMPAIGN / "index.html")
    metrics = [
        *(f"m{i}" for i in range(len(KINDS))),
        "peixun",
        "shishi",
        "wenti",
        "zhenggai",
        "diaoyan",
    ]
    expected = {u["short_name"]: expected_values(r) for u, r in zip(units, generated, strict=False)}
    assert set(rows) == set(expected)
    for name, values in expected.items():
        shown = [str(values[m]) if values[m] is not None else "—" for m in metrics]
        assert rows[name][: len(metrics)] == shown, name
    for i, metric in enumerate(metrics):
        column = [int(cells[i]) for cells in rows.values() if cells[i] != "—"]
        assert sum(column) == sum(v[metric] or 0 for v in expected.values()), metric
        # A metric no report gives has no total either: "—", not a 0 that reads as counted.
        assert total[i] == (str(sum(column)) if column else "—"), metric


# -- mutations -------------------------------------------------------------------------------

TARGETS = [
    "data/units.yml",
    "data/resources.yml",
    f"data/campaigns/{CAMPAIGN}.yml",
    f"data/reports/{CAMPAIGN}/u0000.yml",
    f"data/reports/{CAMPAIGN}/u0001.yml",
    f"docs/campaigns/{CAMPAIGN}/u0000.md",
    f"docs/campaigns/{CAMPAIGN}/index.md",
    "docs/index.md",
]
# Values of another type (or read by YAML 1.1 as another type) than the one a line holds.
SWAPS = [
    "[]", "{}", "[1, 2]", "{a: 1}", "yes", "off", "~", "", "3.5", "-1", "010", "1:30", ".inf",
    "2021-02-30", "2021-12-22 10:00:00", "'文字'", '"5"', "五次", "!!python/name:os.system",
    "&a x", "*a", "99999999999999999999", "|\n  多行", "<<<<<<< HEAD", "\u200b", "\u202e反",
    "'../../etc/passwd'", "https://example.com/a.png", "<!-- zj:value nosuch -->",
]  # fmt: skip


@st.composite
def mutations(draw: st.DrawFn, size: int) -> tuple[str, Any]:
    kind = draw(
        st.sampled_from(["delete", "duplicate", "swap", "truncate", "insert", "bytes", "indent"])
    )
    if kind == "truncate":
        return kind, draw(st.integers(0, size))
    if kind == "insert":
        return kind, (draw(st.integers(0, size)), draw(st.text(max_size=12)))
    if kind == "bytes":
        return kind, (draw(st.integers(0, size)), draw(st.binary(min_size=1, max_size=6)))
    line = draw(st.integers(0, 200))
    if kind == "swap":
        return kind, (line, draw(st.sampled_from(SWAPS)))
    if kind == "indent":
        return kind, (line, draw(st.integers(-3, 3)))
    return kind, line


def mutate(raw: bytes, kind: str, arg: Any) -> bytes:
    if kind == "truncate":
        return raw[:arg]
    if kind == "bytes":
        pos, blob = arg
        return raw[:pos] + blob + raw[pos:]
    if kind == "insert":
        pos, text = arg
        head = raw[:pos].decode("utf-8", "ignore")
        return (head + text).encode("utf-8", "surrogatepass") + raw[pos:]
    lines = raw.decode("utf-8").split("\n")
    i = arg[0] % len(lines) if isinstance(arg, tuple) else arg % len(lines)
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "indent":
        delta = arg[1]
        lines[i] = " " * delta + lines[i] if delta > 0 else lines[i][-delta:]
    else:  # swap the value of a "key: value" or "- value" line
        m = re.match(r"^(\s*(?:- )?(?:[^:\n]+: )?)(.*)$", lines[i])
        assert m
        lines[i] = m.group(1) + arg[1]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@settings(settings.get_profile(PROFILE))
@given(data=st.data())
def test_mutated_files_end_in_a_clean_error_or_a_build(
    base: Path, scratch: Path, data: st.DataObject
) -> None:
    root = fresh_copy(base, scratch)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        target = root / data.draw(st.sampled_from(TARGETS), label="file")
        raw = target.read_bytes() if target.exists() else b""
        kind, arg = data.draw(mutations(len(raw)), label="mutation")
        try:
            target.write_bytes(mutate(raw, kind, arg))
        except UnicodeDecodeError:  # an earlier mutation left bytes that are not UTF-8
            target.write_bytes(raw + b"\n")
        event(f"变异：{kind}")
    problems = check_project(root)
    for problem in problems:
        assert_clean(problem)
    errors = {p.format() for p in problems if p.severity == "error"}
    event("check：有错误" if errors else "check：无错误")
    # Every example without errors is built; of the others, one in eight, to compare findings.
    if errors and data.draw(st.integers(0, 7), label="build too") != 0:
        return
    try:
        build_site(root / "mkdocs.yml", site_dir=root / "site")
    except ContentError as exc:
        event("构建：内容错误")
        for problem in exc.problems:
            assert_clean(problem)
        assert {p.format() for p in exc.problems} == errors, "check and build disagree"
        return
    event("构建：成功")
    assert not errors, f"the build accepted what check rejected: {sorted(errors)}"
