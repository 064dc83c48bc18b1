"""MkDocs' own settings reach every page as they are written: each one that could put markup,
a script or another host's address in front of readers is refused by ``check`` and by the
build, at its line in mkdocs.yml, and the last good site stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import tree_hash

from .conftest import run_zongjie

# (what is appended to mkdocs.yml, the field the error names)
TOP_LEVEL = [
    ('site_description: "\\"><script>window.__x=1</script>"', "site_description"),
    ('site_name: "报告库\'><svg onload=alert(1)>"', "site_name"),
    ('site_author: "<b>办公室</b>"', "site_author"),
    ("copyright: '<img src=x onerror=alert(1)>'", "copyright"),
    ("copyright: '<a href=\"https:evil.example/\">版权</a>'", "copyright"),
    ("repo_url: https://github.com/x/y", "repo_url"),
    ("repo_name: '\"><script>x()</script>'", "repo_name"),
]
EXTRA = [  # under the existing extra: section
    ("  analytics:\n    provider: google\n    property: G-ABC", "extra.analytics"),
    ("  social:\n    - icon: x\n      link: 'javascript:alert(1)'", "extra.social.0.link"),
    ("  social:\n    - icon: x\n      link: 'https:evil.example/c'", "extra.social.0.link"),
    ("  social:\n    - icon: x\n      link: '///evil.example/'", "extra.social.0.link"),
    ("  homepage: 'vbscript:msgbox(1)'", "extra.homepage"),
    ("  note: '</title><script>alert(1)</script>'", "extra.note"),
]


def _append(project: Path, text: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + text + "\n", encoding="utf-8")


def _insert_under(project: Path, section: str, text: str) -> None:
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    if section not in lines:
        lines.append(section)
    at = lines.index(section) + 1
    config.write_text("\n".join([*lines[:at], text, *lines[at:]]) + "\n", encoding="utf-8")


def _line_of(project: Path, needle: str) -> int:
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return max(i for i, line in enumerate(lines, 1) if needle in line)  # the last one counts


def _refused(project: Path, field: str, line: int) -> None:
    checked = run_zongjie("check", cwd=project)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    where = f"mkdocs.yml:{line}:"
    said = [ln for ln in checked.stdout.splitlines() if f"[{field}]" in ln]
    assert said and said[0].startswith(where), checked.stdout
    before = tree_hash(project / "site")
    built = run_zongjie("build", cwd=project)
    assert built.returncode != 0
    assert f"[{field}]" in built.stdout + built.stderr
    assert tree_hash(project / "site") == before, "the last good site changed"


@pytest.fixture
def built(tiny: Path) -> Path:
    done = run_zongjie("build", cwd=tiny)
    assert done.returncode == 0, done.stdout + done.stderr
    return tiny


@pytest.mark.parametrize(("text", "field"), TOP_LEVEL, ids=[f for _, f in TOP_LEVEL])
def test_top_level_settings_that_reach_pages(built: Path, text: str, field: str) -> None:
    _append(built, text)
    _refused(built, field, _line_of(built, text.split(":", maxsplit=1)[0] + ":"))


@pytest.mark.parametrize(
    ("text", "field"), EXTRA, ids=[f"{f}-{i}" for i, (_, f) in enumerate(EXTRA)]
)
def test_extra_settings_that_reach_pages(built: Path, text: str, field: str) -> None:
    _insert_under(built, "extra:", text)
    needle = text.splitlines()[-1].strip()
    line = _line_of(built, needle) if field != "extra.analytics" else _line_of(built, "analytics:")
    _refused(built, field, line)


def test_scripts_and_styles_come_from_the_site(built: Path) -> None:
    _append(built, "extra_javascript:\n  - https://cdn.example/x.js")
    _refused(built, "extra_javascript.0", _line_of(built, "cdn.example"))


def test_google_fonts_are_refused(built: Path) -> None:
    config = built / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  font: false" in text
    config.write_text(text.replace("  font: false", "  font:\n    text: Noto Sans SC"), "utf-8")
    _refused(built, "theme.font", _line_of(built, "  font:"))


def test_a_palette_name_cannot_end_its_attribute(built: Path) -> None:
    _insert_under(built, "theme:", '  palette:\n    primary: "red\\" onmouseover=\\"alert(1)"')
    _refused(built, "theme.palette.primary", _line_of(built, "primary:"))


def test_plain_settings_still_build(built: Path) -> None:
    _append(
        built,
        "site_author: 市委办公室（“两学一做”专栏）\n"
        "copyright: '&copy; 2024 市委 <a href=\"guide/\">说明</a>'",
    )
    done = run_zongjie("build", "--strict", cwd=built)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (built / "site/index.html").read_text(encoding="utf-8")
    assert "市委办公室（“两学一做”专栏）" in page
    assert '<a href="guide/">说明</a>' in page
