"""From a built report page to print-ready HTML: what a PDF contains, and what is wrong with it.

The input is ``page.content`` after every marker has been rendered, so the PDF shows exactly
the narrative and data tables of the web page. Web-only parts (permalinks, sort buttons, links
that only work on the site) are removed; images are resolved against the built site; and every
character is checked against the configured fonts so nothing can turn into tofu (□).
"""

from __future__ import annotations

import html
import posixpath
import re
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from zongjie.data.content import ReportRef
from zongjie.pdf.fonts import FontSet, system_font_for

_FORCED_MARK = "\ue000"  # private use, not white space: never in a title's own text
_IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc=["']([^"']*)["']""", re.IGNORECASE)


@dataclass
class ReportDoc(ReportRef):
    """One report as collected from the build, from the site layer's record."""

    campaign_title: str
    unit_name: str
    unit_short: str
    date: str  # ISO date of the report (落款日期)
    date_cn: str
    title: str
    content: str  # page.content: the article HTML, markers rendered
    page_url: str  # the report page's URL inside the site, e.g. campaigns/x/y/
    src_path: str  # for messages: docs/campaigns/x/y.md
    status: str = "已审定"
    """Review status; anything else is printed with a 草稿 watermark (editors' builds only)."""
    reviewed_by: str = ""
    reviewed_on: str = ""  # ISO date
    review_chain: str = ""  # every review step, oldest first, separated by ；
    title_with_breaks: str = ""
    """The title with ``<br>`` where its editor forced a line break (``typeset.titles``)."""
    position: int = 0  # in the campaign's tree, depth first: the volumes' order
    orgs: tuple[str, ...] = ()  # the organisations above the unit, from the top down
    has_signature: bool = False
    problems: list[str] = field(default_factory=list)


def _fragment(content: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(content or "<p></p>", create_parent="div")


def _text(el: lxml_html.HtmlElement) -> str:
    return " ".join(el.text_content().replace("\u200b", "").split())  # a title's word breaks


def clean_report(doc: ReportDoc, site_dir: Path) -> str:
    """Print HTML for the report body; records problems (missing images) on ``doc``."""
    root = _fragment(doc.content)
    _strip_web_only(root)
    first_h1 = root.find(".//h1")
    if first_h1 is not None:
        doc.title = _text(first_h1) or doc.title
        doc.title_with_breaks = _forced_breaks(first_h1)
        first_h1.drop_tree()
    for summary in root.xpath('.//div[contains(@class, "zj-summary")]'):
        _summary_as_sentence(summary)
    doc.has_signature = bool(
        root.xpath('.//*[contains(concat(" ", @class, " "), " zj-signature ")]')
    )
    for img in root.iter("img"):
        _resolve_image(img, doc, site_dir)
    return _inner_html(root)


def _forced_breaks(heading: lxml_html.HtmlElement) -> str:
    """The heading's text with ``<br>`` where its editor broke it (the breaks the web page adds
    for its own print measure, ``zj-title__break``, are not the editor's)."""
    copy = deepcopy(heading)
    for br in copy.iter("br"):
        if "zj-title__break" not in br.get("class", ""):
            br.tail = _FORCED_MARK + (br.tail or "")
    return _text(copy).replace(_FORCED_MARK, "<br>")


def page_charts(content: str) -> str:
    """The charts of a campaign page that fit on a page, for the volume's overview (its table
    comes from the campaign's own :class:`~zongjie.data.tables.Table`)."""
    root = _fragment(content)
    charts = {id(c): c for c in root.xpath('.//figure[contains(@class, "zj-chart")]')}
    for chart in charts.values():
        chart.set("class", "zj-print-chart")  # kept by _strip_web_only, which drops web charts
    _strip_web_only(root)
    keep = [
        el
        for el in root.xpath('.//figure[contains(@class, "zj-print-chart")]')
        if _chart_for_print(el)
    ]
    return "".join(lxml_html.tostring(el, encoding="unicode") for el in keep)


def split_tables(tables: str, rows: int) -> list[str]:
    """The overview (tables, notes, charts) cut into pieces of at most ``rows`` body rows, each
    a whole table: the caption stays with the first piece, the totals (tfoot) and the notes with the
    last, and every piece repeats the header. A few thousand rows laid out at once would cost
    WeasyPrint hundreds of MB; so they are laid out, and cached, piece by piece."""
    root = _fragment(tables)
    pieces: list[list[str]] = [[]]
    count = 0
    for element in list(root):
        body = element.find("tbody") if element.tag == "table" else None
        if body is None:
            pieces[-1].append(lxml_html.tostring(element, encoding="unicode"))
            continue
        body_rows = list(body)
        for start in range(0, max(len(body_rows), 1), rows):
            if count and count + min(rows, len(body_rows) - start) > rows:
                pieces.append([])
                count = 0
            pieces[-1].append(_table_slice(element, body_rows, start, rows))
            count += len(body_rows[start : start + rows])
    return ["".join(piece) for piece in pieces if piece]


MAX_CHART_BARS = 30
"""Bars of a chart that still fit on one page; a larger campaign's overview table says it all."""
CHART_STYLE = (
    "text { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 13px; fill: #000; }"
    " .zj-bar { fill: #7a7a7a; } .zj-bar--below { fill: #b00000; } .zj-target { stroke: #000; }"
    " .zj-seg[data-status='已整改'] { fill: #4d4d4d; }"
    " .zj-seg[data-status='常态化'] { fill: #999; }"
    " .zj-seg[data-status='整改中'] { fill: #d9d9d9; }"
)


def _chart_for_print(figure: lxml_html.HtmlElement) -> bool:
    """Make a campaign chart (an inline SVG) printable, its text equivalent the data it shows:
    the SVG's title, which becomes the PDF figure's Alt, lists every bar. False if it has too
    many bars for a page."""
    svg = next((el for el in figure.iter() if _local(el.tag) == "svg"), None)
    if svg is None:
        return False
    bars = [el for el in svg if _local(el.tag) == "g" and "zj-legend" not in el.get("class", "")]
    if not bars or len(bars) > MAX_CHART_BARS:
        return False
    title = next((el for el in svg if _local(el.tag) == "title"), None)
    if title is None:
        title = lxml_html.Element("title")
        svg.insert(0, title)
    items = []
    for bar in bars:
        texts = [" ".join((t.text or "").split()) for t in bar if _local(t.tag) == "text"]
        label = texts[0] if texts else ""
        tips = [" ".join((t.text or "").split()) for t in bar.iter() if _local(t.tag) == "title"]
        # A bar's tooltip repeats its label and value; a segment's (整改进度) tells its count.
        values = [tip for tip in tips if not tip.startswith(label)] + texts[1:]
        items.append(f"{label} {'，'.join(v for v in values if v)}".strip())
    title.text = f"{' '.join((title.text or '').split())}：{'；'.join(items)}"
    style = lxml_html.Element("style")
    style.text = CHART_STYLE
    svg.insert(1, style)
    return True


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _table_slice(
    table: lxml_html.HtmlElement, rows: list[lxml_html.HtmlElement], start: int, size: int
) -> str:
    copy = lxml_html.Element(table.tag, dict(table.attrib))
    for part in table:
        if part.tag == "caption" and start > 0:
            continue
        if part.tag == "tfoot" and start + size < len(rows):
            continue
        if part.tag == "tbody":
            body = lxml_html.Element("tbody", dict(part.attrib))
            body.extend(deepcopy(row) for row in rows[start : start + size])
            copy.append(body)
        else:
            copy.append(deepcopy(part))
    return str(lxml_html.tostring(copy, encoding="unicode"))


def _summary_as_sentence(summary: lxml_html.HtmlElement) -> None:
    """The web page's figure cards become one sentence, which reads (and extracts) in order."""
    items = []
    for card in summary.xpath('.//*[contains(@class, "zj-card")]'):
        label = card.xpath('.//*[contains(@class, "zj-card__label")]')
        value = card.xpath('.//*[contains(@class, "zj-card__value")]')
        if label and value:
            items.append(f"{_text(label[0])}{_text(value[0]).replace(' ', '')}")
    sentence = lxml_html.Element("p", {"class": "zj-summary-text"})
    sentence.text = "主要数据：" + "，".join(items) + "。" if items else ""
    summary.addprevious(sentence)
    summary.drop_tree()


def _strip_web_only(root: lxml_html.HtmlElement) -> None:
    for el in root.xpath(
        './/a[contains(@class, "headerlink")] | .//script | .//style'
        ' | .//*[contains(@class, "zj-actions")] | .//figure[contains(@class, "zj-chart")]'
    ):
        el.drop_tree()
    for el in root.xpath(".//button"):
        el.drop_tag()
    for a in root.xpath(".//a"):
        href = a.get("href", "")
        if urlsplit(href).scheme in ("http", "https", "mailto"):
            continue  # a real external link stays clickable in the PDF
        a.drop_tag()
    for el in root.xpath(".//*[@id]"):
        if el.tag not in ("h1", "h2", "h3", "h4", "h5", "h6"):
            del el.attrib["id"]


def image_file(src: str, page_url: str, site_dir: Path) -> Path | None:
    """The file an ``<img src>`` of the page at ``page_url`` shows, if it is inside the site."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    rel = posixpath.normpath(posixpath.join(page_url, unquote(parts.path)))
    candidate = (site_dir / rel).resolve()
    if candidate.is_file() and candidate.is_relative_to(site_dir.resolve()):
        return candidate
    return None


def image_sources(content: str) -> list[str]:
    """Every ``<img src>`` of a page's HTML, found without parsing it (for the cache key)."""
    return [html.unescape(src) for src in _IMG_SRC.findall(content)]


SITE_SCHEME = "zj-site:"
"""How print HTML names a file of the built site: by its path in the site, never where the site
is, so the PDF is the same wherever it is built (WeasyPrint names images by their URL).
``weasy.local_url_fetcher`` reads them from the site."""


def _resolve_image(img: lxml_html.HtmlElement, doc: ReportDoc, site_dir: Path) -> None:
    src = img.get("src", "")
    path = image_file(src, doc.page_url, site_dir)
    if path is not None:
        img.set("src", SITE_SCHEME + path.relative_to(site_dir.resolve()).as_posix())
        return
    doc.problems.append(f"图片无法载入：{src or '（空地址）'}（内网 PDF 只能使用站点内的图片文件）")
    placeholder = lxml_html.Element("p", {"class": "zj-missing"})
    placeholder.text = f"［图片缺失：{img.get('alt') or src}］"
    img.addprevious(placeholder)
    img.drop_tree()


def check_glyphs(doc: ReportDoc, html: str, fonts: FontSet) -> str:
    """Replace characters no installed font can draw by a visible code, and record a problem.

    Characters the 公文 fonts lack but another installed font has are drawn by that font (no tofu)
    and are still reported, because they break the uniform 公文 typeface.
    """
    text = _text(_fragment(html)) + doc.title + doc.unit_name + doc.date_cn
    missing = fonts.missing_chars(text)
    if not missing:
        return html
    tofu: list[tuple[str, str | None]] = []
    substituted: list[tuple[str, str | None]] = []
    for char in missing:
        other = system_font_for(char)
        (substituted if other else tofu).append((char, other))
    if substituted:
        doc.problems.append(
            "公文字体缺字，改用其他已安装字体："
            + "、".join(f"“{c}”(U+{ord(c):04X}，{f})" for c, f in substituted)
        )
    if tofu:
        doc.problems.append(
            "没有任何已安装字体能显示这些字符，PDF 中以编码代替："
            + "、".join(f"“{c}”(U+{ord(c):04X})" for c, _ in tofu)
        )
        for char, _ in tofu:
            html = html.replace(char, f"〔U+{ord(char):04X}〕")
            doc.title = doc.title.replace(char, f"〔U+{ord(char):04X}〕")
    return html


def _inner_html(root: lxml_html.HtmlElement) -> str:
    text = root.text or ""
    return text + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
