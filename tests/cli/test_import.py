"""``zongjie import``: a Word report built from the seed text, and every kind of bad file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SEED_NAME = "000_876dce043ba1a933.txt"
SHARED_SEED = ROOT.parent / "shared" / "seed" / SEED_NAME
# A byte-identical copy, so a checkout without ../shared still tests the real report.
SEED = SHARED_SEED if SHARED_SEED.exists() else ROOT / "tests" / "fixtures" / "seed" / SEED_NAME


def test_fixture_is_the_shared_seed() -> None:
    if not SHARED_SEED.exists():
        pytest.skip("../shared is not next to this checkout")
    assert (ROOT / "tests/fixtures/seed" / SEED_NAME).read_bytes() == SHARED_SEED.read_bytes()


TARGET_YML = "data/reports/dangshi-2021/shi-tushuguan.yml"
TARGET_MD = "docs/campaigns/dangshi-2021/shi-tushuguan.md"


@pytest.fixture
def seed_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("市xxxx党史学习教育工作总结报告")
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    document.add_paragraph("中共X市xxxx党组")
    document.add_paragraph("2021年12月20日")
    path = tmp_path / "总结报告.docx"
    document.save(path)
    return path


def test_import_seed_docx(project: Path, seed_docx: Path, zj) -> None:
    run = zj(
        "import", seed_docx, "--campaign", "dangshi-2021", "--unit", "shi-tushuguan", "-C", project
    )
    assert run.code == 0, run.err
    md = (project / TARGET_MD).read_text(encoding="utf-8")
    lines = md.splitlines()
    assert lines[0] == "# 市xxxx党史学习教育工作总结报告"
    h2 = [line for line in lines if line.startswith("## ")]
    assert h2 == [
        "## 一、开展的主要工作",
        "## 二、取得的成效",
        "## 三、存在不足",
        "## 四、下步工作",
    ]
    h3 = [line for line in lines if line.startswith("### ")]
    assert len(h3) == 14
    assert h3[0] == "### （一）举旗帜统筹谋划，党史学习教育有高度"
    # heading and paragraph on one line in Word are split; half-width (五) is normalised
    assert "### （二）政治能力有了新提升，坚定拥护“两个确立”“两个维护”的行动更加坚决" in lines
    assert "### （五）干事创业有了新进步，改革创新、加快发展的精气神更加提振" in lines
    assert any(line.startswith("习近平总书记指出：历史是最好的教科书") for line in lines)
    assert "**一是党组高度重视，组织领导到位。**党史学习教育开展伊始" in md
    assert "**二是坚定不移加强党的政治建设，**始终在思想上" in md
    assert "<!-- zj:summary -->" in md and lines[-1] == "<!-- zj:signature -->"

    data = yaml.safe_load((project / TARGET_YML).read_text(encoding="utf-8"))
    sample = yaml.safe_load((ROOT / "data/reports/dangshi-2021/shi-wenlian.yml").read_text())
    # every count the text states, as the sample records it
    counted = {a["kind"]: a["count"] for a in sample["activities"] if "count" in a}
    got = {a["kind"]: a.get("count") for a in data["activities"]}
    for kind in ("党组会议", "中心组学习", "党员大会", "主题党日"):
        assert got[kind] == counted[kind]
    assert {a["kind"]: a["count"] for a in data["activities"] if "观看" in a["kind"]} == {
        "观看纪录片": 1,
        "观看扶贫电影": 1,
        "观看演讲比赛": 2,
    }
    dated = [a for a in data["activities"] if a.get("date")]
    assert [(a["kind"], str(a["date"])) for a in dated] == [("动员部署会", "2021-03-26")]
    training = sample["trainings"][0]
    assert [(t["participants"], t["sessions"], t["audience"]) for t in data["trainings"]] == [
        (training["participants"], training["sessions"], training["audience"])
    ]
    outreach = data["outreach"][0]
    assert outreach["sites"] == sample["outreach"][0]["sites"] == 7
    assert [(d["count"], d["measure"], d.get("volumes")) for d in outreach["distributed"]] == [
        (d["count"], d["measure"], d.get("volumes")) for d in sample["outreach"][0]["distributed"]
    ]
    assert data["shishi_count"] == sample["shishi_count"] == 8  # 共开展“我为群众办实事”活动8次
    groups = [(g.get("measure", "个"), g["count"]) for g in data["rectification"]]
    assert groups == [("类", 6), ("个", 12), ("个", 11)]
    assert data["rectification"][0]["status"] == sample["rectification"][0]["status"]
    assert data["signed_by"] == sample["signed_by"] and data["date"] == sample["date"]
    assert "activities[1].count" in data["待核实"] and "shishi_count" in data["待核实"]

    check = zj("check", "-C", project)
    assert check.code == 0, check.err
    flagged = [line for line in check.out.splitlines() if "尚待核实" in line]
    assert len(flagged) == len(data["待核实"]) and all(f.startswith(TARGET_YML) for f in flagged)


def test_import_plain_text_with_bom(project: Path, tmp_path: Path, zj) -> None:
    source = tmp_path / "报告.txt"
    source.write_bytes(
        b"\xef\xbb\xbf" + "一、开展的主要工作\n截止目前共召开3次党组会议。\n".encode()
    )
    run = zj(
        "import", source, "--campaign", "dangshi-2021", "--unit", "shi-tushuguan", "-C", project
    )
    assert run.code == 0 and "BOM" in run.err
    assert "## 一、开展的主要工作" in (project / TARGET_MD).read_text(encoding="utf-8")
    assert (
        yaml.safe_load((project / TARGET_YML).read_text(encoding="utf-8"))["activities"][0]["count"]
        == 3
    )


def test_import_refuses_to_overwrite(project: Path, seed_docx: Path, zj) -> None:
    run = zj(
        "import", seed_docx, "--campaign", "dangshi-2021", "--unit", "shi-wenlian", "-C", project
    )
    assert run.code == 1 and "文件已存在" in run.err and "--force" in run.err


def test_import_unknown_campaign(project: Path, seed_docx: Path, zj) -> None:
    run = zj("import", seed_docx, "--campaign", "nope", "--unit", "shi-tushuguan", "-C", project)
    assert run.code == 1 and "未知的活动 id “nope”" in run.err


def test_broken_campaign_file_is_named(project: Path, seed_docx: Path, zj) -> None:
    """A campaign whose file does not load is reported at its line, not as unknown."""
    path = project / "data/campaigns/dangshi-2021.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2021", "year: 二〇二一"))
    run = zj(
        "import", seed_docx, "--campaign", "dangshi-2021", "--unit", "shi-tushuguan", "-C", project
    )
    assert run.code == 1 and "未知的活动" not in run.err
    assert "data/campaigns/dangshi-2021.yml:3:" in run.err and "构建失败" not in run.err


def _import(zj, project: Path, source: Path):
    run = zj(
        "import", source, "--campaign", "dangshi-2021", "--unit", "shi-tushuguan", "-C", project
    )
    assert run.code == 1
    assert not (project / TARGET_MD).exists() and not (project / TARGET_YML).exists()
    return run


def test_missing_file(project: Path, tmp_path: Path, zj) -> None:
    assert "找不到文件" in _import(zj, project, tmp_path / "nope.docx").err


def test_not_a_word_file(project: Path, tmp_path: Path, zj) -> None:
    source = tmp_path / "报告.docx"
    source.write_text("这其实是纯文本", encoding="utf-8")
    err = _import(zj, project, source).err
    assert "不是 Word 文档（.docx）" in err and "提示：" in err


def test_pdf_and_excel_renamed(project: Path, tmp_path: Path, zj) -> None:
    pdf = tmp_path / "a.docx"
    pdf.write_bytes(b"%PDF-1.7\n...")
    err = _import(zj, project, pdf).err
    assert f"{pdf.as_posix()}:1:1: 不是 Word 文档（.docx）" in err
    assert "提示：这是 PDF 文件；请找到报告的 Word 原稿" in err
    xlsx = tmp_path / "b.docx"
    with zipfile.ZipFile(xlsx, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    err = _import(zj, project, xlsx).err
    assert f"{xlsx.as_posix()}:1:1: 不是 Word 文档（.docx），而是Excel 表格" in err


def test_corrupt_docx(project: Path, tmp_path: Path, seed_docx: Path, zj) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(seed_docx.read_bytes()[:2000])
    assert "已损坏" in _import(zj, project, broken).err


def test_password_protected_docx(project: Path, tmp_path: Path, zj) -> None:
    # Word saves an encrypted .docx as an OLE compound file with these two streams.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)
    ole += (
        "EncryptionInfo".encode("utf-16-le") + bytes(100) + "EncryptedPackage".encode("utf-16-le")
    )
    source = tmp_path / "加密.docx"
    source.write_bytes(ole + bytes(1000))
    err = _import(zj, project, source).err
    assert "设有打开密码" in err and "清空密码" in err


def test_old_doc_format(project: Path, tmp_path: Path, zj) -> None:
    source = tmp_path / "旧版.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    err = _import(zj, project, source).err
    assert "LibreOffice 无法转换该文件" in err and "*.docx" in err


def test_gbk_text_file(project: Path, tmp_path: Path, zj) -> None:
    source = tmp_path / "报告.txt"
    source.write_bytes("一、开展的主要工作\n共召开2次党组会议。\n".encode("gbk"))
    err = _import(zj, project, source).err
    assert "不是 UTF-8 编码" in err and "GBK" in err and "iconv -f GB18030 -t UTF-8" in err


def test_word_styles_tables_and_bullets(project: Path, tmp_path: Path, zj) -> None:
    document = docx.Document()
    document.add_heading("市图书馆党史学习教育工作总结", level=1)
    document.add_paragraph("（一）学习情况。共召开3次党组会议，其中1次在基层召开。")
    document.add_paragraph("读者服务", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in {
        (0, 0): "项目",
        (0, 1): "数量",
        (1, 0): "主题党日",
        (1, 1): "4|次",
    }.items():
        table.cell(r, c).text = text
    run = document.add_paragraph().add_run("二是加强宣传。")
    run.bold = True
    source = tmp_path / "styles.docx"
    document.save(source)
    assert (
        zj(
            "import", source, "--campaign", "dangshi-2021", "--unit", "shi-tushuguan", "-C", project
        ).code
        == 0
    )
    md = (project / TARGET_MD).read_text(encoding="utf-8")
    assert md.startswith("# 市图书馆党史学习教育工作总结\n")
    assert "### （一）学习情况\n\n共召开3次党组会议，其中1次在基层召开。" in md
    assert "- 读者服务" in md
    assert "| 项目 | 数量 |\n| --- | --- |\n| 主题党日 | 4\\|次 |" in md
    assert "**二是加强宣传。**" in md
    data = yaml.safe_load((project / TARGET_YML).read_text(encoding="utf-8"))
    assert data["activities"] == [{"kind": "党组会议", "count": 3}]
