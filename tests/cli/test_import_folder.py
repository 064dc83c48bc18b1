"""``zongjie import`` of real Word features, .doc/.wps through LibreOffice, and whole folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from benchmarks.importer import CORPUS, score

from support import TEST_UNIT

REPORTS = CORPUS / "reports"


@pytest.fixture
def corpus_project(project: Path) -> Path:
    """The CLI test project with the corpus's units and the three sample campaigns."""
    shutil.copy(CORPUS / "units.yml", project / "data/units.yml")
    for name in ("zhuti-2023.yml", "dangji-2024.yml"):
        shutil.copy(Path(__file__).parents[2] / "data/campaigns" / name, project / "data/campaigns")
        index = project / "docs/campaigns" / name.removesuffix(".yml") / "index.md"
        index.parent.mkdir(parents=True)
        index.write_text("# 活动\n\n<!-- zj:overview -->\n", encoding="utf-8")
    return project


def _data(project: Path, cid: str, uid: str) -> dict:
    return yaml.safe_load((project / f"data/reports/{cid}/{uid}.yml").read_text(encoding="utf-8"))


def test_automatic_numbering_and_merged_cells(corpus_project: Path, zj) -> None:
    run = zj(
        "import", REPORTS / "03-shi-yizhong.docx", "--campaign", "dangji-2024", "-C", corpus_project
    )
    assert run.code == 0, run.err
    md = (corpus_project / "docs/campaigns/dangji-2024/shi-yizhong.md").read_text(encoding="utf-8")
    # 一、 comes from numbering.xml, not from the text
    assert [line for line in md.splitlines() if line.startswith("## ")] == [
        "## 一、主要做法",
        "## 二、取得成效",
        "## 三、存在不足",
        "## 四、下步打算",
    ]
    assert "<!-- zj:rectification -->" in md and "| 问题来源 |" not in md
    data = _data(corpus_project, "dangji-2024", "shi-yizhong")
    groups = {g["source"]: g for g in data["rectification"]}
    # the merged 问题来源 cells group the rows
    assert [i["status"] for i in groups["党委班子对照检查"]["items"]] == [
        "已整改",
        "已整改",
        "常态化",
    ]
    assert [i["status"] for i in groups["党支部自查"]["items"]] == ["已整改", "整改中"]
    assert groups["市教育局专项检查反馈"]["status"] == {"已整改": 3}
    assert str(data["date"]) == "2024-07-20" and data["signed_by"] == "中共X市第一中学委员会"
    assert zj("check", "-C", corpus_project).code == 0


def test_shishi_table_becomes_the_list(corpus_project: Path, zj) -> None:
    run = zj(
        "import",
        REPORTS / "04-jiaotou-jituan.docx",
        "--campaign",
        "zhuti-2023",
        "-C",
        corpus_project,
    )
    assert run.code == 0, run.err
    data = _data(corpus_project, "zhuti-2023", "jiaotou-jituan")
    assert [s["status"] for s in data["shishi"]] == [
        "已完成",
        "已完成",
        "推进中",
        "已完成",
        "常态化",
    ]
    assert data["metrics"] == {"diaoyan": 9, "anli": 4}
    md = (corpus_project / "docs/campaigns/zhuti-2023/jiaotou-jituan.md").read_text(
        encoding="utf-8"
    )
    assert "<!-- zj:shishi -->" in md and "司机之家" not in md


def test_unrecognised_table_stays_markdown(corpus_project: Path, zj) -> None:
    run = zj(
        "import",
        REPORTS / "10-shi-tushuguan.docx",
        "--campaign",
        "zhuti-2023",
        "-C",
        corpus_project,
    )
    assert run.code == 0, run.err
    md = (corpus_project / "docs/campaigns/zhuti-2023/shi-tushuguan.md").read_text(encoding="utf-8")
    assert "| 月份 | 学习内容 | 学习形式 |" in md and "<!-- zj:" not in md.replace(
        "<!-- zj:summary -->", ""
    ).replace("<!-- zj:signature -->", "")


@pytest.mark.parametrize(
    ("name", "uid"),
    [("05-shi-fulian.doc", "shi-fulian"), ("06-shi-zonggonghui.wps", "shi-zonggonghui")],
)
def test_doc_and_wps_through_libreoffice(corpus_project: Path, zj, name: str, uid: str) -> None:
    cid = "dangshi-2021" if name.startswith("05") else "dangji-2024"
    run = zj("import", REPORTS / name, "--campaign", cid, "-C", corpus_project)
    assert run.code == 0, run.err
    assert "LibreOffice" in run.err
    data = _data(corpus_project, cid, uid)
    assert data["signed_by"].startswith("中共X市") and data["待核实"]
    md = (corpus_project / f"docs/campaigns/{cid}/{uid}.md").read_text(encoding="utf-8")
    assert md.count("\n## ") == 4


def test_without_libreoffice_the_message_names_the_package(
    corpus_project: Path, zj, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    run = zj(
        "import", REPORTS / "05-shi-fulian.doc", "--campaign", "dangshi-2021", "-C", corpus_project
    )
    assert run.code == 1
    assert (
        "需要 LibreOffice" in run.err and "apt-get install -y libreoffice-writer-nogui" in run.err
    )


def test_folder_import_then_site_overview(
    corpus_project: Path, tmp_path: Path, zj, build, mini_project: Path
) -> None:
    inbox = tmp_path / "收到的报告"
    inbox.mkdir()
    for name in (
        "01-shi-jiaoyuju.docx",
        "05-shi-fulian.doc",
        "07-shi-weijianwei.txt",
        "12-shi-kejiju.docx",
    ):
        shutil.copy(REPORTS / name, inbox / name)
    (inbox / "~$01-shi-jiaoyuju.docx").write_bytes(b"lock")  # Word's lock file: not a report
    (inbox / "新单位.txt").write_text(
        "X市统计局党史学习教育工作总结\n一、主要工作\n共召开党组会议3次。\n中共X市统计局党组\n2021年12月1日\n",
        encoding="utf-8",
    )
    (inbox / "坏文件.docx").write_bytes(b"%PDF-1.7")
    # the import goes into a project that builds: the mini site with the corpus's units
    project = mini_project
    units = yaml.safe_load((CORPUS / "units.yml").read_text(encoding="utf-8"))
    units["units"].append(TEST_UNIT)
    (project / "data/units.yml").write_text(yaml.safe_dump(units, allow_unicode=True), "utf-8")
    run = zj("import", inbox, "--campaign", "dangshi-2021", "-C", project)
    assert run.code == 1  # one unknown unit and one broken file; the others are imported
    rows = {line.split()[0]: line.split() for line in run.out.splitlines() if line[:2].isdigit()}
    assert rows["01-shi-jiaoyuju.docx"][1:4] == ["市教育局", "19", "15"]
    assert rows["07-shi-weijianwei.txt"][1] == "市卫健委"
    assert (
        "zongjie new unit danwei-id --name 'X市统计局' --short-name '市统计局' --kind 机关"
        in run.out
    )
    assert "坏文件.docx" in run.err and "PDF" in run.err
    assert "~$" not in run.out
    assert (project / "data/reports/dangshi-2021/shi-kejiju.yml").exists()
    # a second run without --force overwrites nothing
    again = zj("import", inbox, "--campaign", "dangshi-2021", "-C", project)
    assert again.code == 1 and again.err.count("文件已存在") == 4

    # Imported reports are drafts: readers do not see them until they are approved ...
    html = (build(project, strict=False) / "campaigns/dangshi-2021/index.html").read_text(
        encoding="utf-8"
    )
    overview = html[html.index('data-zj="overview"') :]
    assert "市教育局" not in overview[: overview.index("</table>")]
    # ... and the editors' preview, where the office checks them, shows their numbers.
    site = build(project, strict=False, audience="editors")
    html = (site / "campaigns/dangshi-2021/index.html").read_text(encoding="utf-8")
    overview = html[html.index('data-zj="overview"') :]
    overview = overview[: overview.index("</table>")]
    row = overview[overview.index("市教育局") :]
    row = row[: row.index("</tr>")]
    assert 'data-status="草稿"' in row
    cells = [c.split(">")[-1] for c in row.split("</td>")][1:]
    # 党组会议 6, 中心组学习 8, 主题党日 12, 专题党课 9, 参训 260, 走访 15, 办实事 24
    for value in ("6", "8", "12", "9", "260", "15", "24"):
        assert value in cells, (value, cells)
    # The download the office hands on says the same: the row is a draft.
    csv = (site / "campaigns/dangshi-2021/dangshi-2021-overview.csv").read_text(
        encoding="utf-8-sig"
    )
    assert "\n市教育局（草稿）," in csv


def test_corpus_scores(tmp_path: Path) -> None:
    """The importer keeps its measured recall and precision on the corpus."""
    scores, _ = score(CORPUS, tmp_path)
    facts = sum(s.facts for s in scores)
    matched = sum(s.matched for s in scores)
    proposed = sum(s.proposed for s in scores)
    assert len(scores) >= 12
    assert matched / facts >= 0.95 and matched / proposed >= 0.98
