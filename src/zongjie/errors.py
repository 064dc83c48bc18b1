"""Problems found in the content, and the exception that carries them.

Every problem names a file (relative to the project root), a line, the field and
what was expected, so editors and CI can jump straight to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Literal

from mkdocs.exceptions import MkDocsException, PluginError

Severity = Literal["error", "warning"]
CONTENT_ERROR_HEADER = "内容校验失败"
PDF_ERROR_HEADER = "PDF 生成失败"
REPORTED_HEADERS = (CONTENT_ERROR_HEADER, PDF_ERROR_HEADER)
"""Failures the CLI prints in full itself (MkDocs logs them too; the CLI hides that copy)."""
SEVERITY_LABEL = {"error": "错误", "warning": "警告"}
Params = tuple[tuple[str, object], ...]
"""A problem's parameters (the values its message quotes), hashable like the problem."""


def params(values: Mapping[str, object]) -> Params:
    return tuple(values.items())


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    field: str = ""
    hint: str = ""
    col: int = 1
    severity: Severity = "error"
    cell: str = ""
    """A spreadsheet cell such as ``活动!C7``, shown in place of line and column (the line is then
    the cell's row and the column its number, for sorting and JSON output)."""
    code: str = ""
    """The rule's stable name, e.g. ``shishi-count-mismatch``: tools and tests match on it, while
    the message is worded for its medium (a YAML line, a workbook cell)."""
    params: Params = dataclasses.field(default=(), compare=False)
    """The values the message quotes, by name."""

    def format(self) -> str:
        where = f"{self.path}:{self.cell}" if self.cell else f"{self.path}:{self.line}:{self.col}"
        field = f"[{self.field}] " if self.field else ""
        text = f"{where}: {SEVERITY_LABEL[self.severity]}: {field}{self.message}"
        if self.hint:
            text += f"\n    提示：{self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["params"] = {
            k: v if isinstance(v, (int, float, str)) else str(v) for k, v in self.params
        }
        return out


class ContentError(PluginError):
    """Raised when content is invalid; MkDocs prints it without a traceback."""

    def __init__(self, problems: list[Problem], header: str = CONTENT_ERROR_HEADER):
        self.problems = problems
        count = len(problems)
        lines = [p.format() for p in problems]
        what = "个错误" if all(p.severity == "error" for p in problems) else "个问题"
        title = header + (f"（{count} {what}）：" if count > 1 else "：")
        super().__init__("\n".join([title, *lines]))


class ProblemLog:
    """Collects problems so that one run reports all of them, not just the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def error(self, path: str, line: int, message: str, **kw: object) -> None:
        self.add(Problem(path, line, message, severity="error", **kw))  # type: ignore[arg-type]

    def warning(self, path: str, line: int, message: str, **kw: object) -> None:
        self.add(Problem(path, line, message, severity="warning", **kw))  # type: ignore[arg-type]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self.errors)


class CommandError(MkDocsException):
    """A user-facing failure: the CLI prints the message and hint, never a traceback."""

    def __init__(self, message: str, hint: str = "", path: str = "", line: int = 0):
        self.hint, self.path, self.line = hint, path, line
        where = f"{path}:{line or 1}:1: " if path else ""
        text = f"{where}{message}"
        if hint:
            text += f"\n    提示：{hint}"
        super().__init__(text)
