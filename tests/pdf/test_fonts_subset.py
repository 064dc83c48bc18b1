"""Font roles (licensed fonts win when installed) and the font compaction of rendered PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from zongjie.pdf import fonts as fontmod
from zongjie.pdf.subset import compact_fonts

ROOT = Path(__file__).resolve().parents[2]
THEME = [str(ROOT / "overrides")]


def test_free_stand_ins_on_debian() -> None:
    spec, _ = fontmod.load_spec(THEME)
    fonts = fontmod.resolve(spec)
    if fonts.missing_roles:
        pytest.skip(f"fonts not installed: {fonts.missing_roles}")
    chosen = {role: (r.family, r.weight) for role, r in fonts.roles.items()}
    assert chosen["xiaobiaosong"] == ("Noto Serif CJK SC", 700)
    assert chosen["fangsong"] == ("Noto Serif CJK SC", 300)
    assert chosen["heiti"] == ("Noto Sans CJK SC", 400)
    assert chosen["kaiti"][0] in ("AR PL KaitiM GB", "AR PL UKai CN")
    assert all(r.stand_in for r in fonts.roles.values())
    assert ord("党") in fonts.coverage and fonts.missing_chars("党史学习教育，。“”") == []
    assert fonts.missing_chars("\U000f0001") == ["\U000f0001"]


def test_an_installed_licensed_font_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    spec, _ = fontmod.load_spec(THEME)
    installed = set(fontmod.installed_families()) | {"仿宋_GB2312"}
    monkeypatch.setattr(fontmod, "installed_families", lambda: frozenset(installed))
    fonts = fontmod.resolve(spec)
    assert fonts.roles["fangsong"].family == "仿宋_GB2312"
    assert not fonts.roles["fangsong"].stand_in
    assert fonts.css_vars()["fangsong"].startswith('"仿宋_GB2312", "Noto Serif CJK SC"')


def test_compaction_keeps_text_and_shrinks_fonts() -> None:
    from weasyprint import HTML

    html = (
        "<html lang=zh><body style='font-family: \"Noto Serif CJK SC\"'>"
        "<h1 style='font-family: \"Noto Sans CJK SC\"'>党史学习教育工作总结</h1>"
        "<p>学史明理、学史增信、学史崇德、学史力行。2021年</p></body></html>"
    )
    raw = HTML(string=html).write_pdf(pdf_variant="pdf/a-2u")
    pdf = pikepdf.open(io.BytesIO(raw))
    saved = compact_fonts(pdf)
    out = io.BytesIO()
    pdf.save(out)
    assert saved > 100_000 and len(out.getvalue()) < len(raw) / 3
    from pdfminer.high_level import extract_text

    before = extract_text(io.BytesIO(raw))
    after = extract_text(io.BytesIO(out.getvalue()))
    assert after == before and "学史崇德" in after


def test_a_role_without_any_installed_font_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    spec, _ = fontmod.load_spec(THEME)
    installed = set(fontmod.installed_families()) - {"AR PL KaitiM GB", "AR PL UKai CN"}
    monkeypatch.setattr(fontmod, "installed_families", lambda: frozenset(installed))
    fonts = fontmod.resolve(spec)
    assert fonts.missing_roles == ["kaiti"]
    assert fonts.roles["kaiti"].family == "Noto Serif CJK SC"  # never fontconfig's DejaVu guess


def test_a_renumbered_cff_subset_gets_an_identity_charset_in_place() -> None:
    """HarfBuzz keeps each glyph's old CID; after the patch glyph n has CID n, bytes unmoved."""
    from zongjie.pdf.cff import cids_are_gids, identity_charset, table
    from zongjie.pdf.harfbuzz import Face

    spec, _ = fontmod.load_spec(THEME)
    serif = fontmod.resolve(spec).roles["songti"]
    face = Face.from_file(serif.file, serif.index)
    if not face.table("CFF "):
        pytest.skip(f"{serif.family} is not a CFF font")
    assert cids_are_gids(face.table("CFF "))  # Noto CJK: Adobe-Identity-0
    subset = face.subset({1405, 9502, 20000})
    assert subset is not None and subset.new_gid[20000] == 3

    def cff(data: bytes) -> bytes:
        where = table(data, b"CFF ")
        assert where is not None
        return data[where[0] : where[0] + where[1]]

    assert not cids_are_gids(cff(subset.data))  # glyph 3 still says CID 20000
    patched = identity_charset(subset.data)
    assert cids_are_gids(cff(patched)) and len(patched) == len(subset.data)
    assert identity_charset(patched) == patched


def test_without_harfbuzz_subset_a_pdf_keeps_weasyprints_own_fonts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pdfminer.high_level import extract_text

    from zongjie.pdf import render, shared_fonts, subset, xmp

    monkeypatch.setattr(shared_fonts, "available", lambda: False)
    monkeypatch.setattr(subset, "available", lambda: False)
    spec, _ = fontmod.load_spec(THEME)
    faces = shared_fonts.installed_faces(fontmod.resolve(spec).faces)
    assert faces == {}
    html = "<html lang=zh><body style='font-family: serif'><p>学史明理</p></body></html>"
    fields = xmp.ArchiveFields("单位", "u", "活动", "c", "2021-12-01")
    pdf, pages = render.lay_out(render.Document(html, "", fields), faces)
    facts = render.publish(pdf, faces, tmp_path / "report.pdf")
    assert (pages, facts.pages) == (1, 1)
    assert "学史明理" in extract_text(str(tmp_path / "report.pdf"))
    with pikepdf.open(tmp_path / "report.pdf") as out:
        descriptors = [
            o for o in out.objects
            if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/FontDescriptor"
        ]  # fmt: skip
        assert descriptors and all("/FontFile3" in d or "/FontFile2" in d for d in descriptors)
