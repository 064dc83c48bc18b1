"""``zongjie build``: the atomic site build used by ``make site``."""

from __future__ import annotations

from pathlib import Path

from ..publish import build_site


def build(config_file: Path, site_dir: Path | None, strict: bool) -> Path:
    return build_site(config_file, site_dir=site_dir, strict=strict)
