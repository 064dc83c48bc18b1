"""SVG images in docs/, read as a browser reads one opened on its own: an image that could run
code or fetch from another host is an error at its line.

A rule, not part of the loader's list of what docs/ may publish: the check reads the XML and
the image's stylesheets with the stylesheet rule, which sit above the data layer.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

from zongjie.data.docs_assets import HINT
from zongjie.data.yamlfile import relpath
from zongjie.errors import Problem
from zongjie.markdown.addresses import outside
from zongjie.rules.stylesheets import sheet_findings

SVG_NS = "http://www.w3.org/2000/svg"
ACTIVE_NAMESPACES = {
    "http://www.w3.org/1999/xhtml": "HTML",
    "http://www.w3.org/1998/Math/MathML": "MathML",
    "http://www.w3.org/1999/XSL/Transform": "XSLT",
}
"""Namespaces whose elements a browser acts on inside an SVG (an XHTML ``<meta refresh>``
navigates away); elements of other namespaces (an editor's metadata) are inert."""
SVG_ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "defs",
        "symbol",
        "use",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textpath",
        "title",
        "desc",
        "metadata",
        "lineargradient",
        "radialgradient",
        "stop",
        "clippath",
        "mask",
        "pattern",
        "marker",
        "image",
        "style",
        "switch",
        "view",
        "a",
        "filter",
        "feblend",
        "fecolormatrix",
        "fecomponenttransfer",
        "fecomposite",
        "feconvolvematrix",
        "fediffuselighting",
        "fedisplacementmap",
        "fedistantlight",
        "fedropshadow",
        "feflood",
        "fefunca",
        "fefuncb",
        "fefuncg",
        "fefuncr",
        "fegaussianblur",
        "feimage",
        "femerge",
        "femergenode",
        "femorphology",
        "feoffset",
        "fepointlight",
        "fespecularlighting",
        "fespotlight",
        "fetile",
        "feturbulence",
    ]
)
"""What a drawing needs. Not: script, foreignObject, and the animation elements (set,
animate…), which can give an attribute an event handler or a script address."""
SVG_CODE = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|<foreignObject", re.IGNORECASE)
SVG_CODE_ELEMENTS = frozenset({"script", "foreignobject", "handler", "listener", "iframe"})
SCHEME_CODE = re.compile(
    r"(?:javascript|vbscript):|data:(?!image/(?:png|jpe?g|gif|webp)[;,])", re.IGNORECASE
)
_IN_ADDRESS = re.compile(r"[\x00-\x20\x7f]+")  # the browser drops these inside an address
MAX_SVG = 16 * 1024 * 1024


def svg_problems(docs: Path, root: Path) -> list[Problem]:
    """An error for each SVG image of ``docs/`` that could run code or fetch from elsewhere."""
    problems = []
    for dirpath, dirnames, filenames in os.walk(docs):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.lower().endswith(".svg") and not name.startswith("."):
                path = Path(dirpath) / name
                found = _svg_code(path)
                if found is not None:
                    line, message = found
                    problems.append(
                        Problem(relpath(path, root), line, message, field="文件", hint=HINT)
                    )
    return problems


def _svg_code(path: Path) -> tuple[int, str] | None:
    """Where the SVG ``path`` could run code or fetch from another host, and what, as a browser
    reads it: XML parsed, character references decoded, stylesheets through the stylesheet
    rule. The bytes as written are looked at too, so that what the parser skips hides nothing."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_SVG)
    except OSError:
        return None
    code = "SVG 图片中有脚本、事件属性或脚本地址：单独打开这张图片时它们会运行"
    if b"<!ENTITY" in data.upper():
        return 1, "SVG 图片中定义了实体（<!ENTITY）：实体能拼出脚本地址，也能读取别的文件"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        tree = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return exc.lineno or 1, f"SVG 图片不是格式正确的 XML，无法确认其中没有脚本（{exc.msg}）"
    instructions = [*tree.itersiblings(preceding=True), *tree.iter(etree.ProcessingInstruction)]
    for node in instructions:
        if isinstance(node, etree._ProcessingInstruction):
            at: object = getattr(node, "sourceline", None)
            target: object = getattr(node, "target", "")
            return at if isinstance(at, int) else 1, (
                f"SVG 图片中有处理指令 <?{target!s} …?>：它能让浏览器加载样式表或 XSLT，"
                "单独打开这张图片时会运行其中的脚本"
            )
    for element in tree.iter():
        line = element.sourceline if isinstance(element.sourceline, int) else 1
        if not isinstance(element.tag, str):
            continue  # comments (processing instructions are refused above)
        name = etree.QName(element)
        local = name.localname.lower()
        if name.namespace in ACTIVE_NAMESPACES or (
            not name.namespace and local in ("meta", "script", "iframe", "object", "embed", "base")
        ):
            what = ACTIVE_NAMESPACES.get(name.namespace or "", "HTML")
            return (
                line,
                f"SVG 图片中有 {what} 元素 <{name.localname}>：浏览器会执行它（如跳转到别的网站）",
            )
        if local in SVG_CODE_ELEMENTS:
            return line, code
        if name.namespace == SVG_NS and local not in SVG_ELEMENTS:
            return line, (
                f"SVG 图片中有 <{name.localname}> 元素：图片只能用绘图元素，动画和脚本元素能"
                "给属性换上脚本"
            )
        for key, raw in element.attrib.items():
            attr = etree.QName(key).localname.lower()
            value = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
            if attr.startswith("on") or SCHEME_CODE.search(_IN_ADDRESS.sub("", value)):
                return line, code
            if attr in ("href", "src") and outside(value.strip(), "") is not None:
                return line, f"SVG 图片引用了站外的地址“{value[:60]}”：单独打开时会向别的网站请求"
            if attr == "style":
                found = sheet_findings(f"x{{{value}}}")
                if found:
                    return line, f"SVG 图片的 style 属性：{found[0][1]}"
        if local == "style":
            for at, message in sheet_findings("".join(str(t) for t in element.itertext())):
                return line + at - 1, f"SVG 图片的 <style>：{message}"
    if SVG_CODE.search(data) is not None:
        return 1, code
    return None
