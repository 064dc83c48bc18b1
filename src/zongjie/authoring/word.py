"""``zongjie import``: turn a Word report into a Markdown narrative plus proposed YAML facts.

mammoth converts the .docx to simple HTML; the paragraphs are then mapped to
the report structure by their Chinese numbering (一、 → ``##``, （一） → ``###``,
一是/二是 → bold lead-ins). Counts stated in the text (“召开2次党组会议”) are
proposed as data with a ``待核实`` flag, which ``zongjie check`` reports until an
editor has confirmed them. A plain-text report (.txt/.md) is accepted too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from zongjie.authoring.skeleton import Facts, load_for_report, report_files, report_paths
from zongjie.data.content import Content
from zongjie.data.models import Campaign
from zongjie.data.yamlfile import YamlError, decode_text
from zongjie.errors import CommandError
from zongjie.markdown.narrative import Statement, statements
from zongjie.templating import render

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
CN = "一二三四五六七八九十"
H2 = re.compile(rf"^([{CN}]+)[、.．]\s*(.+)$")
H3 = re.compile(rf"^[（(]([{CN}]+)[)）]\s*(.+)$")
LEAD = re.compile(rf"^([{CN}]+是)")
DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
SPACES = " \t\u3000\xa0"


@dataclass
class Block:
    kind: str  # "p", "h1".."h6", "li" or "table"
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class ImportResult:
    files: list[Path]
    headings: list[str]
    facts: Facts
    warnings: list[str]


# -- reading ------------------------------------------------------------------


def read_source(path: Path) -> tuple[list[Block], list[str]]:
    """Paragraph blocks of a .docx (or UTF-8 text file), with a clear message for bad files."""
    if not path.is_file():
        raise CommandError(f"找不到文件：{path}", hint="检查文件名和路径；含空格的路径请加引号")
    raw = path.read_bytes()
    name = path.as_posix()
    if path.suffix.lower() in (".txt", ".md", ".markdown"):
        try:
            text, problems = decode_text(raw, name)
        except YamlError as exc:
            raise CommandError(
                exc.problem.message, hint=exc.problem.hint, path=name, line=exc.problem.line
            ) from None
        return [Block("p", line) for line in text.splitlines() if line.strip(SPACES)], [
            p.message for p in problems
        ]
    if raw.startswith(OLE_MAGIC):
        if (
            b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in raw
            or b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in raw
        ):
            raise CommandError(
                "Word 文档设有打开密码（已加密），无法读取",
                path=name,
                hint="在 Word 中打开文档 → 文件 → 信息 → 保护文档 → 用密码进行加密，"
                "清空密码并保存后再导入",
            )
        raise CommandError(
            "这是旧版 Word 97-2003 文档（.doc），只支持 .docx",
            path=name,
            hint="在 Word 或 WPS 中打开，“另存为”选择“Word 文档（*.docx）”后再导入",
        )
    if not raw.startswith(ZIP_MAGIC):
        raise CommandError(
            "不是 Word 文档（.docx）：文件内容不是 Word 格式", path=name, hint=_not_word_hint(raw)
        )
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise CommandError(
            "Word 文档已损坏（无法解压）",
            path=name,
            hint="在 Word 中打开并“另存为”一个新的 .docx 文件后再导入",
        ) from None
    if "word/document.xml" not in names:
        kind = (
            "Excel 表格"
            if any(n.startswith("xl/") for n in names)
            else (
                "PowerPoint 演示文稿" if any(n.startswith("ppt/") for n in names) else "ZIP 压缩包"
            )
        )
        raise CommandError(
            f"不是 Word 文档（.docx），而是{kind}", path=name, hint="请导入 Word 格式的总结报告"
        )
    import mammoth

    try:
        with path.open("rb") as handle:
            result = mammoth.convert_to_html(
                handle, convert_image=mammoth.images.img_element(_drop_image)
            )
    except Exception as exc:  # noqa: BLE001 (mammoth raises many kinds on malformed documents)
        raise CommandError(
            f"无法解析 Word 文档：{type(exc).__name__}: {exc}",
            path=name,
            hint="在 Word 中打开并“另存为”新的 .docx 后重试；仍失败请把正文复制到 .txt 文件再导入",
        ) from None
    parser = _Blocks()
    parser.feed(result.value)
    warnings = [f"Word 转换提示：{m.message}" for m in result.messages if m.type == "error"]
    if parser.images:
        warnings.append(f"文档中的 {parser.images} 张图片未导入，请另行处理")
    return parser.blocks, warnings


def _drop_image(image: object) -> dict[str, str]:
    return {"src": ""}


def _not_word_hint(raw: bytes) -> str:
    head = raw[:512].lstrip()
    if head.startswith((b"{\\rtf", b"{\\\\rtf")):
        return "这是 RTF 文件；在 Word 中“另存为” .docx 后再导入"
    if head[:1] == b"<":
        return "这是网页（HTML）文件；在 Word 中打开并“另存为” .docx 后再导入"
    if head.startswith(b"%PDF"):
        return "这是 PDF 文件；请找到报告的 Word 原稿，或把正文复制到 .txt 文件后再导入"
    return "确认文件是 Word 2007 及以上版本保存的 .docx；纯文本报告请保存为 .txt 后导入"


class _Blocks(HTMLParser):
    """mammoth's HTML → blocks of text, with ``**bold**`` kept."""

    BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.table: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.images = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            self.cell = []
        elif tag in self.BLOCKS and self.cell is None:
            self.current = Block(tag)
        elif tag in ("strong", "b"):
            self._text("**")
        elif tag == "img":
            self.images += 1
        elif tag == "br":
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("strong", "b"):
            self._text("**")
        elif tag in ("td", "th") and self.table is not None and self.cell is not None:
            self.table[-1].append(" ".join("".join(self.cell).replace("**", "").split()))
            self.cell = None
        elif tag == "table" and self.table is not None:
            if any(self.table):
                self.blocks.append(Block("table", rows=[r for r in self.table if r]))
            self.table = None
        elif tag in self.BLOCKS and self.current is not None and self.cell is None:
            text = self.current.text.replace("****", "").strip(SPACES)
            if text.strip("*" + SPACES):
                self.current.text = text
                self.blocks.append(self.current)
            self.current = None

    def handle_data(self, data: str) -> None:
        self._text(data.replace("\n", " "))

    def _text(self, text: str) -> None:
        if self.cell is not None:
            self.cell.append(text)
        elif self.current is not None:
            self.current.text += text


# -- structure ----------------------------------------------------------------


def _split_heading(rest: str) -> tuple[str, str]:
    """“（二）政治能力有了新提升。习近平总书记指出…” → heading and the paragraph after it."""
    rest = rest.strip(SPACES)
    for i, ch in enumerate(rest):
        if ch in "。！？" and i + 1 < len(rest):
            return rest[:i], rest[i + 1 :].strip(SPACES)
    return rest.rstrip("。：:；;" + SPACES), ""


def _lead_in(text: str) -> str:
    """Bold the “一是……。” lead-in of a paragraph, as in the printed reports."""
    if text.startswith("**") or not LEAD.match(text):
        return text
    for stops in ("。", "，；,;"):
        ends = [i for i in (text.find(ch) for ch in stops) if 0 < i <= 60]
        if ends:
            end = min(ends) + 1
            return f"**{text[:end]}**{text[end:]}"
    return text


def _table(rows: list[list[str]]) -> list[str]:
    width = max(len(r) for r in rows)
    rows = [[c.replace("|", "\\|") for c in r] + [""] * (width - len(r)) for r in rows]
    out = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return out


@dataclass
class Converted:
    title: str | None
    body: str
    headings: list[str]
    date: dt.date | None = None
    signed_by: str | None = None


def convert(blocks: list[Block]) -> Converted:
    """Map Chinese numbering to Markdown headings; pick out the title and the 落款."""
    blocks = list(blocks)
    title = None
    first = blocks[0].text.replace("**", "").strip(SPACES) if blocks else ""
    if (
        blocks
        and blocks[0].kind != "table"
        and len(first) <= 60
        and "。" not in first
        and re.search("总结|报告", first)
        and not H2.match(first)
    ):
        title = first
        blocks.pop(0)
    date, signed_by = None, None
    if blocks and (m := DATE.match(blocks[-1].text.replace("**", "").strip(SPACES))):
        try:
            date = dt.date(int(m[1]), int(m[2]), int(m[3]))
            blocks.pop()
            tail = blocks[-1].text.replace("**", "").strip(SPACES) if blocks else ""
            if blocks and len(tail) <= 40 and not re.search("[，。；]", tail):
                signed_by = tail
                blocks.pop()
        except ValueError:
            pass
    lines: list[str] = []
    headings: list[str] = []
    for block in blocks:
        if block.kind == "table":
            lines += [*_table(block.rows), ""]
            continue
        text = block.text.strip(SPACES)
        plain = text.replace("**", "").strip(SPACES)
        if m := H2.match(plain):
            heading, after = _split_heading(m[2])
            headings.append(f"## {m[1]}、{heading}")
            lines += [headings[-1], ""] + ([_lead_in(after), ""] if after else [])
        elif m := H3.match(plain):
            heading, after = _split_heading(m[2])
            headings.append(f"### （{m[1]}）{heading}")
            lines += [headings[-1], ""] + ([_lead_in(after), ""] if after else [])
        elif block.kind.startswith("h") and len(plain) <= 60:
            level = "##" if block.kind in ("h1", "h2") else "###"
            headings.append(f"{level} {plain}")
            lines += [headings[-1], ""]
        elif block.kind == "li":
            lines += [f"- {text}", ""]
        else:
            lines += [_lead_in(text), ""]
    return Converted(title, "\n".join(lines).strip() + "\n", headings, date, signed_by)


def propose_facts(markdown: str, campaign: Campaign) -> Facts:
    """One proposed count per metric: a stated total if there is one, else the first mention."""
    chosen: dict[str, Statement] = {}
    for st in statements(markdown, campaign):
        old = chosen.get(st.metric.id)
        if old is None or (st.total and not old.total):
            chosen[st.metric.id] = st
    facts = Facts()
    for metric in campaign.metrics:  # campaign order, so the YAML reads like the outline
        found = chosen.get(metric.id)
        if found is None:
            continue
        snippet = found.sentence.replace("**", "")
        st = dataclasses.replace(
            found, sentence=snippet if len(snippet) <= 60 else snippet[:58] + "……"
        )
        source = metric.derive.source if metric.derive else None
        target = {"activities": facts.activities, "shishi": facts.shishi}.get(
            source or "", facts.metrics
        )
        target.append(st)
    return facts


# -- command --------------------------------------------------------------------


def import_report(
    root: Path, source: Path, cid: str, uid: str, force: bool = False, title: str | None = None
) -> ImportResult:
    content: Content = load_for_report(root, cid, uid)
    data_path, page_path = report_paths(root, cid, uid)
    for path in (data_path, page_path):
        if path.exists() and not force:
            raise CommandError(
                f"文件已存在：{path.relative_to(root).as_posix()}", hint="确认要覆盖时加上 --force"
            )
    blocks, warnings = read_source(source)
    if not blocks:
        raise CommandError("文档中没有正文", path=source.as_posix(), hint="检查是否选错了文件")
    converted = convert(blocks)
    campaign = content.campaigns[cid].campaign
    facts = propose_facts(converted.body, campaign)
    date = converted.date if converted.date and converted.date in campaign.period else None
    if converted.date and date is None:
        warnings.append(f"落款日期 {converted.date} 不在活动期间内，未采用")
    report_title = title or converted.title
    yml, _ = report_files(
        content,
        cid,
        uid,
        title=report_title,
        date=date,
        facts=facts,
        source=source.name,
        signed_by=converted.signed_by,
    )
    unit = content.units[uid]
    md = render(
        "import/report.md.j2",
        title=report_title or f"{unit.name}{campaign.title}工作总结报告",
        body=converted.body,
    )
    data_path.parent.mkdir(parents=True, exist_ok=True)
    page_path.parent.mkdir(parents=True, exist_ok=True)
    data_path.write_text(yml, encoding="utf-8")
    page_path.write_text(md, encoding="utf-8")
    return ImportResult([page_path, data_path], converted.headings, facts, warnings)
