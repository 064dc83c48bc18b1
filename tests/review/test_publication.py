"""Only approved reports reach readers: pages, nav, tables, totals, search, PDFs, sitemap."""

from __future__ import annotations

import re
from pathlib import Path

from zongjie.rules import load_project

from .conftest import CAMPAIGN, CANARY, STATUS, site_texts, squeeze


def test_unapproved_sentences_are_in_no_file_of_the_site(reader_site: Path) -> None:
    texts = site_texts(reader_site)
    approved = squeeze(CANARY["u0000"])
    # The approved report is everywhere a reader looks: page, search parts, its PDF, the volume.
    assert approved in texts[f"campaigns/{CAMPAIGN}/u0000/index.html"]
    assert any(approved in t for n, t in texts.items() if n.startswith("search/"))
    assert approved in texts[f"pdf/{CAMPAIGN}/u0000.pdf"]
    assert approved in texts[f"pdf/{CAMPAIGN}.pdf"]
    for uid in ("u0001", "u0002"):
        leaked = [name for name, text in texts.items() if squeeze(CANARY[uid]) in text]
        assert leaked == [], f"{STATUS[uid]}报告的句子出现在 {leaked}"
        assert not (reader_site / f"campaigns/{CAMPAIGN}/{uid}").exists()
        assert not (reader_site / f"pdf/{CAMPAIGN}/{uid}.pdf").exists()
        assert f"{CAMPAIGN}/{uid}/" not in texts["sitemap.xml"]


def test_totals_are_the_sum_of_approved_reports(reader_site: Path, review_template: Path) -> None:
    content = load_project(review_template)
    approved = content.reports[(CAMPAIGN, "u0000")]
    html = (reader_site / f"campaigns/{CAMPAIGN}/index.html").read_text(encoding="utf-8")
    foot = re.search(r"<tfoot>(.*?)</tfoot>", html, re.DOTALL)
    assert foot is not None
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", foot[1])]
    metrics = content.campaigns[CAMPAIGN].campaign.metrics
    expected = [str(approved.values[m.id] or 0) for m in metrics]
    assert cells[: len(metrics)] == expected
    assert "合计（1 个单位）" in foot[1]
    # Every unit reported: the unapproved ones are listed as such, not as 未报送.
    assert "尚未报送" not in html
    units = content.units
    assert re.search(rf"{units['u0001'].name}（待审）", html)
    assert re.search(rf"{units['u0002'].name}（草稿）", html)


def test_nav_search_and_home_cards_know_only_approved(reader_site: Path) -> None:
    home = (reader_site / "index.html").read_text(encoding="utf-8")
    assert "1 个单位报送" in home
    report = (reader_site / f"campaigns/{CAMPAIGN}/u0000/index.html").read_text(encoding="utf-8")
    assert f"{CAMPAIGN}/u0001/" not in report and f"{CAMPAIGN}/u0002/" not in report
    assert "审核人甲审定" in report  # who approved it, on the page


def test_archive_and_pdf_metadata_carry_the_review(reader_site: Path) -> None:
    import json
    import zipfile

    import pikepdf

    with zipfile.ZipFile(reader_site / f"pdf/{CAMPAIGN}-archive.zip") as zf:
        manifest = json.loads(zf.read(f"{CAMPAIGN}/manifest.json"))
    reports = [f for f in manifest["files"] if f["kind"] == "report"]
    assert [f["unit_id"] for f in reports] == ["u0000"]
    assert reports[0]["status"] == "已审定" and reports[0]["reviewed_by"] == "审核人甲"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", reports[0]["reviewed_on"])
    with pikepdf.open(reader_site / f"pdf/{CAMPAIGN}/u0000.pdf") as pdf:
        xmp = str(pdf.open_metadata())
    assert "<zj:reviewStatus>已审定</zj:reviewStatus>" in xmp
    assert "<zj:reviewedBy>审核人甲</zj:reviewedBy>" in xmp
    assert f"<zj:reviewedOn>{reports[0]['reviewed_on']}</zj:reviewedOn>" in xmp
    # The approval chain, from the report's history: (the fixture approves it directly).
    chain = f"{reports[0]['reviewed_on']} 审定 审核人甲"
    assert reports[0]["review_chain"] == chain
    assert f"<zj:reviewChain>{chain}</zj:reviewChain>" in xmp


def test_report_without_status_is_a_draft(tmp_path: Path) -> None:
    from support import make_mini_project
    from zongjie.review.publication import view

    project = make_mini_project(tmp_path / "p")
    data = project / "data/reports/dangshi-2021/ceshi-ju.yml"
    kept = [
        line
        for line in data.read_text(encoding="utf-8").splitlines()
        if not line.startswith(("status", "submitted", "reviewed"))
    ]
    data.write_text("\n".join(kept) + "\n", encoding="utf-8")
    content = load_project(project)
    assert content.reports[("dangshi-2021", "ceshi-ju")].report.status == "草稿"
    public = view(content, "public")
    assert ("dangshi-2021", "ceshi-ju") not in public.reports
    assert public.withheld == {("dangshi-2021", "ceshi-ju"): "草稿"}
    assert ("dangshi-2021", "shi-wenlian") in public.reports
