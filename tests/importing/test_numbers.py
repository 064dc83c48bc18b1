"""Every number of an imported report is accounted for: used by a proposed value, or listed
under ``# 未归类的数字`` in the YAML and in what ``zongjie import`` prints."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from support import ROOT, TEST_UNIT
from zongjie.authoring.importer import prepare
from zongjie.authoring.skeleton import load_campaign
from zongjie.authoring.sources import read_source
from zongjie.cli.main import main

CID = "dangshi-2021"
CORPUS = ROOT / "benchmarks" / "import_corpus"
SEED = ROOT.parent / "shared" / "seed" / "000_876dce043ba1a933.txt"
REPORT = CORPUS / "reports" / "07-shi-weijianwei.txt"
# The corpus has no 文号; the sentence that cites one, as reports open, goes in after the title.
CITED = "根据市委《关于开展党史学习教育的实施方案》（市委发〔2021〕5号）要求，2021年全委按期完成。"
LISTED = re.compile(r"^#   (.+?) \| (.+?) \| (.+) \| (.+)$")
HEADER = re.compile(r"^# 原文共 (\d+) 个数字：(\d+) 个用在上面提出的数值中，(\d+) 个未归类")


def _digits(texts: list[str]) -> Counter[str]:
    return Counter(d for t in texts for d in re.findall(r"\d+", t))


def _source_digits(source: Path) -> Counter[str]:
    blocks = read_source(source).blocks
    texts = [b.plain for b in blocks if b.kind != "table"]
    texts += [cell for b in blocks if b.kind == "table" for row in b.rows for cell in row]
    return _digits(texts)


@pytest.fixture
def cited(tmp_path: Path) -> Path:
    lines = REPORT.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "卫健委总结.txt"
    path.write_text("\n".join([lines[0], "", CITED, *lines[1:]]) + "\n", encoding="utf-8")
    return path


def _import(project: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    args = ["import", str(source), "--campaign", CID, "--unit", TEST_UNIT["id"], "-C", str(project)]
    assert main([*args, "--force"]) == 0
    out = capsys.readouterr().out
    yml = project / "data" / "reports" / CID / f"{TEST_UNIT['id']}.yml"
    return out, yml.read_text(encoding="utf-8")


def _block(yml: str) -> tuple[tuple[int, int, int], list[tuple[str, str, str, str]]]:
    lines = yml.splitlines()
    start = lines.index("# 未归类的数字")
    header = HEADER.match(lines[start + 1])
    assert header, lines[start + 1]
    listed = [m.groups() for line in lines[start + 2 :] if (m := LISTED.match(line))]
    total, used, left = map(int, header.groups())
    return (total, used, left), listed  # type: ignore[return-value]


def test_the_document_number_and_the_year_are_listed_with_their_sentence(
    mini_project: Path, cited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, yml = _import(mini_project, cited, capsys)
    (total, used, left), listed = _block(yml)
    by_text = {text: (kind, sentence, where) for text, kind, sentence, where in listed}
    assert by_text["〔2021〕5号"][0] == "文号"
    assert "（市委发【〔2021〕5号】）要求" in by_text["〔2021〕5号"][1]
    assert by_text["〔2021〕5号"][2] == "第3行"  # the line of the .txt it stands on
    assert by_text["2021年"][0] == "年份"
    assert by_text["一、"][0] == "章节编号"
    assert total == used + left and left == len(listed)
    # the summary the CLI prints lists the same numbers
    assert f"原文共 {total} 个数字：{used} 个用在提出的数值中，{left} 个未归类" in out
    assert "〔2021〕5号（文号，第3行）：" in out


@pytest.mark.parametrize(
    "source",
    [
        CORPUS / "reports" / "01-shi-jiaoyuju.docx",
        CORPUS / "reports" / "08-dongcheng-jiedao.txt",
        SEED,
    ],
    ids=lambda p: p.name,
)
def test_every_number_is_used_or_listed(
    mini_project: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not source.exists():
        pytest.skip("../shared is not next to this checkout")
    content = load_campaign(mini_project, CID, TEST_UNIT["id"])
    prepared = prepare(source, content, CID)
    numbers = prepared.numbers
    _, yml = _import(mini_project, source, capsys)
    (total, used, left), listed = _block(yml)
    assert (total, used, left) == (
        len(numbers.numbers),
        len(numbers.used),
        len(numbers.unclassified),
    )
    assert left == len(listed)
    assert numbers.unexplained == []
    # a second reading: each run of digits in the source is in a used or a listed number
    accounted = [n.text for n in numbers.used] + [text for text, *_ in listed]
    assert _digits(accounted) == _source_digits(source)
    # and a used number is used by a value the YAML proposes
    pending = set(prepared.facts.unconfirmed())
    for n in numbers.used:
        assert n.used_by is not None
        path = n.used_by.replace(".volumes", ".count")  # 共计册数 is written beside its count
        assert path == "date" or any(
            path == p or path.startswith((p + ".", p + "[")) for p in pending
        ), n.used_by
    assert used >= len(pending) // 2  # most proposed values were found in their sentence
