"""Helpers of the PDF tests: a real project (the seed report + 市测试局) with the PDF hook."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from support import make_mini_project

ROOT = Path(__file__).resolve().parents[2]
CAMPAIGN = "dangshi-2021"
EPOCH = "1640966400"  # 2022-01-01 00:00 +08:00: the archive's build time in these tests

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def make_project(target: Path) -> Path:
    """Copy of tests/fixtures/mini with the seed report, the theme and both hook files."""
    make_mini_project(target, hooks=("zongjie_hooks.py", "zongjie_pdf.py"))
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "  - hooks/zongjie_hooks.py\n", "  - hooks/zongjie_hooks.py\n  - hooks/zongjie_pdf.py\n"
    )
    text = text.replace(
        "  - assets/stylesheets/zongjie.css\n",
        "  - assets/stylesheets/zongjie.css\n  - assets/stylesheets/print.css\n",
    )
    config.write_text(text, encoding="utf-8")
    return target


@dataclass
class Built:
    project: Path
    site: Path
    cache: Path

    def report(self, unit: str = "shi-wenlian") -> Path:
        return self.site / "pdf" / CAMPAIGN / f"{unit}.pdf"

    @property
    def volume(self) -> Path:
        return self.site / "pdf" / f"{CAMPAIGN}.pdf"

    @property
    def archive(self) -> Path:
        return self.site / "pdf" / f"{CAMPAIGN}-archive.zip"


def build(project: Path, cache: Path, strict: bool = False, site: Path | None = None) -> Path:
    from zongjie.site.atomic_build import build_site

    old = {k: os.environ.get(k) for k in ("ZONGJIE_PDF_CACHE", "SOURCE_DATE_EPOCH")}
    os.environ["ZONGJIE_PDF_CACHE"] = str(cache)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return build_site(project / "mkdocs.yml", site_dir=site or project / "site", strict=strict)
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def pdftotext(
    pdf: Path, first: int | None = None, last: int | None = None, layout: bool = False
) -> str:
    """The text of ``pdf`` (pages ``first``…``last``); ``layout`` keeps each line's columns."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else [])]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, check=True, text=True).stdout


def make_demo_project(target: Path, units: int, part_size: int) -> Path:
    """A generated campaign of ``units`` reports, PDF hook on, bound in parts of ``part_size``."""
    import shutil

    import yaml

    from zongjie.demo import write_demo

    write_demo(target, units=units, campaigns=1, seed=2)
    config_file = target / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["hooks"].append("hooks/zongjie_pdf.py")
    config.setdefault("extra", {})["zongjie"] = {"pdf": {"part_size": part_size}}
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    shutil.copy(ROOT / "hooks" / "zongjie_pdf.py", target / "hooks" / "zongjie_pdf.py")
    return target


def start_zongjie(project: Path, cache: Path, *args: str) -> subprocess.Popen[str]:
    """``zongjie …`` in its own process, in ``project``, with ``cache`` as the PDF cache."""
    import sys

    env = dict(os.environ, ZONGJIE_PDF_CACHE=str(cache), SOURCE_DATE_EPOCH=EPOCH)
    env["ZONGJIE_PDF_JOBS"] = "1"  # shards run side by side: one render process each
    return subprocess.Popen(
        [sys.executable, "-m", "zongjie", *args],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate()
    return process.returncode, out, err
