"""The whole review cycle of one report, as a campaign office runs it, then what readers get.

new unit → import from Word → submit (refused while values are 待核实) → return with a reason →
edit → resubmit → 初审 by the county → 终审 by the office → an edit committed after approval.
Every readers' entry point (``zongjie build``, the framework's own ``build``, ``zongjie
publish``) must show the approved text and never the edit, in the HTML, the search index and
the PDFs; ``zongjie history`` must list every step.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import yaml

from .conftest import CAMPAIGN, site_texts, squeeze, zongjie
from .test_approved_revision import _framework_build

ROOT = Path(__file__).resolve().parents[2]
SEED_NAME = "000_876dce043ba1a933.txt"
SHARED_SEED = ROOT.parent / "shared" / "seed" / SEED_NAME
SEED = SHARED_SEED if SHARED_SEED.exists() else ROOT / "tests" / "fixtures" / "seed" / SEED_NAME
UNIT = "u0009"
REF = f"{CAMPAIGN}/{UNIT}"
COUNTY, OFFICE = "区委审核人", "办公室审核人"
FIXED = "按退回理由补充的句子：整改台账已逐项销号。"
EDIT = "终审之后才写的句子：西河滩上新修了一座便民桥。"


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=编辑甲", "-c", "user.email=e@example.org", *args],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip


def _ok(root: Path, *args: str) -> str:
    done = zongjie(root, *args)
    assert done.returncode == 0, f"zongjie {' '.join(args)}:\n{done.stdout}{done.stderr}"
    return done.stdout


def _word_report(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("城关区档案馆党史学习教育工作总结报告")
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    document.add_paragraph("城关区档案馆")
    document.add_paragraph("2021年12月20日")
    document.save(path)
    return path


def _setup(root: Path) -> None:
    """初审 required, a county committee above the new unit, reviewers listed at both levels."""
    campaign = root / "data/campaigns" / f"{CAMPAIGN}.yml"
    campaign.write_text(campaign.read_text("utf-8") + "first_review: true\n", "utf-8")
    units_file = root / "data/units.yml"
    units = yaml.safe_load(units_file.read_text(encoding="utf-8"))
    units["root"] = {"name": "市委", "reviewers": [OFFICE]}
    units["units"] += [
        {"id": "chengguan", "name": "城关区委", "short_name": "城关区委", "kind": "党委",
         "reports": False, "reviewers": [COUNTY]},
        {"id": UNIT, "name": "城关区档案馆", "short_name": "城关档案馆", "kind": "机关",
         "parent": "chengguan"},
    ]  # fmt: skip
    units_file.write_text(yaml.safe_dump(units, allow_unicode=True, sort_keys=False), "utf-8")
    # u0000 was approved before 初审 was asked for: recorded as given on paper.
    data = root / "data/reports" / CAMPAIGN / "u0000.yml"
    day = yaml.safe_load(data.read_text(encoding="utf-8"))["reviewed_on"]
    text = data.read_text(encoding="utf-8").replace(
        "reviewed_on:", f"first_reviewed_by: {OFFICE}\nfirst_reviewed_on: {day}\nreviewed_on:", 1
    )
    data.write_text(text, encoding="utf-8")


def _approved_everywhere(site: Path, approved: str) -> None:
    texts = site_texts(site)
    page = f"campaigns/{CAMPAIGN}/{UNIT}/index.html"
    assert squeeze(approved) in texts[page]
    assert squeeze(FIXED) in texts[page]
    assert any(squeeze(FIXED) in t for n, t in texts.items() if n.startswith("search/"))
    assert any(squeeze(FIXED) in t for n, t in texts.items() if n.endswith(".pdf"))
    leaked = [name for name, text in texts.items() if squeeze(EDIT) in text]
    assert leaked == [], f"终审后的改动出现在 {leaked}"


def test_the_whole_cycle_and_what_readers_get(review_template: Path, tmp_path: Path) -> None:
    root = shutil.copytree(
        review_template, tmp_path / "project", ignore=shutil.ignore_patterns("site", ".cache")
    )
    _setup(root)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "活动要求初审")

    _ok(root, "import", str(_word_report(tmp_path / "总结报告.docx")), "--campaign", CAMPAIGN,
        "--unit", UNIT)  # fmt: skip
    data = root / "data/reports" / CAMPAIGN / f"{UNIT}.yml"
    page = root / "docs/campaigns" / CAMPAIGN / f"{UNIT}.md"
    approved = next(ln for ln in page.read_text("utf-8").splitlines() if "教科书" in ln)

    refused = zongjie(root, "submit", REF)
    assert refused.returncode == 1 and "待核实" in refused.stderr
    # The office checks each imported value, deletes the list and fills in what Word lacked.
    facts = yaml.safe_load(data.read_text(encoding="utf-8"))
    del facts["待核实"]
    facts.setdefault("metrics", {})["diaoyan"] = 3
    for group in facts["rectification"]:
        group.setdefault("status", {"已整改": group["count"]})
    data.write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), "utf-8")
    _ok(root, "check", "--strict")
    _ok(root, "submit", REF, "--by", "编辑甲")

    _ok(root, "return", REF, "--reason", "第三部分缺少整改进展", "--by", COUNTY)
    again = zongjie(root, "submit", REF)
    assert again.returncode == 1 and "第三部分缺少整改进展" in again.stderr
    page.write_text(page.read_text("utf-8") + f"\n{FIXED}\n", encoding="utf-8")
    _ok(root, "submit", REF, "--by", "编辑甲")

    assert "初审通过" in _ok(root, "approve", REF, "--by", COUNTY)
    assert yaml.safe_load(data.read_text("utf-8"))["status"] == "待审"
    _ok(root, "approve", REF, "--by", OFFICE)
    _ok(root, "check", "--strict")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "城关区档案馆的报告已审定")

    page.write_text(page.read_text("utf-8") + f"\n{EDIT}\n", encoding="utf-8")
    _git(root, "commit", "-q", "-am", "终审后的改动")

    _ok(root, "build", "-q")  # not --strict: the edit is a warning there
    _approved_everywhere(root / "site", approved)
    shutil.rmtree(root / "site")
    done = _framework_build(root)
    assert done.returncode == 0, done.stdout + done.stderr
    _approved_everywhere(root / "site", approved)
    dest = tmp_path / "dest"
    published = zongjie(root, "publish", "--dest", str(dest))
    if published.returncode == 0:
        _approved_everywhere(dest / "current", approved)
    else:  # strict by default: the unapproved edit stops it, and nothing is published
        assert "审定" in published.stdout + published.stderr
        assert not (dest / "current").exists()

    history = _ok(root, "history", REF)
    steps = re.findall(r"(提交|退回|初审|审定|撤回)", history)
    assert steps[:5] == ["提交", "退回", "提交", "初审", "审定"], history
    assert "第三部分缺少整改进展" in history
