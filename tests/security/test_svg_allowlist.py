"""An SVG image in docs/ may hold a drawing and nothing a browser acts on: no processing
instruction (an XSLT or stylesheet to load), no element of HTML, MathML or XSLT (an HTML
``<meta refresh>`` navigates away), no animation element (which can set an event handler)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zongjie.rules.svg_images import svg_problems

SVG = 'xmlns="http://www.w3.org/2000/svg"'
REFUSED = {
    "pi-xsl": f'<?xml-stylesheet type="text/xsl" href="#x"?>\n<svg {SVG}><rect/></svg>',
    "pi-css": f'<?xml-stylesheet type="text/css" href="a.css"?>\n<svg {SVG}/>',
    "xhtml-meta": (
        f'<svg {SVG}>\n<foo:meta xmlns:foo="http://www.w3.org/1999/xhtml" '
        'http-equiv="refresh" content="0;url=https://elsewhere.example/"/></svg>'
    ),
    "xhtml-default": (
        f'<svg {SVG}>\n<g><div xmlns="http://www.w3.org/1999/xhtml"><a href="/x">x</a></div></g>'
        "</svg>"
    ),
    "xslt-element": (
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n'
        '<xsl:template match="/"/></xsl:stylesheet>'
    ),
    "mathml": f'<svg {SVG}>\n<m:math xmlns:m="http://www.w3.org/1998/Math/MathML"/></svg>',
    "set-handler": f'<svg {SVG}><rect>\n<set attributeName="onclick" to="alert(1)"/></rect></svg>',
    "animate-href": (
        f'<svg {SVG} xmlns:x="http://www.w3.org/1999/xlink"><a>\n'
        '<animate attributeName="href" values="javascript:alert(1)"/></a></svg>'
    ),
}
DRAWING = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- made with an editor -->
<svg {SVG} xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" width="200" height="100">
  <metadata><rdf:RDF/></metadata>
  <inkscape:grid type="xygrid"/>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/></linearGradient></defs>
  <title>办实事完成情况</title>
  <g fill="url(#g)"><rect width="80" height="40"/><circle cx="120" cy="20" r="10"/></g>
  <text x="10" y="90" font-family="Noto Sans CJK SC">已完成 12 件</text>
  <use xlink:href="#g"/>
</svg>
"""


@pytest.mark.parametrize("name", list(REFUSED))
def test_what_a_browser_acts_on_is_refused_at_its_line(tmp_path: Path, name: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / f"{name}.svg").write_text(REFUSED[name], encoding="utf-8")
    found = svg_problems(docs, tmp_path)
    assert [(p.path, p.severity) for p in found] == [(f"docs/{name}.svg", "error")]
    expected_line = 1 if name.startswith(("pi-", "xslt")) else 2
    assert found[0].line == expected_line, found[0].format()


def test_a_drawing_from_an_editor_passes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "chart.svg").write_text(DRAWING, encoding="utf-8")
    assert svg_problems(docs, tmp_path) == []
