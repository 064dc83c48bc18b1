"""Blind adversarial tests of the review cycle, written from docs/guide/review.md only.

A campaign office breaks things: imported numbers nobody confirmed, comments on the status
line, 初审/终审 by the wrong person, edits after 初审, hand-written review fields.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import CAMPAIGN, CANARY, squeeze, zongjie

TODAY = dt.date.today()
COUNTY = "区委审核人"
OFFICE = "办公室审核人"
REPORTS = f"data/reports/{CAMPAIGN}"
CAMPAIGN_FILE = f"data/campaigns/{CAMPAIGN}.yml"


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def project(review_template: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(review_template, dest, ignore=shutil.ignore_patterns("site", ".cache"))
    return dest


def chain(project: Path, *, county_reviewers: list[str] | None = None) -> Path:
    """Turn on 初审: u0001 under 城关区委 (reviewer COUNTY), office reviewer OFFICE at the top."""
    campaign = project / CAMPAIGN_FILE
    campaign.write_text(
        campaign.read_text(encoding="utf-8") + "first_review: true\n", encoding="utf-8"
    )
    units_file = project / "data/units.yml"
    units = yaml.safe_load(units_file.read_text(encoding="utf-8"))
    units["root"] = {"name": "市委", "reviewers": [OFFICE]}
    reviewers = [COUNTY] if county_reviewers is None else county_reviewers
    units["units"].append(
        {
            "id": "chengguan",
            "name": "城关区委",
            "short_name": "城关区委",
            "kind": "党委",
            "reports": False,
            "reviewers": reviewers,
        }
    )
    for unit in units["units"]:
        if unit["id"] == "u0001":
            unit["parent"] = "chengguan"
    units_file.write_text(yaml.safe_dump(units, allow_unicode=True, sort_keys=False), "utf-8")
    # u0000 was approved before; record its 初审 as given on paper the same day.
    data = project / REPORTS / "u0000.yml"
    text = data.read_text(encoding="utf-8")
    reviewed = yaml.safe_load(text)["reviewed_on"]
    text = text.replace(
        f"reviewed_on: {reviewed}\n",
        f"first_reviewed_by: {OFFICE}\nfirst_reviewed_on: {reviewed}\nreviewed_on: {reviewed}\n",
    )
    data.write_text(text, encoding="utf-8")
    return project


@pytest.fixture
def chained(project: Path) -> Path:
    return chain(project)


def run(root: Path, *args: str) -> tuple[int, str]:
    done = zongjie(root, *args)
    return done.returncode, done.stdout + done.stderr


def ok(root: Path, *args: str) -> str:
    code, out = run(root, *args)
    assert code == 0, out
    return out


def clean_refusal(out: str) -> None:
    assert "Traceback" not in out, out
    assert re.search(r"[\u4e00-\u9fff]", out), out


def data_file(project: Path, uid: str) -> Path:
    return project / REPORTS / f"{uid}.yml"


def data_of(project: Path, uid: str) -> dict[str, object]:
    return dict(yaml.safe_load(data_file(project, uid).read_text(encoding="utf-8")))


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def edit_data(project: Path, uid: str, old: str, new: str) -> None:
    path = data_file(project, uid)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def at_file(out: str, rel: str) -> list[str]:
    """Diagnostic lines pointing at rel with a line number."""
    return [line for line in out.splitlines() if re.search(re.escape(rel) + r":\d+", line)]


def review_row(project: Path, uid: str) -> dict[str, object]:
    out = zongjie(project, "review", "--format", "json").stdout
    rows = json.loads(out.split("\n检查")[0])
    return next(r for r in rows if r["unit"] == uid)


# ------------------------------------------------------------------ 待核实 at submit

UNCONFIRMED_BLOCK = "\n待核实:\n  - metrics.diaoyan\n"
UNCONFIRMED_FLOW = "\n待核实: [metrics.diaoyan]\n"


@pytest.mark.parametrize("listing", [UNCONFIRMED_BLOCK, UNCONFIRMED_FLOW], ids=["block", "flow"])
def test_submit_refuses_unconfirmed_values(project: Path, listing: str) -> None:
    append(data_file(project, "u0002"), listing)
    code, out = run(project, "submit", f"{CAMPAIGN}/u0002", "--by", "编辑乙")
    assert code != 0, out
    clean_refusal(out)
    assert at_file(out, f"{REPORTS}/u0002.yml"), out
    assert "待核实" in out
    assert data_of(project, "u0002")["status"] == "草稿"


def test_submit_with_unconfirmed_flag_goes_through_and_is_recorded(project: Path) -> None:
    append(data_file(project, "u0002"), UNCONFIRMED_FLOW)
    ok(project, "submit", f"{CAMPAIGN}/u0002", "--by", "编辑乙", "--with-unconfirmed")
    data = data_of(project, "u0002")
    assert data["status"] == "待审"
    history = ok(project, "history", f"{CAMPAIGN}/u0002")
    assert "提交" in history and "1" in history.split("提交", 1)[1].splitlines()[0]


def test_empty_unconfirmed_list_submits(project: Path) -> None:
    append(data_file(project, "u0002"), "\n待核实: []\n")
    ok(project, "submit", f"{CAMPAIGN}/u0002", "--by", "编辑乙")
    assert data_of(project, "u0002")["status"] == "待审"


def test_resubmit_after_return_still_checks_unconfirmed(project: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    ok(project, "return", ref, "--reason", "调研课题数字需核实", "--by", "审核人甲")
    # The unit's editor re-imports a number and lists it as unconfirmed: that is a change.
    edit_data(project, "u0001", "diaoyan:", "diaoyan: 7 #")
    append(data_file(project, "u0001"), UNCONFIRMED_BLOCK)
    code, out = run(project, "submit", ref, "--by", "编辑乙")
    assert code != 0, out
    clean_refusal(out)
    assert "待核实" in out and at_file(out, f"{REPORTS}/u0001.yml"), out
    assert data_of(project, "u0001")["status"] == "退回"


# ------------------------------------------------------ a comment on the status line


def status_line(project: Path, uid: str) -> str:
    text = data_file(project, uid).read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith("status:"))


@pytest.mark.parametrize(
    ("uid", "old", "comment", "args", "new"),
    [
        ("u0002", "草稿", "导入的报告是草稿", ("submit",), "待审"),
        ("u0001", "待审", "等待审核", ("approve", "--by", "审核人甲"), "已审定"),
        ("u0001", "待审", "等待审核", ("return", "--reason", "缺数字", "--by", "审核人甲"), "退回"),
        (
            "u0000",
            "已审定",
            "已经审定",
            ("return", "--reason", "缺数字", "--by", "审核人甲"),
            "退回",
        ),
    ],
    ids=["submit", "approve", "return", "withdraw"],
)
def test_a_comment_on_the_status_line_does_not_survive(
    project: Path, uid: str, old: str, comment: str, args: tuple[str, ...], new: str
) -> None:
    edit_data(project, uid, f"status: {old}\n", f"status: {old}  # {comment}\n")
    ok(project, args[0], f"{CAMPAIGN}/{uid}", *args[1:])
    line = status_line(project, uid)
    assert line.split("#")[0].strip() == f"status: {new}"
    assert comment not in line, line


# ---------------------------------------------------------------------- 初审 / 终审


def test_stranger_refused_naming_units_file(chained: Path) -> None:
    code, out = run(chained, "approve", f"{CAMPAIGN}/u0001", "--by", "张三")
    assert code != 0
    clean_refusal(out)
    assert "data/units.yml" in out and COUNTY in out
    data = data_of(chained, "u0001")
    assert data["status"] == "待审" and "first_reviewed_by" not in data


def test_first_review_is_not_published_final_review_is(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    ok(chained, "approve", ref, "--by", COUNTY)
    data = data_of(chained, "u0001")
    assert data["status"] == "待审"
    assert data["first_reviewed_by"] == COUNTY
    assert str(data["first_reviewed_on"]) == TODAY.isoformat()
    ok(chained, "build", "--strict", "-q")
    page = chained / "site"
    texts = "".join(squeeze(p.read_text("utf-8", "replace")) for p in page.rglob("*.html"))
    assert squeeze(CANARY["u0001"]) not in texts
    assert squeeze(CANARY["u0000"]) in texts
    ok(chained, "approve", ref, "--by", OFFICE)
    data = data_of(chained, "u0001")
    assert data["status"] == "已审定" and data["reviewed_by"] == OFFICE
    assert data["first_reviewed_by"] == COUNTY
    shutil.rmtree(page)
    ok(chained, "build", "--strict", "-q")
    texts = "".join(squeeze(p.read_text("utf-8", "replace")) for p in page.rglob("*.html"))
    assert squeeze(CANARY["u0001"]) in texts


def test_county_reviewer_cannot_give_final_review(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    ok(chained, "approve", ref, "--by", COUNTY)
    code, out = run(chained, "approve", ref, "--by", COUNTY)
    assert code != 0, out
    clean_refusal(out)
    assert "data/units.yml" in out and OFFICE in out
    assert data_of(chained, "u0001")["status"] == "待审"


@pytest.mark.parametrize("where", ["page", "data"])
def test_an_edit_after_first_review_voids_it(chained: Path, where: str) -> None:
    ref = f"{CAMPAIGN}/u0001"
    ok(chained, "approve", ref, "--by", COUNTY)
    if where == "page":
        append(chained / "docs/campaigns" / CAMPAIGN / "u0001.md", "\n初审后又补的一句话。\n")
    else:
        text = data_file(chained, "u0001").read_text(encoding="utf-8")
        value = yaml.safe_load(text)["metrics"]["diaoyan"]
        edit_data(chained, "u0001", f"diaoyan: {value}\n", f"diaoyan: {value + 1}\n")
    # The office may not give 终审 to a text the county never saw.
    code, out = run(chained, "approve", ref, "--by", OFFICE)
    assert code != 0, out
    clean_refusal(out)
    assert data_of(chained, "u0001")["status"] == "待审"
    assert "待初审" in json.dumps(review_row(chained, "u0001"), ensure_ascii=False)
    # The county's second look is a 初审 again, not publication.
    ok(chained, "approve", ref, "--by", COUNTY)
    assert data_of(chained, "u0001")["status"] == "待审"
    ok(chained, "approve", ref, "--by", OFFICE)
    assert data_of(chained, "u0001")["status"] == "已审定"


def test_return_after_first_review_restarts_the_chain(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    ok(chained, "approve", ref, "--by", COUNTY)
    ok(chained, "return", ref, "--reason", "第三部分要补数字", "--by", OFFICE)
    data = data_of(chained, "u0001")
    assert data["status"] == "退回"
    assert not any(k.startswith("first_review") for k in data), data
    append(chained / "docs/campaigns" / CAMPAIGN / "u0001.md", "\n补上的数字。\n")
    ok(chained, "submit", ref, "--by", "编辑乙")
    code, out = run(chained, "approve", ref, "--by", OFFICE)
    assert code != 0, out
    clean_refusal(out)
    ok(chained, "approve", ref, "--by", COUNTY)
    assert data_of(chained, "u0001")["status"] == "待审"


def test_hand_written_approval_without_first_review_is_an_error(chained: Path) -> None:
    edit_data(
        chained,
        "u0001",
        "status: 待审\n",
        f"status: 已审定\nreviewed_by: {OFFICE}\nreviewed_on: 2021-12-30\n",
    )
    code, out = run(chained, "check", "--strict")
    assert code != 0, out
    clean_refusal(out)
    lines = at_file(out, f"{REPORTS}/u0001.yml")
    assert any("初审" in line for line in lines), out


def test_first_review_after_final_review_is_an_error(chained: Path) -> None:
    edit_data(
        chained,
        "u0001",
        "status: 待审\n",
        f"status: 已审定\nfirst_reviewed_by: {COUNTY}\nfirst_reviewed_on: 2021-12-31\n"
        f"reviewed_by: {OFFICE}\nreviewed_on: 2021-12-30\n",
    )
    code, out = run(chained, "check", "--strict")
    assert code != 0, out
    clean_refusal(out)
    assert any("初审" in line for line in at_file(out, f"{REPORTS}/u0001.yml")), out


def test_first_review_in_the_future_is_an_error(chained: Path) -> None:
    future = (TODAY + dt.timedelta(days=40)).isoformat()
    edit_data(
        chained,
        "u0001",
        "status: 待审\n",
        f"status: 待审\nfirst_reviewed_by: {COUNTY}\nfirst_reviewed_on: {future}\n",
    )
    code, out = run(chained, "check", "--strict")
    assert code != 0, out
    clean_refusal(out)
    assert at_file(out, f"{REPORTS}/u0001.yml"), out


def test_first_review_on_a_draft_is_an_error(chained: Path) -> None:
    edit_data(
        chained,
        "u0002",
        "status: 草稿\n",
        f"status: 草稿\nfirst_reviewed_by: {OFFICE}\nfirst_reviewed_on: 2021-12-20\n",
    )
    code, out = run(chained, "check", "--strict")
    assert code != 0, out
    clean_refusal(out)
    assert at_file(out, f"{REPORTS}/u0002.yml"), out


@pytest.mark.parametrize("name", [f"{COUNTY} ", f" {COUNTY}", f"{COUNTY}\u3000"])
def test_padding_around_the_reviewer_name_is_the_same_person(chained: Path, name: str) -> None:
    ok(chained, "approve", f"{CAMPAIGN}/u0001", "--by", name)
    data = data_of(chained, "u0001")
    assert data["status"] == "待审" and data["first_reviewed_by"] == COUNTY


def test_padding_in_the_units_file_is_the_same_person(project: Path) -> None:
    chain(project, county_reviewers=[f"{COUNTY} "])
    ok(project, "check", "--strict")
    ok(project, "approve", f"{CAMPAIGN}/u0001", "--by", COUNTY)
    assert data_of(project, "u0001")["first_reviewed_by"] == COUNTY


def test_a_different_name_is_not_the_reviewer(chained: Path) -> None:
    code, out = run(chained, "approve", f"{CAMPAIGN}/u0001", "--by", f"{COUNTY}乙")
    assert code != 0, out
    clean_refusal(out)
    assert "first_reviewed_by" not in data_of(chained, "u0001")


def test_an_empty_reviewers_list_means_anyone(project: Path) -> None:
    chain(project, county_reviewers=[])
    ok(project, "approve", f"{CAMPAIGN}/u0001", "--by", "随便谁")
    data = data_of(project, "u0001")
    assert data["status"] == "待审" and data["first_reviewed_by"] == "随便谁"


def test_a_unit_under_the_top_gets_first_review_from_the_office(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0002"
    ok(chained, "submit", ref, "--by", "编辑乙")
    code, out = run(chained, "approve", ref, "--by", COUNTY)
    assert code != 0, out
    clean_refusal(out)
    assert "data/units.yml" in out
    ok(chained, "approve", ref, "--by", OFFICE)
    data = data_of(chained, "u0002")
    assert data["status"] == "待审" and data["first_reviewed_by"] == OFFICE


@pytest.mark.parametrize("value", ["是", "[true]", '"maybe"', "2", "{}"])
def test_a_non_boolean_first_review_is_a_clean_error(project: Path, value: str) -> None:
    campaign = project / CAMPAIGN_FILE
    text = campaign.read_text(encoding="utf-8")
    line_no = len(text.splitlines()) + 1
    campaign.write_text(text + f"first_review: {value}\n", encoding="utf-8")
    code, out = run(project, "check", "--strict")
    assert code != 0, out
    clean_refusal(out)
    assert f"{CAMPAIGN_FILE}:{line_no}" in out, out
    assert "first_review" in out


@pytest.mark.parametrize(
    ("value", "on"), [('"yes"', True), ("1", True), ('"no"', False), ("0", False)]
)
def test_yes_and_no_spelled_out_mean_what_they_say(project: Path, value: str, on: bool) -> None:
    """A quoted "yes" is read as yes (and "no" as no): not a lie, so accepted; decided here."""
    campaign = project / CAMPAIGN_FILE
    append(campaign, f"first_review: {value}\n")
    # u0000 is approved without 初审: an error exactly when the rule is on.
    code, out = run(project, "check", "--strict")
    assert "Traceback" not in out
    assert (code != 0) is on, out
    if on:
        assert any("初审" in line for line in at_file(out, f"{REPORTS}/u0000.yml")), out


def test_final_review_dated_before_first_review_is_refused(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    ok(chained, "approve", ref, "--by", COUNTY)
    code, out = run(chained, "approve", ref, "--by", OFFICE, "--on", "2021-12-01")
    assert code != 0, out
    clean_refusal(out)
    assert data_of(chained, "u0001")["status"] == "待审"


def test_reviewers_written_as_a_single_name_is_a_clean_error(project: Path) -> None:
    chain(project)
    units_file = project / "data/units.yml"
    text = units_file.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "- id: chengguan")
    idx = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("reviewers:"))
    indent = lines[idx][: len(lines[idx]) - len(lines[idx].lstrip())]
    # yaml.safe_dump wrote the list on the following line(s): replace them by a scalar.
    end = idx + 1
    while (
        end < len(lines)
        and lines[end].strip().startswith("- ")
        and not lines[end].strip().startswith("- id:")
    ):
        end += 1
    lines[idx:end] = [f"{indent}reviewers: {COUNTY}，另一人"]
    units_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = run(project, "check", "--strict")
    assert code != 0, out
    clean_refusal(out)
    assert f"data/units.yml:{idx + 1}" in out, out


def test_review_text_shows_the_awaited_step(chained: Path) -> None:
    ok(chained, "approve", f"{CAMPAIGN}/u0001", "--by", COUNTY)
    out = ok(chained, "review")
    row = next(line for line in out.splitlines() if "u0001" in line or "城关财政" in line)
    assert "待终审" in row, out


def test_review_json_shows_which_review_is_awaited(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    before = json.dumps(review_row(chained, "u0001"), ensure_ascii=False)
    assert "待初审" in before and "待终审" not in before, before
    ok(chained, "approve", ref, "--by", COUNTY)
    after = json.dumps(review_row(chained, "u0001"), ensure_ascii=False)
    assert "待终审" in after and "待初审" not in after, after


def test_history_lists_first_and_final_review_in_order(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0002"
    units_file = chained / "data/units.yml"
    units = yaml.safe_load(units_file.read_text(encoding="utf-8"))
    for unit in units["units"]:
        if unit["id"] == "u0002":
            unit["parent"] = "chengguan"
    units_file.write_text(yaml.safe_dump(units, allow_unicode=True, sort_keys=False), "utf-8")
    ok(chained, "submit", ref, "--by", "编辑乙")
    ok(chained, "approve", ref, "--by", COUNTY)
    ok(chained, "approve", ref, "--by", OFFICE)
    day = TODAY.isoformat()
    lines = ok(chained, "history", ref).splitlines()
    assert lines[:3] == [f"{day} 提交 编辑乙", f"{day} 初审 {COUNTY}", f"{day} 审定 {OFFICE}"]
    assert lines[-1] == "当前状态：已审定"


# ------------------------------------------------------------------------- more


@pytest.mark.parametrize(
    "listing", ['\n待核实: ["metrics.diaoyan"]\n', "\n待核实:\n  - 'metrics.diaoyan'  # 导入\n"]
)
def test_quoted_unconfirmed_entries_still_block_submit(project: Path, listing: str) -> None:
    append(data_file(project, "u0002"), listing)
    code, out = run(project, "submit", f"{CAMPAIGN}/u0002", "--by", "编辑乙")
    assert code != 0, out
    clean_refusal(out)
    assert at_file(out, f"{REPORTS}/u0002.yml"), out


def test_a_bare_unconfirmed_key_is_a_clean_error_at_its_line(project: Path) -> None:
    """Every value confirmed but the key left behind: told to delete the line, at its line."""
    path = data_file(project, "u0002")
    append(path, "\n待核实:\n")
    line_no = len(path.read_text(encoding="utf-8").splitlines())
    code, out = run(project, "submit", f"{CAMPAIGN}/u0002", "--by", "编辑乙")
    assert code != 0, out
    clean_refusal(out)
    assert f"{REPORTS}/u0002.yml:{line_no}" in out and "待核实" in out, out
    assert data_of(project, "u0002")["status"] == "草稿"


def test_first_review_refuses_unconfirmed_values(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0002"
    append(data_file(chained, "u0002"), UNCONFIRMED_BLOCK)
    ok(chained, "submit", ref, "--by", "编辑乙", "--with-unconfirmed")
    code, out = run(chained, "approve", ref, "--by", OFFICE)
    assert code != 0, out
    clean_refusal(out)
    assert "待核实" in out and at_file(out, f"{REPORTS}/u0002.yml"), out
    data = data_of(chained, "u0002")
    assert data["status"] == "待审" and "first_reviewed_by" not in data


def test_first_reviewer_without_a_date_is_an_error(chained: Path) -> None:
    edit_data(chained, "u0001", "status: 待审\n", f"status: 待审\nfirst_reviewed_by: {COUNTY}\n")
    code, out = run(chained, "check", "--strict")
    assert code != 0, out
    clean_refusal(out)
    assert at_file(out, f"{REPORTS}/u0001.yml"), out


def test_first_review_before_submission_is_an_error(chained: Path) -> None:
    submitted = data_of(chained, "u0001")["submitted_on"]
    before = (dt.date.fromisoformat(str(submitted)) - dt.timedelta(days=30)).isoformat()
    edit_data(
        chained,
        "u0001",
        "status: 待审\n",
        f"status: 待审\nfirst_reviewed_by: {COUNTY}\nfirst_reviewed_on: {before}\n",
    )
    code, out = run(chained, "check", "--strict")
    assert code != 0, out
    clean_refusal(out)
    assert at_file(out, f"{REPORTS}/u0001.yml"), out


def test_first_review_fields_on_a_returned_report_are_an_error(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    ok(chained, "return", ref, "--reason", "缺数字", "--by", OFFICE)
    edit_data(
        chained,
        "u0001",
        "status: 退回\n",
        f"status: 退回\nfirst_reviewed_by: {COUNTY}\nfirst_reviewed_on: {TODAY.isoformat()}\n",
    )
    code, out = run(chained, "check", "--strict")
    assert code != 0, out
    clean_refusal(out)
    assert at_file(out, f"{REPORTS}/u0001.yml"), out


def test_withdrawing_a_final_review_clears_the_chain(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    ok(chained, "approve", ref, "--by", COUNTY)
    ok(chained, "approve", ref, "--by", OFFICE)
    ok(chained, "return", ref, "--reason", "数字与原件不符", "--by", OFFICE)
    data = data_of(chained, "u0001")
    assert data["status"] == "退回"
    assert not any(str(k).startswith(("first_review", "reviewed_")) for k in data), data
    ok(chained, "check", "--strict")
    lines = ok(chained, "history", ref).splitlines()
    steps = [line.split()[1] for line in lines[:-1]]
    assert steps == ["初审", "审定", "撤回"], lines


def test_approve_without_a_name_is_a_clean_error(chained: Path) -> None:
    code, out = run(chained, "approve", f"{CAMPAIGN}/u0001")
    assert code != 0, out
    clean_refusal(out)
    assert "first_reviewed_by" not in data_of(chained, "u0001")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("status: 待审\n", 'status: "待审"   # 引号\n'),
        ("status: 待审\n", "status:    待审\t# 制表符前的注释\n"),
    ],
    ids=["quoted", "tab"],
)
def test_status_line_variants_are_rewritten_cleanly(project: Path, old: str, new: str) -> None:
    edit_data(project, "u0001", old, new)
    ok(project, "approve", f"{CAMPAIGN}/u0001", "--by", "审核人甲")
    line = status_line(project, "u0001")
    assert line.split("#")[0].strip() in {"status: 已审定", 'status: "已审定"'}, line
    assert "#" not in line, line
    ok(project, "check", "--strict")


def test_comment_on_reviewed_by_does_not_survive_resubmission(project: Path) -> None:
    ref = f"{CAMPAIGN}/u0000"
    edit_data(project, "u0000", "reviewed_by: 审核人甲", "reviewed_by: 审核人甲  # 纸面签批")
    append(project / "docs/campaigns" / CAMPAIGN / "u0000.md", "\n审定后补充的一句。\n")
    ok(project, "submit", ref, "--by", "编辑乙")
    text = data_file(project, "u0000").read_text(encoding="utf-8")
    assert "纸面签批" not in text
    assert "reviewed_by" not in yaml.safe_load(text)


def crlf_submit(project: Path) -> bytes:
    path = data_file(project, "u0002")
    text = path.read_text(encoding="utf-8").replace("status: 草稿\n", "status: 草稿  # 导入\n")
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    ok(project, "submit", f"{CAMPAIGN}/u0002", "--by", "编辑乙")
    return path.read_bytes()


def test_crlf_data_file_with_status_comment(project: Path) -> None:
    raw = crlf_submit(project).decode("utf-8")
    assert "导入" not in raw.split("status:", 1)[1].splitlines()[0]
    assert data_of(project, "u0002")["status"] == "待审"
    ok(project, "check", "--strict")


def test_crlf_line_endings_are_kept(project: Path) -> None:
    raw = crlf_submit(project)
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


@pytest.mark.parametrize("name", ["", "   ", "\u3000"])
def test_blank_reviewer_name_is_refused(project: Path, name: str) -> None:
    code, out = run(project, "approve", f"{CAMPAIGN}/u0001", "--by", name)
    assert code != 0, out
    clean_refusal(out)
    assert data_of(project, "u0001")["status"] == "待审"


def test_approval_dated_in_the_future_is_refused(project: Path) -> None:
    future = (TODAY + dt.timedelta(days=10)).isoformat()
    code, out = run(project, "approve", f"{CAMPAIGN}/u0001", "--by", "审核人甲", "--on", future)
    assert code != 0, out
    clean_refusal(out)
    assert data_of(project, "u0001")["status"] == "待审"


def test_first_review_dated_before_submission_is_refused(chained: Path) -> None:
    submitted = data_of(chained, "u0001")["submitted_on"]
    before = (dt.date.fromisoformat(str(submitted)) - dt.timedelta(days=5)).isoformat()
    code, out = run(chained, "approve", f"{CAMPAIGN}/u0001", "--by", COUNTY, "--on", before)
    assert code != 0, out
    clean_refusal(out)
    assert "first_reviewed_by" not in data_of(chained, "u0001")


def test_approval_dated_before_submission_is_refused(project: Path) -> None:
    submitted = data_of(project, "u0001")["submitted_on"]
    before = (dt.date.fromisoformat(str(submitted)) - dt.timedelta(days=5)).isoformat()
    code, out = run(project, "approve", f"{CAMPAIGN}/u0001", "--by", "审核人甲", "--on", before)
    assert code != 0, out
    clean_refusal(out)
    assert data_of(project, "u0001")["status"] == "待审"


@pytest.mark.parametrize("entry", ["123", '""', "[王书记]", "{name: 王书记}"])
def test_a_malformed_reviewer_entry_is_a_clean_error(project: Path, entry: str) -> None:
    chain(project)
    units_file = project / "data/units.yml"
    text = units_file.read_text(encoding="utf-8")
    assert f"- {COUNTY}\n" in text
    units_file.write_text(text.replace(f"- {COUNTY}\n", f"- {entry}\n", 1), encoding="utf-8")
    line_no = text.split(f"- {COUNTY}\n")[0].count("\n") + 1
    code, out = run(project, "check", "--strict")
    assert code != 0, out
    clean_refusal(out)
    assert f"data/units.yml:{line_no}" in out, out


def test_history_comment_edit_does_not_void_first_review(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    ok(chained, "approve", ref, "--by", COUNTY)
    # A review-info line is not content: the date of the 初审 corrected by hand keeps it valid?
    # Only history lines are excluded from the fingerprint by the guide; touch one of them.
    path = data_file(chained, "u0001")
    text = path.read_text(encoding="utf-8")
    assert "history:" in text
    path.write_text(text.replace(f'by: "{COUNTY}"}}', f'by: "{COUNTY}"}}  # 电话确认'), "utf-8")
    ok(chained, "approve", ref, "--by", OFFICE)
    assert data_of(chained, "u0001")["status"] == "已审定"


def test_resubmitting_an_approved_report_restarts_the_chain(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    ok(chained, "approve", ref, "--by", COUNTY)
    ok(chained, "approve", ref, "--by", OFFICE)
    append(chained / "docs/campaigns" / CAMPAIGN / "u0001.md", "\n审定后补充的一句。\n")
    ok(chained, "submit", ref, "--by", "编辑乙")
    data = data_of(chained, "u0001")
    assert data["status"] == "待审"
    assert not any(str(k).startswith(("first_review", "reviewed_")) for k in data), data
    ok(chained, "approve", ref, "--by", COUNTY)
    assert data_of(chained, "u0001")["status"] == "待审"


def test_final_reviewers_apply_without_first_review(project: Path) -> None:
    units_file = project / "data/units.yml"
    units = yaml.safe_load(units_file.read_text(encoding="utf-8"))
    units["root"] = {"name": "市委", "reviewers": [OFFICE]}
    units_file.write_text(yaml.safe_dump(units, allow_unicode=True, sort_keys=False), "utf-8")
    code, out = run(project, "approve", f"{CAMPAIGN}/u0001", "--by", "张三")
    assert code != 0, out
    clean_refusal(out)
    assert "data/units.yml" in out and OFFICE in out
    ok(project, "approve", f"{CAMPAIGN}/u0001", "--by", OFFICE)
    assert data_of(project, "u0001")["status"] == "已审定"


def test_review_json_without_first_review_mentions_neither_step(project: Path) -> None:
    row = json.dumps(review_row(project, "u0001"), ensure_ascii=False)
    assert "待初审" not in row and "待终审" not in row, row


def test_return_removes_commented_first_review_lines(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    ok(chained, "approve", ref, "--by", COUNTY)
    edit_data(
        chained, "u0001", f"first_reviewed_by: {COUNTY}", f"first_reviewed_by: {COUNTY}  # 电话确认"
    )
    # A comment on a review line is not content: the 初审 stands, and return must clear it.
    ok(chained, "return", ref, "--reason", "缺数字", "--by", OFFICE)
    text = data_file(chained, "u0001").read_text(encoding="utf-8")
    assert "first_reviewed" not in text and "电话确认" not in text, text


def test_submitting_again_after_first_review_and_an_edit(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    ok(chained, "approve", ref, "--by", COUNTY)
    append(chained / "docs/campaigns" / CAMPAIGN / "u0001.md", "\n初审后补充。\n")
    code, out = run(chained, "submit", ref, "--by", "编辑乙")
    assert "Traceback" not in out
    data = data_of(chained, "u0001")
    assert data["status"] == "待审"
    if code == 0:
        assert "first_reviewed_by" not in data, data
    ok(chained, "check", "--strict")
    ok(chained, "approve", ref, "--by", COUNTY)
    assert data_of(chained, "u0001")["status"] == "待审"


def test_first_review_dated_in_the_future_is_refused(chained: Path) -> None:
    future = (TODAY + dt.timedelta(days=3)).isoformat()
    code, out = run(chained, "approve", f"{CAMPAIGN}/u0001", "--by", COUNTY, "--on", future)
    assert code != 0, out
    clean_refusal(out)
    assert "first_reviewed_by" not in data_of(chained, "u0001")


@pytest.mark.parametrize("value", ["True", "TRUE", "true   # 市委要求逐级审核"])
def test_yaml_spellings_of_true_turn_first_review_on(project: Path, value: str) -> None:
    append(project / CAMPAIGN_FILE, f"first_review: {value}\n")
    code, out = run(project, "check", "--strict")
    assert code != 0 and "Traceback" not in out, out
    assert any("初审" in line for line in at_file(out, f"{REPORTS}/u0000.yml")), out


def test_hand_written_history_step_zhongshen_is_an_error_at_its_line(chained: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    ok(chained, "approve", ref, "--by", COUNTY)
    path = data_file(chained, "u0001")
    append(path, f'  - {{step: 终审, day: {TODAY.isoformat()}, by: "{OFFICE}"}}\n')
    line_no = len(path.read_text(encoding="utf-8").splitlines())
    code, out = run(chained, "check", "--strict")
    assert code != 0, out
    clean_refusal(out)
    assert f"{REPORTS}/u0001.yml:{line_no}" in out, out


def test_quotes_hashes_and_newlines_in_a_reason_round_trip(project: Path) -> None:
    ref = f"{CAMPAIGN}/u0001"
    reason = '第二部分"缺"数字: 见 #3\n第三行 \\ 反斜杠'
    ok(project, "return", ref, "--reason", reason, "--by", '王"审核 # x')
    data = data_of(project, "u0001")
    assert data["returned_by"] == '王"审核 # x'
    assert "#3" in str(data["returned_reason"]) and "反斜杠" in str(data["returned_reason"])
    ok(project, "check", "--strict")
    assert '王"审核 # x：' in ok(project, "history", ref)


@pytest.mark.parametrize("name", ["区委 审核人", "区委\u3000审核人"])
def test_a_space_inside_the_name_is_refused_with_the_list_shown(chained: Path, name: str) -> None:
    """Decided: a space inside a name may be another person; refusing and showing the list
    is safe (the reviewer retries with the listed spelling)."""
    code, out = run(chained, "approve", f"{CAMPAIGN}/u0001", "--by", name)
    assert code != 0, out
    clean_refusal(out)
    assert COUNTY in out and "first_reviewed_by" not in data_of(chained, "u0001")


def test_refusal_points_at_the_reviewers_line_of_the_organisation(chained: Path) -> None:
    lines = (chained / "data/units.yml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "- id: chengguan")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")), len(lines))
    entry = set(range(start + 1, end + 1))  # 1-based line numbers of the 城关区委 entry
    code, out = run(chained, "approve", f"{CAMPAIGN}/u0001", "--by", "张三")
    assert code != 0, out
    found = [int(m) for m in re.findall(r"data/units\.yml:(\d+)", out)]
    assert found and all(n in entry for n in found), (found, sorted(entry), out)
