"""Font roles of the 公文 layout: which installed font stands in for each official typeface
(小标宋, 仿宋, 黑体, 楷体 and 宋体).

The candidates live in ``overrides/zongjie/pdf/fonts.yml`` (validated here). For each role the
first *installed* family wins, so licensed fonts installed through fontconfig replace the free
Debian stand-ins without any code change. The resolution is explicit (never fontconfig's
"closest match", which silently answers DejaVu Sans for an unknown name) and its result is part
of the PDF cache key, so installing a font re-renders every PDF.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from zongjie import atomic
from zongjie.errors import ContentError, Problem

FONTS_FILE = "zongjie/pdf/fonts.yml"
_FC_WEIGHT = {100: 0, 200: 40, 300: 50, 400: 80, 500: 100, 600: 180, 700: 200, 800: 205, 900: 210}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Candidate(_Model):
    family: str = Field(min_length=1)
    weight: int = Field(400, ge=100, le=900, multiple_of=100)
    scale: float = Field(1.0, ge=0.8, le=1.3)
    """Glyph size relative to the body size, for fonts drawn small in their em box (AR PL Kai);
    the advance per character stays on the 28-per-line grid."""


class RoleSpec(_Model):
    label: str
    candidates: list[Candidate] = Field(min_length=1)


class FontsFile(_Model):
    roles: dict[str, RoleSpec]
    fallbacks: list[str] = []


ROLES = ("xiaobiaosong", "fangsong", "heiti", "kaiti", "songti")


@dataclass(frozen=True)
class ResolvedRole:
    role: str
    label: str
    family: str
    weight: int
    file: str
    index: int
    stand_in: bool
    """True when no preferred (licensed) candidate was installed."""
    scale: float = 1.0

    def css_stack(self, fallbacks: list[str]) -> str:
        names = [self.family] + [f for f in fallbacks if f != self.family]
        return ", ".join(json.dumps(n, ensure_ascii=False) for n in names)


@dataclass
class FontSet:
    roles: dict[str, ResolvedRole]
    fallbacks: list[str]
    missing_roles: list[str] = field(default_factory=list)
    coverage: frozenset[int] = frozenset()
    faces: list[tuple[str, int]] = field(default_factory=list)
    """Every installed face (file, index) of the roles' and fallbacks' families, all weights:
    the faces whose glyphs a bound part re-embeds (``shared_fonts``)."""

    @property
    def signature(self) -> str:
        """Changes whenever a different font file would be used: part of every cache key."""
        parts = [
            f"{r.role}={r.family}:{r.weight}:{r.scale}:{_stat(r.file)}" for r in self.roles.values()
        ]
        parts += [f"{path}:{index}:{_stat(path)}" for path, index in self.faces]
        return hashlib.sha256("|".join(parts + self.fallbacks).encode()).hexdigest()

    def css_vars(self) -> dict[str, str]:
        return {role: r.css_stack(self.fallbacks) for role, r in self.roles.items()}

    def weights(self) -> dict[str, int]:
        return {role: r.weight for role, r in self.roles.items()}

    def scales(self) -> dict[str, float]:
        return {role: r.scale for role, r in self.roles.items()}

    def missing_chars(self, text: str) -> list[str]:
        """Characters of ``text`` that none of the configured fonts can draw."""
        return sorted({c for c in text if ord(c) not in self.coverage and not _ignorable(c)})


def _ignorable(char: str) -> bool:
    # Spaces, line breaks, controls and format characters draw nothing; private-use and
    # unassigned code points (Co, Cn) are exactly what must be reported.
    return unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cc", "Cf")


def _stat(path: str) -> str:
    try:
        st = Path(path).stat()
    except OSError:
        return "missing"
    return f"{st.st_size}:{int(st.st_mtime)}"


def load_spec(theme_dirs: list[str]) -> tuple[FontsFile, Path]:
    """The first ``zongjie/pdf/fonts.yml`` found in the theme directories (overrides first)."""
    for folder in theme_dirs:
        path = Path(folder) / FONTS_FILE
        if path.is_file():
            break
    else:
        raise ContentError([Problem(FONTS_FILE, 1, "找不到 PDF 字体配置文件", severity="error")])
    try:
        spec = FontsFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as exc:
        raise ContentError(
            [Problem(str(path), 1, f"PDF 字体配置无效：{exc}", severity="error")]
        ) from exc
    unknown = set(ROLES) - set(spec.roles)
    if unknown:
        raise ContentError(
            [
                Problem(
                    str(path),
                    1,
                    f"PDF 字体配置缺少角色：{', '.join(sorted(unknown))}",
                    severity="error",
                )
            ]
        )
    return spec, path


@cache
def installed_families() -> frozenset[str]:
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{family}\n"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return frozenset()
    return frozenset(
        name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()
    )


def _fontconfig(tool: str, output: str, pattern: str) -> str:
    """What ``fc-list``/``fc-match`` print for ``pattern``; empty if fontconfig is missing."""
    try:
        run = subprocess.run(
            [tool, "--format", output, pattern], capture_output=True, text=True, check=False
        )
    except OSError:
        return ""
    return run.stdout


def _match(family: str, weight: int) -> tuple[str, int]:
    pattern = f"{family}:weight={_FC_WEIGHT.get(weight, 80)}"
    path, _, index = _fontconfig("fc-match", "%{file}|%{index}", pattern).partition("|")
    return path, int(index or 0)


def resolve(spec: FontsFile, cache_dir: Path | None = None) -> FontSet:
    families = installed_families()
    roles: dict[str, ResolvedRole] = {}
    missing: list[str] = []
    for role in ROLES:
        rs = spec.roles[role]
        chosen = next((c for c in rs.candidates if c.family in families), None)
        if chosen is None:
            missing.append(role)
            chosen = Candidate(family=next((f for f in spec.fallbacks if f in families), "serif"))
        path, index = _match(chosen.family, chosen.weight)
        roles[role] = ResolvedRole(
            role,
            rs.label,
            chosen.family,
            chosen.weight,
            path,
            index,
            stand_in=chosen is not rs.candidates[0],
            scale=chosen.scale,
        )
    fonts = FontSet(roles, [f for f in spec.fallbacks if f in families], missing)
    fonts.faces = family_faces([r.family for r in roles.values()] + fonts.fallbacks)
    files = {(r.file, r.index) for r in roles.values()}
    files |= {_match(f, 400) for f in fonts.fallbacks}
    fonts.coverage = frozenset().union(*(_coverage(p, i, cache_dir) for p, i in sorted(files) if p))
    return fonts


def family_faces(families: list[str]) -> list[tuple[str, int]]:
    """(file, face index) of every installed face of ``families``, sorted."""
    faces: set[tuple[str, int]] = set()
    for family in dict.fromkeys(families):
        pattern = ":family=" + re.sub(r"([\\\-:,])", r"\\\1", family)
        for line in _fontconfig("fc-list", "%{file}|%{index}\n", pattern).splitlines():
            path, _, index = line.partition("|")
            if path and index.isdigit():
                faces.add((path, int(index)))
    return sorted(faces)


def _coverage(path: str, index: int, cache_dir: Path | None) -> frozenset[int]:
    """Code points in a font's cmap; cached on disk because CJK cmaps take ~0.2 s to read."""
    key = hashlib.sha256(f"{path}|{index}|{_stat(path)}".encode()).hexdigest()[:24]
    cached = cache_dir / f"cmap-{key}.json" if cache_dir else None
    if cached and cached.is_file():
        try:
            return frozenset(json.loads(cached.read_text()))
        except (OSError, ValueError):
            pass
    from fontTools.ttLib import TTFont

    try:
        cmap = TTFont(path, fontNumber=index, lazy=True).getBestCmap() or {}
    except Exception:  # noqa: BLE001 (a broken font file must not stop the build)
        return frozenset()
    points = frozenset(cmap)
    if cached:
        atomic.write_text(cached, json.dumps(sorted(points)))
    return points


def system_font_for(char: str) -> str | None:
    """Any installed font that has ``char`` (fontconfig falls back to it): None means tofu."""
    out = subprocess.run(
        ["fc-list", "--format", "%{family[0]}\n", f":charset={ord(char):x}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    names = sorted(n for n in out.splitlines() if n)
    return names[0] if names else None
