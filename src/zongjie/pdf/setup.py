"""What every PDF of one build is made with: the templates, the 公文 CSS, the fonts, the cache."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from zongjie import atomic
from zongjie.framework import plugin_logger
from zongjie.pdf import harfbuzz
from zongjie.pdf import stamps as stamping
from zongjie.pdf.cache import PdfCache, digest, engine_signature
from zongjie.pdf.fonts import FontSet, load_spec, resolve
from zongjie.pdf.layout import GB9704
from zongjie.pdf.render import Document, Piece
from zongjie.pdf.shared_fonts import FaceTable, installed_faces
from zongjie.pdf.xmp import ArchiveFields
from zongjie.site.render import make_environment
from zongjie.typeset import titles

log = plugin_logger("zongjie.pdf")


@dataclass
class PdfSetup:
    env: jinja2.Environment
    cache: PdfCache
    fonts: FontSet
    faces: FaceTable
    context: dict[str, Any]
    """What every template gets: the geometry, the font stacks, the generator."""
    css: str
    engine: str
    """Versions of the engine, WeasyPrint and pikepdf: part of every cache key."""
    rendered_fronts: int = 0
    """Front matter HTML rendered by this build (not found in the cache)."""
    templates_digest: str = ""

    @classmethod
    def load(cls, theme_dirs: list[str], cache: PdfCache) -> PdfSetup:
        """Resolve the fonts (warning about a role none of whose fonts is installed)."""
        env = make_environment(jinja2.FileSystemLoader(theme_dirs))
        env.globals.update(break_title=_break_title, title_width=titles.width)
        spec, _ = load_spec(theme_dirs)
        fonts = resolve(spec, cache.dir)
        for role in fonts.missing_roles:
            r = fonts.roles[role]
            log.warning(
                "PDF 字体：“%s”的候选字体都没有安装，暂用 %s；请安装 fonts.yml 中列出的字体",
                r.label,
                r.family,
            )
        if not harfbuzz.available():
            log.info(
                "PDF：未找到 libharfbuzz-subset，字体不再压缩，PDF 约大 3.5 倍"
                "（Debian：apt-get install libharfbuzz-subset0）"
            )
        context = {
            "g": GB9704,
            "fonts": fonts.css_vars(),
            "weights": fonts.weights(),
            "scales": fonts.scales(),
            "generator": generator(),
        }
        css = env.get_template("zongjie/pdf/gongwen.css").render(**context)
        faces = installed_faces(fonts.faces)
        return cls(env, cache, fonts, faces, context, css, engine_signature())

    def render(self, template: str, **values: Any) -> str:
        """A template of ``overrides/zongjie/pdf/`` with the common context."""
        return self.env.get_template(f"zongjie/pdf/{template}").render(**values, **self.context)

    def render_memo(self, template: str, **values: Any) -> str:
        """:meth:`render`, remembered under a hash of the values and every template and title
        rule it may use: a volume's front matter breaks each report's title (jieba), which a
        build that changes nothing should not do again."""
        key = digest(self.engine, self._templates(), template, repr(sorted(values.items())))
        memo = self.cache.path(f"{key}.front.html")
        try:
            return memo.read_text(encoding="utf-8")
        except OSError:
            html = self.render(template, **values)
            self.rendered_fronts += 1
            atomic.write_text(memo, html)
            return html

    def _templates(self) -> str:
        """A hash of the zongjie templates and the title-breaking rules, once per build."""
        if not self.templates_digest:
            loader = self.env.loader
            assert loader is not None
            names = sorted(n for n in loader.list_templates() if n.startswith("zongjie/"))
            rules = files("zongjie.typeset")
            self.templates_digest = digest(
                *(loader.get_source(self.env, n)[0] for n in names),
                rules.joinpath("titles.py").read_bytes(),
                rules.joinpath("words.txt").read_bytes(),
                str(self.context),
            )
        return self.templates_digest

    def stamps(self, pages: int) -> Path:
        """The stamp file for up to ``pages`` numbered pages (made in blocks, then cached)."""
        html = self.render("stamps.html", pages=stamping.stamp_pages_needed(pages))
        path = self.cache.path(f"{digest(self.engine, html, self.fonts.signature)}.stamps.pdf")
        if not path.is_file():
            atomic.write_bytes(path, stamping.render_stamps(html, self.faces))
        return path

    def piece(self, title: str, html: str, fields: ArchiveFields) -> Piece:
        """Pages laid out from ``html`` once and cached under its content (front matter, the
        lists and overview of an index volume)."""
        key = digest(self.engine, html, self.css, self.fonts.signature, repr(fields))
        path = self.cache.path(f"{key}.piece.pdf")
        return Piece(title, str(path), Document(html, self.css, fields))


def _break_title(
    title: str, chars: float, keep: Sequence[str] = (), indent: float = 0.0
) -> list[titles.TitleLine]:
    """A title's lines for a measure of ``chars`` characters (templates: title_lines.html)."""
    return titles.break_title(title, titles.Measure(chars), [k for k in keep if k], indent)


def generator() -> str:
    try:
        own = version("zongjie")
    except PackageNotFoundError:
        own = "dev"
    return f"zongjie {own} (WeasyPrint {version('weasyprint')})"
