"""A campaign with one report in each review state, plus readers' eyes on every built file."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from support import cli
from zongjie.data.report_yaml import set_fields
from zongjie.demo import write_demo
from zongjie.search.shards import unpack

CAMPAIGN = "dangshi-2021"
# One sentence only each report has, so a leak anywhere in the site can be found by a search.
CANARY = {
    "u0000": "已审定报告独有的句子：青松岭下百花村修通了致富路。",
    "u0001": "待审报告独有的句子：白鹭洲头渡口添置了新渡船。",
    "u0002": "草稿报告独有的句子：红枫坳里老油坊重新冒起了炊烟。",
}
STATUS = {"u0000": "已审定", "u0001": "待审", "u0002": "草稿"}


def zongjie(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in the project folder, as an editor would."""
    env = {
        "PATH": "/usr/bin:/bin",
        "NO_MKDOCS_2_WARNING": "1",
        "HOME": str(root),
        "SOURCE_DATE_EPOCH": "1700000000",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        # The sources under test, not whichever zongjie the interpreter has installed.
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
    }
    return cli.run_zongjie(*args, cwd=root, env=env, timeout=600)


def with_pdf_hook(root: Path) -> None:
    config_file = root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["hooks"].append("hooks/zongjie_pdf.py")
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def make_review_project(root: Path) -> Path:
    """Three units of one campaign: u0000 approved, u0001 submitted, u0002 a draft."""
    write_demo(root, units=3, campaigns=1, seed=7)
    with_pdf_hook(root)
    for uid, sentence in CANARY.items():
        page = root / "docs/campaigns" / CAMPAIGN / f"{uid}.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        data = root / "data/reports" / CAMPAIGN / f"{uid}.yml"
        review = {"reviewed_by": None, "reviewed_on": None, "reviewed_digest": None}
        if STATUS[uid] == "草稿":
            review["submitted_on"] = None
        data.write_text(
            set_fields(data.read_text(encoding="utf-8"), {"status": "待审", **review}),
            encoding="utf-8",
        )
        if STATUS[uid] == "草稿":
            data.write_text(
                set_fields(data.read_text(encoding="utf-8"), {"status": "草稿"}), encoding="utf-8"
            )
    done = zongjie(root, "approve", f"{CAMPAIGN}/u0000", "--by", "审核人甲")
    assert done.returncode == 0, done.stdout + done.stderr
    return root


@pytest.fixture(scope="session")
def review_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_review_project(tmp_path_factory.mktemp("review") / "project")


@pytest.fixture(scope="session")
def reader_site(review_template: Path) -> Path:
    done = zongjie(review_template, "build", "--strict", "-q")
    assert done.returncode == 0, done.stdout + done.stderr
    return review_template / "site"


def pdf_text(data: bytes) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return out.stdout.decode("utf-8")


def readable(name: str, data: bytes) -> str:
    """What a reader (or a program) can get out of one file: text, search parts, PDF text."""
    if name.endswith(".gz"):
        return readable(name[:-3], gzip.decompress(data))
    if name.endswith(".bin"):
        return repr(unpack(data))
    if name.endswith(".pdf"):
        return pdf_text(data)
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "\n".join(readable(n, zf.read(n)) for n in zf.namelist() if not n.endswith("/"))
    return data.decode("utf-8", errors="replace")


def site_texts(site: Path) -> dict[str, str]:
    """Every file of a built site, as text with all white space removed (PDF text is spaced)."""
    return {
        p.relative_to(site).as_posix(): "".join(readable(p.name, p.read_bytes()).split())
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def squeeze(text: str) -> str:
    return "".join(text.split())
