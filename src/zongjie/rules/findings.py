"""What a rule finds, before anyone words it: a code, where in the data, and the values.

A rule does not know whether the report came from a YAML file or a workbook. It returns
:class:`Finding` objects; each caller words them for its medium from the code (``words``), and
locates them there: :func:`at_yaml` at a line of the data file, the workbook import at a cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from zongjie.data.yamlfile import Loc, YamlDocument, dotted
from zongjie.errors import Params, Problem, Severity, params


@dataclass(frozen=True)
class Wording:
    message: str
    """With ``{name}`` for each parameter."""
    hint: str = ""
    field: str = ""
    """The ``[field]`` of the problem, when it is not the finding's location."""

    def format(self, values: Mapping[str, object]) -> tuple[str, str, str]:
        return (
            self.message.format(**values),
            self.hint.format(**values),
            self.field.format(**values),
        )


@dataclass(frozen=True)
class Finding:
    code: str
    loc: Loc
    """Where in the report's data, e.g. ``("rectification", 0, "count")``."""
    values: Params = ()
    severity: Severity = "error"
    about: Loc | None = None
    """The field the finding is about, when it is reported somewhere else (a missing status,
    at its group's count)."""
    column: bool = False
    """Point at the value's column too (the line alone is precise enough for most)."""

    @property
    def named(self) -> dict[str, object]:
        return dict(self.values)

    @property
    def field(self) -> str:
        return dotted(self.about if self.about is not None else self.loc)


def finding(
    code: str,
    loc: Loc,
    severity: Severity = "error",
    about: Loc | None = None,
    column: bool = False,
    **values: object,
) -> Finding:
    return Finding(code, tuple(loc), params(values), severity, about, column)


@dataclass(frozen=True)
class Words:
    """A medium's wording of every code: its own where it has one, else the YAML file's."""

    own: Mapping[str, Wording] = field(default_factory=dict)
    fallback: Mapping[str, Wording] = field(default_factory=dict)

    def of(self, found: Finding) -> tuple[str, str, str]:
        wording = self.own.get(found.code) or self.fallback[found.code]
        message, hint, named_field = wording.format(found.named)
        return message, hint, named_field or found.field


def at_yaml(found: Finding, doc: YamlDocument, words: Words) -> Problem:
    """The finding at its line of the data file ``doc``."""
    line, col = doc.line_of(found.loc)
    col = col if found.column else 1
    message, hint, named_field = words.of(found)
    return Problem(
        doc.path,
        line,
        message,
        field=named_field,
        hint=hint,
        col=col,
        severity=found.severity,
        code=found.code,
        params=found.values,
    )
