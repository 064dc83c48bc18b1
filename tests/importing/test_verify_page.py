"""The editors' 待核实 page of an imported report: every unconfirmed value beside its source
sentence, the number marked, and the line to edit; never on the readers' site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import ROOT, TEST_UNIT
from zongjie.cli.main import main
from zongjie.errors import CommandError, ContentError
from zongjie.review.workflow import approve, submit

CID = "dangshi-2021"
UID = TEST_UNIT["id"]
REPORT = ROOT / "benchmarks" / "import_corpus" / "reports" / "07-shi-weijianwei.txt"
PAGE = f"daiheshi/{CID}/{UID}/index.html"
DATA = f"data/reports/{CID}/{UID}.yml"


@pytest.fixture
def imported(mini_project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    args = [
        "import",
        str(REPORT),
        "--campaign",
        CID,
        "--unit",
        UID,
        "-C",
        str(mini_project),
        "--force",
    ]
    assert main(args) == 0
    capsys.readouterr()
    return mini_project


def _line_of(project: Path, start: str) -> int:
    lines = (project / DATA).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith(start))


def test_editors_see_each_value_beside_its_sentence(imported: Path, tmp_path: Path) -> None:
    out = tmp_path / "预览"
    assert (
        main(["build", "-f", str(imported / "mkdocs.yml"), "--audience", "editors", "-d", str(out)])
        == 0
    )
    page = (out / PAGE).read_text(encoding="utf-8")
    assert "待核实的数值" in page
    yml = (imported / DATA).read_text(encoding="utf-8")
    first = next(line for line in yml.splitlines() if "count:" in line and "【" in line)
    count = first.split("count:")[1].split("#")[0].strip()
    number = first.split("【")[1].split("】")[0]
    assert f"<mark>{number}</mark>" in page and count in number
    line = _line_of(imported, first.strip())
    assert f"<code>{DATA}:{line}</code>" in page
    assert page.count("<mark>") >= 10
    assert f'href="daiheshi/{CID}/{UID}/"' in (out / "index.html").read_text(encoding="utf-8")


def test_readers_never_get_the_page(imported: Path, tmp_path: Path) -> None:
    config = imported / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("plugins: []", "plugins: [search]"),
        encoding="utf-8",
    )
    out = tmp_path / "网站"
    main(
        ["build", "-f", str(imported / "mkdocs.yml"), "-d", str(out)]
    )  # a draft fails the readers' strict build
    if not out.exists():
        pytest.skip("the readers' build refused the draft")
    assert not (out / "daiheshi").exists()
    html = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "测试局" in html  # the imported report is there, as a draft would be for readers
    assert "daiheshi" not in html and "待核实的数值" not in html
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if "daiheshi" in d["location"]]


def test_check_counts_what_remains_and_approval_refuses(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "-C", str(imported)])
    err = capsys.readouterr().err
    yml = (imported / DATA).read_text(encoding="utf-8")
    pending = yml.split("待核实:", 1)[1].count("\n  - ")
    line = _line_of(imported, "待核实:")
    assert f"{DATA}:{line}: 还有 {pending} 项导入的数值待核实" in err
    with pytest.raises(CommandError, match="待核实"):
        submit(imported, f"{CID}/{UID}")
    submit(imported, f"{CID}/{UID}", with_unconfirmed=True)
    with pytest.raises(ContentError, match="待核实"):
        approve(imported, f"{CID}/{UID}", "审核人")
