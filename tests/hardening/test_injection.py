"""No script injection: hostile text in every string field of the data must come out inert.

Every string value that the schema accepts free text for gets a payload with a ``<script>``
element, an ``onerror=`` handler and a ``javascript:`` URL. After a build, no page may contain
an executable form of any of them: the payload must appear only as escaped text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from zongjie.data.models import Campaign, Report, ResourceCatalogue, UnitCatalogue

from .conftest import run_zongjie
from .sitefiles import html_pages, parse

TOKEN = "zjxss"
PAYLOAD = (
    f'</title></textarea><script>alert("{TOKEN}")</script>'
    f'<img src=x onerror=alert("{TOKEN}")>'
    f'<a href="javascript:alert(\'{TOKEN}\')">{TOKEN}</a>" onmouseover="alert(1)'
)
MODELS: dict[str, type[BaseModel]] = {
    "units.yml": UnitCatalogue,
    "resources.yml": ResourceCatalogue,
}


def _model_for(path: Path) -> type[BaseModel]:
    if path.name in MODELS:
        return MODELS[path.name]
    return Campaign if path.parent.name == "campaigns" else Report


def _leaves(data: Any, loc: tuple = ()) -> list[tuple]:
    if isinstance(data, dict):
        return [leaf for k, v in data.items() for leaf in _leaves(v, (*loc, k))]
    if isinstance(data, list):
        return [leaf for i, v in enumerate(data) for leaf in _leaves(v, (*loc, i))]
    return [loc] if isinstance(data, str) else []


def _set(data: Any, loc: tuple, value: str) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def poison(path: Path) -> int:
    """Add the payload to every string field the schema accepts it in; returns how many."""
    model = _model_for(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    poisoned = 0
    for loc in _leaves(data):
        old = data
        for part in loc:
            old = old[part]
        _set(data, loc, f"{old}{PAYLOAD}")
        try:
            model.model_validate(data)
            poisoned += 1
        except ValidationError:  # ids, enums and short measure words cannot hold it
            _set(data, loc, old)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return poisoned


def test_hostile_data_is_inert(tiny: Path) -> None:
    poisoned = sum(poison(p) for p in sorted((tiny / "data").rglob("*.yml")))
    assert poisoned > 50
    done = run_zongjie("build", "-q", cwd=tiny)
    assert done.returncode == 0, done.stdout + done.stderr
    site = tiny / "site"

    escaped_pages = 0
    for page in html_pages(site):
        html = parse(page)
        rel = page.relative_to(site).as_posix()
        for tag, attrs, line in html.elements:
            for name, value in attrs.items():
                where = f"{rel}:{line} <{tag} {name}=…>"
                if name.startswith("on"):
                    assert TOKEN not in (value or "") and "alert" not in (value or ""), where
                if name in ("href", "src", "action", "formaction", "xlink:href"):
                    assert not (value or "").strip().lower().startswith("javascript:"), where
            if tag == "img":
                assert attrs.get("src") != "x", f"{rel}:{line}: injected <img> element"
        for body in html.scripts:
            assert TOKEN not in body, f"{rel}: payload inside a <script> element"
        text = page.read_text(encoding="utf-8")
        if "&lt;script&gt;alert(" in text:
            escaped_pages += 1
    # The payload did reach the pages, as visible text.
    assert escaped_pages >= 4, "payload not found on the pages: the test did not test anything"

    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert "<script>alert" not in doc["text"] + doc["title"], doc["location"]
