"""The title (first ``<h1>``) of a report or campaign page, set in lines as the PDF sets it.

The same rule as the PDFs (``zongjie.typeset.titles``) breaks the title for the width of the
printed page (``PRINT``: the A4 text width and title size of ``print.css``). A title that needs
more than one printed line then wraps on screen as the window allows, but only between word
groups (zero-width spaces and ``word-break: keep-all``), and in print where the rule found best
(``br.zj-title__break``, shown only in print). A break its editor forced (``<br>`` in the
Markdown heading) shows on screen too. A title of one printed line is left as it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import jinja2

from zongjie.typeset.titles import Measure, break_title

MM_PER_PT = 25.4 / 72
PRINT_WIDTH_MM = 172.0  # A4 less the margins of print.css (@page: 20mm 18mm 20mm 20mm)
PRINT_TITLE_PT = 20.0  # .md-typeset h1 in print.css
PRINT = Measure.of(PRINT_WIDTH_MM / MM_PER_PT, PRINT_TITLE_PT)
CLASS = "zj-title-lines"
_H1 = re.compile(r"<h1\b([^>]*)>(.*?)</h1>", re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.DOTALL)
_TAG = re.compile(r"<(?!br\b)[^>]*>", re.IGNORECASE)


def set_title(content: str, env: jinja2.Environment, keep: Sequence[str] = ()) -> str:
    """``content`` (a page's HTML) with its first ``<h1>`` set in lines."""
    match = _H1.search(content)
    if match is None or CLASS in match.group(1):
        return content
    inner = match.group(2)
    link = _HEADERLINK.search(inner)
    title = html.unescape(_TAG.sub("", _HEADERLINK.sub("", inner))).strip()
    if not title:
        return content
    lines = break_title(title, PRINT, [k for k in keep if k])
    if len(lines) == 1:
        return content  # one printed line: nothing to break, the page keeps its plain title
    module = env.get_template("zongjie/title_lines.html").make_module()
    attributes = match.group(1)
    if 'class="' in attributes:
        attributes = attributes.replace('class="', f'class="{CLASS} ', 1)
    else:
        attributes += f' class="{CLASS}"'
    text = str(module.title_text(lines)) + (link.group(0) if link else "")  # type: ignore[attr-defined]
    return f"{content[: match.start()]}<h1{attributes}>{text}</h1>{content[match.end() :]}"
