"""Read one YAML data file safely, keeping the line and the typed text of every value.

PyYAML's own loaders forget where values came from, so a schema error could not
point at a line. Here the file is composed into nodes (safe tags only) and
turned into plain Python while recording ``path -> (line, col)`` and the source
text of each scalar; a pydantic error location is then mapped back to the line
of the offending key, and a message can show what the editor typed rather than
what YAML made of it (:mod:`zongjie.data.yaml11`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from zongjie import textscan
from zongjie.background import Background, BackgroundError
from zongjie.data import parse_cache, yaml11, yaml_messages
from zongjie.errors import Problem

try:  # the C composer is several times faster on large corpora
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is part of the PyYAML wheels
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MARKUP = re.compile(
    r"</?[A-Za-z][\w:-]*(?=[\s/>]|$)[^<>]{0,40}>?|<!(?:--|\[CDATA\[)?|<\?|-->"
    r"|!?\[[^\]\n]{0,200}\]\s*[(\[]"
)
"""What a browser would take for a tag, a comment or a marker, were the text HTML, and what
Markdown would take for a link or an image (``[详情](…)``), were it Markdown."""
MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 20
MAX_NODES = 200_000
Loc = tuple[int | str, ...]

FULLWIDTH_COLON_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_\u4e00-\u9fff][\w\-\u4e00-\u9fff]*\s*：")
OS_ERRORS = {
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOENT: "文件不存在（或是指向不存在文件的链接）",
    errno.ELOOP: "符号链接循环指向自身",
}


@dataclass
class YamlDocument:
    path: str
    data: Any
    lines: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    scalars: dict[Loc, yaml11.Scalar] = field(default_factory=dict)
    """What the editor typed for each value (source text, quoted or not, tag YAML chose)."""
    errors: list[Problem] = field(default_factory=list)
    """Values YAML read differently from what was typed, or that hold invisible characters:
    the file loads (so its other mistakes are reported too), but it is not valid."""

    def line_of(self, loc: Loc) -> tuple[int, int]:
        """Line of ``loc``, or of its nearest ancestor that exists in the file."""
        loc = tuple(loc)
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc, (1, 1))


class YamlError(Exception):
    """A file that cannot be read at all; ``problems`` says why (usually one)."""

    def __init__(self, problem: Problem | list[Problem]):
        self.problems = problem if isinstance(problem, list) else [problem]
        self.problem = self.problems[0]
        super().__init__("\n".join(p.format() for p in self.problems))


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
    """A text file's content (size limit, UTF-8) and its warnings; any failure is a YamlError."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlError(
                Problem(
                    rel,
                    1,
                    f"文件过大（{size / 1024 / 1024:.1f} MB），"
                    f"上限为 {MAX_BYTES // 1024 // 1024} MB",
                    field="文件大小",
                    hint="数据文件和报告正文只应包含文字；请检查是否误存了其他内容",
                )
            )
        raw = path.read_bytes()
    except OSError as exc:
        reason = OS_ERRORS.get(exc.errno or 0, f"系统错误 {exc.errno}")
        raise YamlError(
            Problem(
                rel, 1, f"无法读取文件：{reason}", field="文件", hint="检查文件是否存在及其权限"
            )
        ) from None
    return decode_text(raw, rel)


def precheck(text: str, rel: str) -> list[Problem]:
    """Mistakes that would otherwise surface as a baffling syntax error, or none at all:
    conflict markers, characters YAML takes for line breaks or refuses, tabs, full-width colons."""
    problems = [
        Problem(
            rel,
            number,
            textscan.conflict_message(mark),
            field="合并冲突",
            hint=textscan.CONFLICT_HINT,
        )
        for number, mark in textscan.conflict_lines(text)
    ]
    for found in textscan.invisible_by_line(text):
        if any(textscan.breaks_lines(c) for c in found.chars):
            problems.append(
                Problem(
                    rel,
                    found.line,
                    f"有不可见的控制字符 {found.description}",
                    field="字符",
                    col=found.col,
                    hint=textscan.INVISIBLE_HINT,
                )
            )
    for number, line in enumerate(text.split("\n"), start=1):
        if re.match(r"^ *\t", line):
            problems.append(
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
            problems.append(
                Problem(
                    rel,
                    number,
                    "键名后使用了全角冒号“：”，YAML 需要半角冒号“:”加一个空格",
                    field=line.split("：")[0].strip(" -"),
                    col=col,
                    hint="把“：”改为英文冒号“: ”（冒号后有空格）",
                )
            )
    return problems


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
    doc = _load_kept(path, root)
    _CACHE[key] = (stamp, doc)
    return doc


PREFETCH_MIN = 64  # fewer files parse faster than a child starts and its results are read


def prefetch(paths: list[Path], root: Path) -> None:
    """Parse the data files no earlier build has kept, half of them in a forked child that
    leaves its parses in the cache, so the loader's own pass over them only reads them back.
    Nothing is reported here: :func:`load_yaml` reports each file's problems when it is read."""
    cache = parse_cache.shared()
    if cache.folder is None or len(paths) < PREFETCH_MIN:
        return
    child = Background(functools.partial(_parse_quietly, paths[1::2], root))
    if not child.forked:
        return  # in this process it would only parse them twice
    _parse_quietly(paths[::2], root)
    with contextlib.suppress(BackgroundError):
        child.wait()


def _parse_quietly(paths: list[Path], root: Path) -> int:
    for path in paths:
        with contextlib.suppress(YamlError):
            load_yaml(path, root)
    return len(paths)


def _load_kept(path: Path, root: Path) -> YamlDocument:
    """The parse of an earlier build when the bytes, the path and the code are the same
    (:mod:`zongjie.data.parse_cache`), its problems included."""
    cache = parse_cache.shared()
    try:
        if cache.folder is None or path.stat().st_size > MAX_BYTES:
            return _load_yaml(path, root)
        raw = path.read_bytes()
    except OSError:
        return _load_yaml(path, root)  # which words the failure
    digest = parse_cache.key(relpath(path, root), raw)
    kept = cache.get(digest)
    if isinstance(kept, tuple) and len(kept) == 2:
        if kept[0] == "doc" and isinstance(kept[1], YamlDocument):
            return kept[1]
        if kept[0] == "error" and isinstance(kept[1], list):
            raise YamlError(kept[1])
    try:
        doc = _load_yaml(path, root, raw)  # the bytes of the key, whatever happens to the file
    except YamlError as exc:
        cache.put(digest, ("error", exc.problems))
        raise
    cache.put(digest, ("doc", doc))
    return doc


def _load_yaml(path: Path, root: Path, raw: bytes | None = None) -> YamlDocument:
    rel = relpath(path, root)
    text, warnings = read_text(path, rel) if raw is None else decode_text(raw, rel)
    problems = precheck(text, rel)
    if problems:
        raise YamlError(problems)
    node = compose(text, rel)
    doc = YamlDocument(rel, None, warnings=warnings)
    if node is None:
        raise YamlError(Problem(rel, 1, "文件为空", field="YAML", hint="至少需要填写必填字段"))
    doc.data = _Builder(doc, text).build(node, (), 0)
    return doc


def compose(text: str, rel: str) -> yaml.Node | None:
    """The node tree of ``text``; a syntax error becomes a Chinese problem at its line."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message, hint = yaml_messages.translate(exc.problem, exc.context)
        if exc.context_mark and mark and not text[mark.index :].strip():
            # An unclosed quote or bracket is only noticed at the end of the file;
            # point at where it was opened, which is where the editor must look.
            mark = exc.context_mark
            message = f"从这里开始的{yaml_messages.context(exc.context)}没有闭合（缺少引号或括号）"
        elif exc.context_mark and yaml_messages.context(exc.context) != yaml_messages.SOMEWHERE:
            where = exc.context_mark.line + 1
            if where != (mark.line + 1 if mark else 0):
                message += f"（所在的{yaml_messages.context(exc.context)}从第 {where} 行开始）"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = Problem(rel, line, f"YAML 语法错误：{message}", col=col, field="YAML", hint=hint)
    except yaml.reader.ReaderError as exc:
        pos = max(0, min(exc.position, len(text)))
        line = text.count("\n", 0, pos) + 1
        col = pos - text.rfind("\n", 0, pos)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        problem = Problem(
            rel,
            line,
            f"有 YAML 不允许的字符 {textscan.describe(char)}",
            col=col,
            field="字符",
            hint=textscan.INVISIBLE_HINT,
        )
    except yaml.YAMLError:
        problem = Problem(rel, 1, "YAML 语法错误：无法解析文件", field="YAML", hint="检查文件格式")
    raise YamlError(problem)


def build_document(node: yaml.Node, path: str) -> YamlDocument:
    """A document from an already composed node (e.g. one block of mkdocs.yml)."""
    doc = YamlDocument(path, None)
    doc.data = _Builder(doc, "").build(node, (), 0)
    return doc


def relpath(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(_resolved(root)).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


@functools.lru_cache(maxsize=64)
def _resolved(root: Path) -> Path:
    """A project's root, resolved once: every file of a build is named relative to it."""
    return root.resolve()


class _Builder:
    """Turns composed nodes into Python objects using only PyYAML's safe constructors."""

    def __init__(self, doc: YamlDocument, text: str):
        self.doc = doc
        self.text = text
        self.constructor = yaml.SafeLoader("")
        self.count = 0

    def problem(self, node: yaml.Node, message: str, field: str = "", hint: str = "") -> Problem:
        mark = node.start_mark
        return Problem(
            self.doc.path, mark.line + 1, message, field=field, col=mark.column + 1, hint=hint
        )

    def fail(self, node: yaml.Node, message: str, field: str = "", hint: str = "") -> YamlError:
        return YamlError(self.problem(node, message, field, hint))

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
            return self.mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise self.fail(node, f"不允许的 YAML 标签 {node.tag}", field=_dotted(loc))
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node, loc)

    def mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
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
            key = self.scalar(key_node, loc, is_key=True)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                typed = yaml11.Scalar(key_node.value, not key_node.style, key_node.tag)
                read = yaml11.reading(typed, key) if isinstance(key_node, yaml.ScalarNode) else None
                raise self.fail(
                    key_node,
                    f"键必须是文本：写的是 {key_node.value}，YAML 把它读成了{read}"
                    if read
                    else "键必须是文本",
                    field=_dotted(loc),
                    hint=f"给键加引号，如 '{key_node.value}': …" if read else "",
                )
            if key in result:
                first = self.doc.lines.get((*loc, key), (0, 0))[0]
                raise self.fail(
                    key_node,
                    f"重复的键“{key}”（第 {first} 行已出现）",
                    field=_dotted((*loc, key)),
                    hint="删除或合并重复的键",
                )
            child = (*loc, key)
            self.doc.lines[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def scalar(self, node: yaml.Node, loc: Loc, is_key: bool = False) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, "这里需要一个简单的值，而不是列表或映射", field=_dotted(loc))
        typed = yaml11.Scalar(node.value, not node.style, node.tag)
        try:
            value = self.constructor.construct_object(node)
        except yaml.constructor.ConstructorError:
            raise self.fail(
                node,
                f"不允许的 YAML 标签“{node.tag}”",
                field=_dotted(loc),
                hint="数据文件只允许普通的文字、数字和日期，不能使用 !!python 等标签",
            ) from None
        except ValueError:
            message = yaml11.bad_date(node.value) or f"无法识别的值：{node.value}"
            self.doc.errors.append(
                self.problem(node, message, _dotted(loc), "日期写成 2021-03-26 的形式，检查月和日")
            )
            value = node.value
        if not is_key:
            self.doc.scalars[loc] = typed
            trap = yaml11.number_trap(typed, value)
            if trap:
                self.doc.errors.append(self.problem(node, trap[0], _dotted(loc), trap[1]))
        if isinstance(value, str):
            self.check_invisible(node, value, loc if not is_key else (*loc, value))
            if not is_key:
                self.check_markup(node, value, loc)
        return value

    def check_markup(self, node: yaml.Node, value: str, loc: Loc) -> None:
        # Data is text everywhere it is shown: a tag typed here reaches readers as its brackets.
        found = MARKUP.search(value)
        if found is None:
            return
        problem = self.problem(
            node,
            f"值中有 HTML、Markdown 或标记“{found.group(0)}”：数据中的文字原样显示，"
            "读者会看到这些括号",
            _dotted(loc),
            "数据文件中只写文字；强调、链接与标记 <!-- zj:… --> 写在正文 Markdown 中",
        )
        self.doc.warnings.append(dataclasses.replace(problem, severity="warning"))

    def check_invisible(self, node: yaml.Node, value: str, loc: Loc) -> None:
        if not textscan.has_invisible(value):
            return
        start, end = node.start_mark.index, node.end_mark.index
        found = next(textscan.invisible_by_line(self.text, start, end), None) if self.text else None
        line, col = (found.line, found.col) if found else (node.start_mark.line + 1, 1)
        chars = "".join(dict.fromkeys(c for c in value if textscan.is_invisible(c)))
        self.doc.errors.append(
            Problem(
                self.doc.path,
                line,
                f"值中有看不见的字符 {'、'.join(textscan.describe(c) for c in chars)}",
                field=_dotted(loc),
                col=col,
                hint=textscan.INVISIBLE_HINT,
            )
        )


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
