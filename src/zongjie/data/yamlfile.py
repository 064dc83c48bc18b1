"""Read one YAML data file safely, keeping the line of every key.

PyYAML's own loaders forget where values came from, so a schema error could not
point at a line. Here the file is composed into nodes (safe tags only) and
turned into plain Python while recording ``path -> (line, col)``; a pydantic
error location is then mapped back to the line of the offending key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from zongjie.errors import Problem

try:  # the C composer is several times faster on large corpora
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is part of the PyYAML wheels
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 20
MAX_NODES = 200_000
Loc = tuple[int | str, ...]

FULLWIDTH_COLON_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_\u4e00-\u9fff][\w\-\u4e00-\u9fff]*\s*：")


@dataclass
class YamlDocument:
    path: str
    data: Any
    lines: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def line_of(self, loc: Loc) -> tuple[int, int]:
        """Line of ``loc``, or of its nearest ancestor that exists in the file."""
        loc = tuple(loc)
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc, (1, 1))


class YamlError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.format())
        self.problem = problem


def decode_text(raw: bytes, rel: str) -> tuple[str, list[Problem]]:
    """Decode UTF-8 text, explaining GBK files and BOMs instead of failing obscurely."""
    warnings: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        warnings.append(
            Problem(
                rel,
                1,
                "文件以 UTF-8 BOM（字节顺序标记）开头，已忽略",
                hint="在编辑器中另存为“UTF-8（无 BOM）”即可消除此警告",
                severity="warning",
            )
        )
    try:
        return raw.decode("utf-8"), warnings
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            guess = "看起来是 GBK/GB18030 编码（中文 Windows 的默认编码）"
        except UnicodeDecodeError:
            guess = "无法识别其编码"
        raise YamlError(
            Problem(
                rel,
                line,
                f"文件不是 UTF-8 编码，{guess}",
                field="编码",
                hint=f"转换为 UTF-8：iconv -f GB18030 -t UTF-8 '{rel}' -o '{rel}.utf8' "
                f"&& mv '{rel}.utf8' '{rel}'；"
                "或在记事本/WPS 中“另存为”并选择 UTF-8 编码",
            )
        ) from None


def read_text(path: Path, rel: str) -> tuple[str, list[Problem]]:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise YamlError(
            Problem(
                rel,
                1,
                f"文件过大（{size / 1024 / 1024:.1f} MB），上限为 {MAX_BYTES // 1024 // 1024} MB",
                field="文件大小",
                hint="数据文件只应包含事实数据；请检查是否误存了其他内容",
            )
        )
    return decode_text(path.read_bytes(), rel)


def _precheck(text: str, rel: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"^ *\t", line):
            raise YamlError(
                Problem(
                    rel,
                    number,
                    "行首使用了制表符（Tab）缩进，YAML 只允许空格缩进",
                    field="缩进",
                    hint="把 Tab 换成两个空格；可在编辑器中开启“用空格代替 Tab”",
                )
            )
        if FULLWIDTH_COLON_KEY.match(line) and not line.lstrip().startswith("#"):
            col = line.index("：") + 1
            raise YamlError(
                Problem(
                    rel,
                    number,
                    "键名后使用了全角冒号“：”，YAML 需要半角冒号“:”加一个空格",
                    field=line.split("：")[0].strip(" -"),
                    col=col,
                    hint="把“：”改为英文冒号“: ”（冒号后有空格）",
                )
            )


_CACHE: dict[tuple[str, str], tuple[tuple[int, int, int], YamlDocument]] = {}


def load_yaml(path: Path, root: Path) -> YamlDocument:
    """Load one data file; unchanged files are not parsed again (``mkdocs serve`` rebuilds).

    The cache is keyed by the file's modification time (ns), size and inode, so an
    edited file is always read afresh; documents are never modified after loading.
    """
    key = (str(path), str(root))
    try:
        st = os.stat(path)
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
    except OSError:
        stamp = (0, 0, 0)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] == stamp and stamp != (0, 0, 0):
        return hit[1]
    doc = _load_yaml(path, root)
    _CACHE[key] = (stamp, doc)
    return doc


def _load_yaml(path: Path, root: Path) -> YamlDocument:
    rel = relpath(path, root)
    text, warnings = read_text(path, rel)
    _precheck(text, rel)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"YAML 语法错误：{exc.problem or exc.context}"
        if exc.context_mark and mark and not text[mark.index :].strip():
            # An unclosed quote or bracket is only noticed at the end of the file;
            # point at where it was opened, which is where the editor must look.
            mark = exc.context_mark
            message = f"YAML 语法错误：从这里开始的引号或括号没有闭合（{exc.context}）"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlError(
            Problem(
                rel,
                line,
                message,
                col=col,
                field="YAML",
                hint="检查这一行及上一行的缩进、冒号后的空格和引号是否成对",
            )
        ) from None
    doc = YamlDocument(rel, None, warnings=warnings)
    if node is None:
        raise YamlError(Problem(rel, 1, "文件为空", field="YAML", hint="至少需要填写必填字段"))
    builder = _Builder(doc)
    doc.data = builder.build(node, (), 0)
    return doc


def build_document(node: yaml.Node, path: str) -> YamlDocument:
    """A document from an already composed node (e.g. one block of mkdocs.yml)."""
    doc = YamlDocument(path, None)
    doc.data = _Builder(doc).build(node, (), 0)
    return doc


def relpath(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class _Builder:
    """Turns composed nodes into Python objects using only PyYAML's safe constructors."""

    def __init__(self, doc: YamlDocument):
        self.doc = doc
        self.constructor = yaml.SafeLoader("")
        self.count = 0

    def fail(self, node: yaml.Node, message: str, field: str = "", hint: str = "") -> YamlError:
        mark = node.start_mark
        return YamlError(
            Problem(
                self.doc.path, mark.line + 1, message, field=field, col=mark.column + 1, hint=hint
            )
        )

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.count += 1
        if depth > MAX_DEPTH:
            raise self.fail(
                node,
                f"嵌套层级超过 {MAX_DEPTH} 层",
                field=_dotted(loc),
                hint="数据文件的结构是固定的，请对照模板检查缩进",
            )
        if self.count > MAX_NODES:
            raise self.fail(
                node, f"节点数超过 {MAX_NODES}（可能是别名/锚点展开攻击）", field="YAML"
            )
        self.doc.lines.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                raise self.fail(
                    node,
                    f"不允许的 YAML 标签 {node.tag}",
                    field=_dotted(loc),
                    hint="数据文件只能使用普通的键值、列表和文本",
                )
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, "不支持合并键“<<”", field=_dotted(loc))
                key = self.scalar(key_node, loc)
                if not isinstance(key, (str, int)):
                    raise self.fail(key_node, "键必须是文本", field=_dotted(loc))
                if key in result:
                    first = self.doc.lines.get((*loc, key), (0, 0))[0]
                    raise self.fail(
                        key_node,
                        f"重复的键“{key}”（第 {first} 行已出现）",
                        field=_dotted((*loc, key)),
                        hint="删除或合并重复的键",
                    )
                child = (*loc, key)
                self.doc.lines[child] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
                result[key] = self.build(value_node, child, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise self.fail(node, f"不允许的 YAML 标签 {node.tag}", field=_dotted(loc))
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node, loc)

    def scalar(self, node: yaml.Node, loc: Loc) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, "这里需要一个简单的值，而不是列表或映射", field=_dotted(loc))
        try:
            return self.constructor.construct_object(node)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            if isinstance(exc, yaml.constructor.ConstructorError):
                message = f"不允许的 YAML 标签或值：{exc.problem}"
                hint = "数据文件只允许安全的基本类型，不能使用 !!python 等标签"
            else:
                message, hint = f"无法识别的值：{exc}", "日期请写成 2021-03-26 的形式"
            raise self.fail(node, message, field=_dotted(loc), hint=hint) from None


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted


def parse_dotted(text: str) -> Loc:
    """Inverse of :func:`dotted`: ``activities[0].count`` -> ``("activities", 0, "count")``."""
    loc: list[int | str] = []
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", text):
        loc.append(int(part[1:-1]) if part.startswith("[") else part)
    return tuple(loc)
