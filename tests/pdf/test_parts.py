"""Large campaigns: parts (分册), the index volume, and rendering spread over shards.

A generated campaign of five reports, bound in parts of two (three parts and an index volume),
is built twice: by ``zongjie build`` in this process, and as CI would build it, by three
``zongjie pdf render --shard I/3`` processes running side by side on one cache, then
``zongjie pdf bind``. The PDFs are opened as a reader or an archivist would open them.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
import yaml
from lxml import html as lxml_html
from PIL import Image, ImageChops, ImageFilter, ImageStat

from support import reapprove
from zongjie.data.content import ReportRef
from zongjie.errors import CommandError
from zongjie.pdf.cff import cids_are_gids, table
from zongjie.pdf.stages import Shard
from zongjie.pdf.verify import verify

from .pdf_support import build, finish, make_demo_project, pdftotext, start_zongjie
from .structure_support import check_tables, pdfua_problems, read, squash

UNITS, PART_SIZE, SHARDS = 5, 2, 3
CID = "dangshi-2021"  # the first campaign zongjie demo writes
PHOTO = "u0003"  # its report shows a photo
PHOTO_ALT = "党员志愿者在社区开展“我为群众办实事”政策宣讲"
FORCED = ("城关区卫生健康委员会党史学习教育", "工作总结报告")  # its editor's break in its title


@dataclass
class Campaign:
    project: Path
    site: Path  # zongjie build, in this process
    cache: Path
    sharded_site: Path  # three zongjie pdf render processes, then zongjie pdf bind
    sharded_cache: Path
    shard_output: list[str]


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> Campaign:
    base = tmp_path_factory.mktemp("parts")
    project = make_demo_project(base / "project", UNITS, PART_SIZE)
    _add_photo(project / "docs" / "campaigns" / CID)
    sharded_cache = base / "sharded-cache"
    shards = [
        start_zongjie(project, sharded_cache, "pdf", "render", "--shard", f"{i}/{SHARDS}")
        for i in range(1, SHARDS + 1)
    ]
    outputs = []
    for shard in shards:
        code, out, err = finish(shard)
        assert code == 0, err
        outputs.append(out)
    bind = start_zongjie(project, sharded_cache, "pdf", "bind", "-d", str(base / "sharded-site"))
    code, out, err = finish(bind)
    assert code == 0 and "共 3 册" in out, out + err
    cache = base / "cache"
    site = build(project, cache, site=base / "site")
    return Campaign(project, site, cache, base / "sharded-site", sharded_cache, outputs)


def _add_photo(pages: Path) -> None:
    """A photo with its description after the first chapter heading of one report, whose
    editor also broke its title by hand."""
    (pages / "img").mkdir()
    Image.new("RGB", (480, 270), (200, 60, 40)).save(pages / "img" / "xuanjiang.png")
    page = pages / f"{PHOTO}.md"
    text = page.read_text(encoding="utf-8")
    chapter = text.index("\n## ") + 1
    chapter = text.index("\n", chapter) + 1
    photo = f"\n![{PHOTO_ALT}](img/xuanjiang.png)\n\n"
    text = text[:chapter] + photo + text[chapter:]
    assert text.startswith(f"# {''.join(FORCED)}\n")
    page.write_text(text.replace("".join(FORCED), "<br>".join(FORCED), 1), encoding="utf-8")
    reapprove(pages.parents[2])  # the editor's change, approved again


def _files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def _pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _units(project: Path) -> dict[str, str]:
    """Short name → unit id, from the project's units.yml."""
    data = yaml.safe_load((project / "data" / "units.yml").read_text(encoding="utf-8"))
    return {u["short_name"]: u["id"] for u in data["units"]}


def _overview_order(site: Path) -> list[str]:
    """The units in the order of the campaign page's overview table."""
    page = lxml_html.parse(str(site / "campaigns" / CID / "index.html"))
    rows = page.xpath('//table[@data-zj="overview"]/tbody/tr/*[1]')
    return [" ".join(cell.text_content().split()) for cell in rows]


def _where(campaign: Campaign) -> dict[str, tuple[int, int]]:
    """Unit id → (part, first page in that part), worked out from the reports' own PDFs."""
    ids = [_units(campaign.project)[name] for name in _overview_order(campaign.site)]
    where, page = {}, 1
    for n, uid in enumerate(ids):
        if n % PART_SIZE == 0:
            page = 1
        where[uid] = (n // PART_SIZE + 1, page)
        page += _pages(campaign.site / "pdf" / CID / f"{uid}.pdf")
    return where


def _front(part: Path) -> int:
    """Pages before report page 1: the volume's body is numbered from there."""
    with pikepdf.open(part) as pdf:
        outline = pdf.open_outline()
        targets = [item.destination for item in outline.root if item.title != "目录"]
        index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        return min(index[t[0].objgen] for t in targets if t is not None)


def _part(campaign: Campaign, number: int, site: Path | None = None) -> Path:
    return (site or campaign.site) / "pdf" / CID / "volumes" / f"{CID}-{number:02d}.pdf"


def _title(campaign: Campaign, uid: str) -> str:
    """The report's title: its first bookmark (its heading)."""
    with pikepdf.open(campaign.site / "pdf" / CID / f"{uid}.pdf") as pdf:
        return str(pdf.open_outline().root[0].title)


# -- rendering spread over shards -------------------------------------------------------------


def test_three_shard_processes_and_a_bind_give_the_bytes_of_a_single_build(
    campaign: Campaign,
) -> None:
    single, sharded = _files(campaign.site / "pdf"), _files(campaign.sharded_site / "pdf")
    assert list(sharded) == list(single)
    assert {f"{CID}.pdf", f"{CID}-archive.zip", f"{CID}/volumes/{CID}-03.pdf"} <= set(single)
    different = [rel for rel, p in single.items() if p.read_bytes() != sharded[rel].read_bytes()]
    assert different == []


def test_each_shard_rendered_its_own_slice(campaign: Campaign) -> None:
    rendered = [int(re.search(r"本分片新渲染 (\d+) 份", out)[1]) for out in campaign.shard_output]
    assert sum(rendered) == UNITS and all(rendered), campaign.shard_output
    refs = [ReportRef(CID, f"u{i:04d}") for i in range(UNITS)]
    assert [sum(Shard(k, SHARDS).owns(r) for r in refs) for k in (1, 2, 3)] == rendered


def test_bind_with_a_shard_missing_fails_naming_its_reports_and_keeps_the_site(
    campaign: Campaign, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(campaign.sharded_cache, cache)
    lost = Shard(3, SHARDS)
    sources = {f"docs/campaigns/{CID}/u{i:04d}.md" for i in range(UNITS)}
    missing = {s for s in sources if lost.owns(ReportRef(CID, Path(s).stem))}
    for record in cache.glob("??/*.json"):  # a rendered report's record: <key>.json
        if record.name.count(".") > 1:
            continue
        if json.loads(record.read_text(encoding="utf-8")).get("source") in missing:
            for path in record.parent.glob(f"{record.name.split('.')[0]}*"):
                path.unlink()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("上一次成功生成的站点", encoding="utf-8")

    code, out, err = finish(start_zongjie(campaign.project, cache, "pdf", "bind", "-d", str(site)))

    assert code == 1, out + err
    assert f"缺少 {len(missing)} 份报告" in err and "zongjie pdf render --shard" in err, err
    assert all(s in err for s in missing), err
    assert not any(s in err for s in sources - missing), err
    assert "Traceback" not in err and "Aborted" not in err
    assert (site / "index.html").read_text(encoding="utf-8") == "上一次成功生成的站点"
    assert list(site.iterdir()) == [site / "index.html"]


def test_a_wrong_shard_is_explained_in_chinese(campaign: Campaign, tmp_path: Path) -> None:
    render = start_zongjie(campaign.project, tmp_path, "pdf", "render", "--shard", "4/3")
    code, _, err = finish(render)
    assert code == 1 and "分片“4/3”写法不对" in err and "$CI_NODE_INDEX/$CI_NODE_TOTAL" in err
    assert "Traceback" not in err


# -- parts and the index volume -----------------------------------------------------------------


def test_parts_hold_whole_reports_in_overview_order_with_their_own_contents(
    campaign: Campaign,
) -> None:
    where = _where(campaign)
    assert sorted((campaign.site / "pdf" / CID / "volumes").iterdir()) == [
        _part(campaign, k) for k in (1, 2, 3)
    ]
    for uid, (number, page) in where.items():
        part = _part(campaign, number)
        cover = _squash(pdftotext(part, 1, 1))
        assert f"第{number}册，共3册" in cover and "工作总结报告汇编" in cover
        # A long title runs over two lines; pdftotext reads the page column's header (页码) and
        # the page's own number (— II —) where they fall in its reading of the columns.
        contents = re.sub(r"页码|—[IVXLC]+—", "", _squash(pdftotext(part, 2, 2)))
        entry = rf"{re.escape(_squash(_title(campaign, uid)))}[·.]*{page}(?!\d)"
        assert re.search(entry, contents), (uid, page, contents)
        physical = _front(part) + page
        first = pdftotext(part, physical, physical)
        assert _squash(first).startswith(_squash(_title(campaign, uid))[:10]), first[:80]
        assert re.search(rf"—\s*{page}\s*—", first)
    for number in (1, 2, 3):
        part = _part(campaign, number)
        mine = [uid for uid, (n, _) in where.items() if n == number]
        own_pages = sum(_pages(campaign.site / "pdf" / CID / f"{uid}.pdf") for uid in mine)
        assert _pages(part) - _front(part) == own_pages  # every report whole, nothing else


def test_parts_and_index_are_tagged_each_report_once_in_order_with_its_headings(
    campaign: Campaign,
) -> None:
    """One structure tree per part: cover, contents, then a section per report, titled like its
    bookmark, holding the report's headings, tables and figures; pdfua finds nothing."""
    by_id = {uid: short for short, uid in _units(campaign.project).items()}
    order = [uid for uid, _ in sorted(_where(campaign).items(), key=lambda w: w[1])]
    sections, figures = [], []
    for number in range(1, 4):
        part = _part(campaign, number)
        assert pdfua_problems(part) == []
        with pikepdf.open(part) as pdf:
            tagged = read(pdf)
            with pdf.open_outline() as outline:
                bookmarks = [(i.title, [c.title for c in i.children]) for i in outline.root]
        (document,) = tagged.root.kids
        cover, contents, *reports = document.kids
        assert [n.role for n in cover.find("H1")] == ["H1"]
        assert contents.find("Table")[0].find("TH")
        assert [s.title for s in reports] == [title for title, _ in bookmarks[1:]]
        for section, (_, chapters) in zip(reports, bookmarks[1:], strict=True):
            headings = [(n.role, squash(tagged.text_of(n))) for n in section.find("H1", "H2")]
            assert headings[0] == ("H1", squash(section.title.split("　", 1)[1]))
            assert [t for role, t in headings if role == "H2"] == [squash(c) for c in chapters]
            assert check_tables(tagged, section) >= 1
            for role in ("Table", "TR", "TH", "TD"):
                assert section.find(role), role
            figures += [(section.title, f.alt) for f in section.find("Figure")]
        pages = [page for page, _ in document.all_marks()]
        assert pages == sorted(pages)
        sections += [s.title for s in reports]
    assert sections == [f"{by_id[uid]}　{_title(campaign, uid)}" for uid in order]
    assert figures == [(f"{by_id[PHOTO]}　{_title(campaign, PHOTO)}", PHOTO_ALT)]
    assert pdfua_problems(campaign.site / "pdf" / f"{CID}.pdf") == []


def test_an_editors_title_break_is_kept_in_the_pdf_and_the_page_but_not_in_the_title(
    campaign: Campaign,
) -> None:
    """The rule alone would break 城关区卫生健康委员会 / 党史学习教育工作总结报告."""
    pdf = campaign.site / "pdf" / CID / f"{PHOTO}.pdf"
    lines = [_squash(line) for line in pdftotext(pdf, 1, 1).splitlines() if line.strip()]
    assert lines[:2] == list(FORCED)
    assert _title(campaign, PHOTO) == "".join(FORCED)  # bookmarks, metadata, search: one line
    page = (campaign.site / "campaigns" / CID / PHOTO / "index.html").read_text(encoding="utf-8")
    assert '<br class="zj-title__forced">' in page


def test_index_volume_lists_every_report_with_its_part_and_page(campaign: Campaign) -> None:
    index = campaign.site / "pdf" / f"{CID}.pdf"
    cover = _squash(pdftotext(index, 1, 1))
    assert "索引" in cover and "共3册" in cover and f"收录{UNITS}个单位" in cover
    text = pdftotext(index, layout=True)
    assert "分册一览" in _squash(text) and "数据总览" in _squash(text)
    for k in (1, 2, 3):
        assert f"volumes/{CID}-0{k}.pdf" in text
    names = {uid: name for name, uid in _units(campaign.project).items()}
    for uid, (number, page) in _where(campaign).items():
        row = rf"^\s*\d+\s+{re.escape(names[uid])}\s.*\s{number}\s+{page}\s*$"
        assert re.search(row, text, re.MULTILINE), (uid, number, page)


def test_archive_manifest_lists_every_part_and_the_index(campaign: Campaign) -> None:
    archive = campaign.site / "pdf" / f"{CID}-archive.zip"
    assert verify(archive) == []
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read(f"{CID}/manifest.json"))
        readme = zf.read(f"{CID}/README.txt").decode()
    files = {f["path"]: f for f in manifest["files"]}
    assert files[f"{CID}.pdf"]["kind"] == "index"
    for k, size in ((1, 2), (2, 2), (3, 1)):
        entry = files[f"volumes/{CID}-0{k}.pdf"]
        assert (entry["kind"], entry["part"], entry["reports"]) == ("part", k, size)
        assert entry["pages"] == _pages(_part(campaign, k))
    assert sum(1 for f in files.values() if f["kind"] == "report") == UNITS
    assert "分册（共3册）" in readme


def _programs(pdf: pikepdf.Pdf) -> list[tuple[str, pikepdf.Object]]:
    found = []
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if key in obj:
                    found.append((str(obj.FontName).split("+", 1)[-1], obj[key]))
    return found


def test_a_part_embeds_each_face_once_and_costs_less_per_page_than_its_reports(
    campaign: Campaign,
) -> None:
    part = _part(campaign, 1)
    with pikepdf.open(part) as pdf:
        faces = Counter(name for name, _ in _programs(pdf))
    assert faces and max(faces.values()) == 1, faces
    reports = [campaign.site / "pdf" / CID / f"u{i:04d}.pdf" for i in range(PART_SIZE)]
    per_page = sum(r.stat().st_size for r in reports) / sum(map(_pages, reports))
    assert part.stat().st_size / _pages(part) <= 1.5 * per_page


def test_every_embedded_cid_font_means_the_same_glyphs_to_every_viewer(campaign: Campaign) -> None:
    """A CFF program read through its charset (Ghostscript, Acrobat) and by glyph id (poppler)
    must give the same glyph: bare CFF keeps the CIDs the pages show, OpenType has CID = id."""
    checked = 0
    for path in [_part(campaign, 1), campaign.site / "pdf" / f"{CID}.pdf", *(
        campaign.site / "pdf" / CID / f"u{i:04d}.pdf" for i in range(UNITS)
    )]:  # fmt: skip
        with pikepdf.open(path) as pdf:
            for _, program in _programs(pdf):
                data = program.read_bytes()
                if program.get("/Subtype") == "/OpenType":
                    cff = table(data, b"CFF ")
                    assert cff is None or cids_are_gids(data[cff[0] : cff[0] + cff[1]]), path
                    checked += 1
                elif program.get("/Subtype") == "/CIDFontType0C":
                    checked += 1
    assert checked >= UNITS


def _gray(command: list[str]) -> Image.Image:
    out = subprocess.run(command, capture_output=True, check=True).stdout
    return Image.open(io.BytesIO(out)).convert("L").filter(ImageFilter.BoxBlur(2))


@pytest.mark.parametrize("which", ["part", "report", "index"])
def test_ghostscript_draws_what_poppler_draws(campaign: Campaign, which: str) -> None:
    """Empty boxes instead of glyphs darken a Ghostscript page and double its difference from
    poppler's (measured: 8.4 and 6.4 grey levels for boxes, at most 4.3 and 1.8 for text)."""
    path = {
        "part": _part(campaign, 1),
        "report": campaign.site / "pdf" / CID / "u0001.pdf",
        "index": campaign.site / "pdf" / f"{CID}.pdf",  # its last page: the overview tables
    }[which]
    page = str({"part": _front(_part(campaign, 1)) + 1, "report": 1, "index": _pages(path)}[which])
    poppler = _gray(["pdftoppm", "-gray", "-r", "40", "-f", page, "-l", page, str(path)])
    ghost = _gray(
        ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pgmraw", "-r40",
         "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", f"-dFirstPage={page}",
         f"-dLastPage={page}", "-sOutputFile=-", str(path)]
    ).resize(poppler.size)  # fmt: skip
    difference = ImageStat.Stat(ImageChops.difference(poppler, ghost)).mean[0]
    darker = ImageStat.Stat(poppler).mean[0] - ImageStat.Stat(ghost).mean[0]
    assert ImageStat.Stat(poppler).mean[0] < 250  # the page has text on it
    assert difference < 6 and darker < 4, (difference, darker)


# -- incremental binding ------------------------------------------------------------------------


def _stats(cache: Path) -> dict[str, int]:
    return json.loads((cache / "last-build.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_a_changed_report_rebinds_only_its_part_and_the_index_only_for_a_new_page_count(
    campaign: Campaign, tmp_path: Path
) -> None:
    project, cache = tmp_path / "project", tmp_path / "cache"
    shutil.copytree(campaign.project, project, ignore=shutil.ignore_patterns("site"))
    shutil.copytree(campaign.cache, cache)
    where = _where(campaign)
    before = {k: _part(campaign, k).read_bytes() for k in (1, 2, 3)}
    index = (campaign.site / "pdf" / f"{CID}.pdf").read_bytes()

    site = build(project, cache, site=tmp_path / "site")
    assert (_stats(cache)["rendered"], _stats(cache)["bound"]) == (0, 0)
    assert _stats(cache)["fronts_rendered"] == 0  # covers and contents come from the cache

    edited = next(uid for uid, (n, _) in where.items() if n == 2)
    narrative = project / "docs" / "campaigns" / CID / f"{edited}.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\n检验增量装订。\n", "utf-8")
    reapprove(project)
    site = build(project, cache, site=tmp_path / "site")
    same_pages = _pages(site / "pdf" / CID / f"{edited}.pdf") == _pages(
        campaign.site / "pdf" / CID / f"{edited}.pdf"
    )
    assert _stats(cache)["rendered"] == 1
    assert _stats(cache)["bound"] == (1 if same_pages else 2)
    # Same page count: the part's front matter is the cached one; otherwise its contents, its
    # list in the index volume and the index's table of parts are new.
    assert _stats(cache)["fronts_rendered"] == (0 if same_pages else 3)
    assert [_part(campaign, k, site).read_bytes() == before[k] for k in (1, 2, 3)] == [
        True,
        False,
        True,
    ]
    assert ((site / "pdf" / f"{CID}.pdf").read_bytes() == index) == same_pages

    grown = next(uid for uid, (n, _) in where.items() if n == 1)
    narrative = project / "docs" / "campaigns" / CID / f"{grown}.md"
    extra = "\n\n".join(["检验分册页数变化的段落，" * 20] * 3)
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\n\n" + extra + "\n", "utf-8")
    reapprove(project)
    index = (site / "pdf" / f"{CID}.pdf").read_bytes()
    middle = _part(campaign, 2, site).read_bytes()
    site = build(project, cache, site=tmp_path / "site")
    assert (_stats(cache)["rendered"], _stats(cache)["bound"]) == (1, 2)  # its part, the index
    assert _stats(cache)["fronts_rendered"] == 3  # that part's contents and lists, nothing else
    assert (site / "pdf" / f"{CID}.pdf").read_bytes() != index
    assert _part(campaign, 2, site).read_bytes() == middle
    assert _part(campaign, 3, site).read_bytes() == before[3]


# -- settings and slicing, without building ------------------------------------------------------


@pytest.mark.parametrize("total", [1, 2, 3, 7])
def test_every_report_is_in_exactly_one_shard(total: int) -> None:
    reports = [ReportRef(f"c{c}", f"u{i:04d}") for c in range(3) for i in range(200)]
    owners = [[k for k in range(1, total + 1) if Shard(k, total).owns(r)] for r in reports]
    assert all(len(o) == 1 for o in owners)
    sizes = Counter(o[0] for o in owners)
    assert len(sizes) == total and min(sizes.values()) > len(reports) / total / 2  # balanced


@pytest.mark.parametrize("text", ["0/3", "4/3", "3", "1/0", "a/b", ""])
def test_a_shard_is_i_of_n(text: str) -> None:
    with pytest.raises(CommandError, match="应为 I/N"):
        Shard.parse(text)
    assert Shard.parse(" 2 / 4 ") == Shard(2, 4)


@pytest.mark.parametrize(
    ("value", "message"), [("0", "不能小于 1"), ("一百", "应为整数"), ("[1]", "应为整数")]
)
def test_a_wrong_part_size_is_an_error_at_its_line_in_mkdocs_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    from zongjie.cli.main import main
    from zongjie.demo import write_demo

    write_demo(tmp_path, units=1, campaigns=1)
    config = tmp_path / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").count("\n")
    with config.open("a", encoding="utf-8") as fh:
        fh.write(f"extra:\n  zongjie:\n    pdf:\n      part_size: {value}\n")
    assert main(["build", "-q", "-f", str(config), "-d", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert f"mkdocs.yml:{lines + 4}:" in err and "[extra.zongjie.pdf.part_size]" in err, err
    assert message in err and not (tmp_path / "site").exists()


def test_the_guides_gitlab_jobs_run_real_commands_on_the_default_cache() -> None:
    from zongjie.cli.main import _parser
    from zongjie.config import ZongjieConfig

    guide = (Path(__file__).resolve().parents[2] / "docs" / "guide" / "pdf.md").read_text("utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.DOTALL)
    ci = next(yaml.safe_load(b) for b in blocks if "pdf-render:" in b)
    render, site = ci["pdf-render"], ci["site"]
    cache = ZongjieConfig().pdf.cache_dir.rstrip("/") + "/"
    assert render["parallel"] >= 2 and site["needs"] == ["pdf-render"]
    assert render["artifacts"]["paths"] == render["cache"]["paths"] == [cache]
    assert site["cache"]["paths"] == [cache] and "$CI_NODE_INDEX" in render["cache"]["key"]
    commands = [
        line.split("zongjie ", 1)[1].replace("$CI_NODE_INDEX/$CI_NODE_TOTAL", "2/4").split()
        for job in (render, site)
        for line in job["script"]
        if "/zongjie " in line
    ]
    parsed = [_parser().parse_args(c) for c in commands]
    assert [(a.command, a.pdf_command) for a in parsed] == [("pdf", "render"), ("pdf", "bind")]
    assert Shard.parse(parsed[0].shard) == Shard(2, 4)


def test_the_cache_keeps_what_any_build_used_lately_and_shards_leave_bound_files(
    tmp_path: Path,
) -> None:
    import os
    import time

    from zongjie.pdf.cache import PdfCache

    def make(name: str, days_old: float) -> Path:
        path = tmp_path / name[:2] / name
        path.parent.mkdir(exist_ok=True)
        path.write_text("x")
        old = time.time() - days_old * 86400
        os.utime(path, (old, old))
        return path

    used_pdf, used_record = make("aa1.pdf", 90), make("aa1.json", 90)
    stale = [make("bb2.bare.pdf", 40), make("bb2.pdf", 40), make("bb2.json", 40)]
    recent = [make("cc3.pdf", 40), make("cc3.json", 3)]  # another build used it 3 days ago
    part = make("dd4.part.pdf", 40)

    shard = PdfCache(tmp_path)
    shard.entry("aa1")
    assert shard.prune(reports_only=True) == 3
    assert not any(p.exists() for p in stale) and part.exists()
    assert all(p.exists() for p in [used_pdf, used_record, *recent])
    assert used_record.stat().st_mtime > time.time() - 60  # refreshed: it was used
    assert used_pdf.stat().st_mtime < time.time() - 80 * 86400  # a PDF's time never moves

    assert PdfCache(tmp_path).prune() == 1  # a bind removes the old part too
    assert not part.exists()
    assert all(p.exists() for p in [used_pdf, used_record, *recent])  # used lately: kept whole


def test_a_long_overview_is_laid_out_in_whole_tables_of_a_few_hundred_rows() -> None:
    from zongjie.pdf.document import split_tables

    rows = "".join(f"<tr><th>单位{i}</th><td>{i}</td></tr>" for i in range(1, 12))
    tables = (
        '<table data-zj="overview"><caption>各单位数据总览</caption>'
        "<thead><tr><th>单位</th><th>次数</th></tr></thead>"
        f"<tbody>{rows}</tbody><tfoot><tr><th>合计</th><td>66</td></tr></tfoot></table>"
        '<p class="zj-note">标红的数字低于目标值。</p>'
    )
    pieces = split_tables(tables, 5)
    parsed = [lxml_html.fragment_fromstring(p, create_parent="div") for p in pieces]
    assert [len(p.xpath(".//tbody/tr")) for p in parsed] == [5, 5, 1]
    assert [len(p.xpath(".//thead")) for p in parsed] == [1, 1, 1]
    assert [bool(p.xpath(".//caption")) for p in parsed] == [True, False, False]
    assert [bool(p.xpath(".//tfoot")) for p in parsed] == [False, False, True]
    assert [bool(p.xpath(".//p")) for p in parsed] == [False, False, True]
    names = [" ".join(p.xpath(".//tbody/tr/th/text()")) for p in parsed]
    assert " ".join(names) == " ".join(f"单位{i}" for i in range(1, 12))
    assert split_tables(tables, 500) == [tables]  # short enough: one piece, unchanged
