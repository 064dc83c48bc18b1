"""``zongjie import 文件夹/``: every report a campaign office received, in one command.

Each file whose suffix has a reader (``sources.READERS``) is read and its unit matched from
the title and 落款. A filled-in workbook (.xlsx from ``zongjie template``) names its unit in
its 基本信息 sheet; when a unit sent both, the Word file gives the narrative and the workbook
the data, since the unit typed those figures itself rather than having them read from prose.
A file that fails, names an unknown unit, or would overwrite a report without ``--force`` is
listed with the reason; the other files are imported all the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zongjie.authoring.importer import prepare, write
from zongjie.authoring.skeleton import load_campaign
from zongjie.authoring.sources import READERS
from zongjie.authoring.units import UnitSuggestion, suggest_unit
from zongjie.data.content import Content
from zongjie.data.yamlfile import relpath
from zongjie.errors import CommandError, ContentError
from zongjie.excel.workbook_file import open_workbook
from zongjie.importing.workbook import import_workbook, unit_of_workbook

WORKBOOK = ".xlsx"


@dataclass
class FileOutcome:
    path: Path
    unit: str = ""
    proposed: int = 0
    unconfirmed: int = 0
    unclassified: int = 0
    """Numbers of the source that no proposed value uses (listed in the YAML)."""
    error: str = ""
    suggestion: UnitSuggestion | None = None
    warnings: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error and self.suggestion is None


@dataclass
class FolderResult:
    folder: Path
    outcomes: list[FileOutcome]

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if not o.ok]


def unexpected(exc: Exception) -> str:
    """A failure no reader words itself (a bug, or memory run out): named, and the batch goes on."""
    return f"读取时出错（{type(exc).__name__}：{str(exc)[:200]}），未导入；其他文件照常导入"


def report_files(folder: Path) -> list[Path]:
    """The files in ``folder`` (and below) that an importer reads; Word's ~$ lock files and
    hidden files are not reports."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in (*READERS, WORKBOOK)
        and not p.name.startswith(("~$", "."))
    )


def import_folder(root: Path, folder: Path, cid: str, *, force: bool = False) -> FolderResult:
    content = load_campaign(root, cid)
    files = report_files(folder)
    if not files:
        kinds = "、".join(sorted((*READERS, WORKBOOK)))
        raise CommandError(f"文件夹中没有可导入的报告：{folder}", hint=f"支持的文件类型：{kinds}")
    outcomes: list[FileOutcome] = []
    taken: dict[str, Path] = {}
    # Word files first, so that a unit's workbook can replace the figures read from its prose.
    for path in [p for p in files if p.suffix.lower() != WORKBOOK]:
        outcome = FileOutcome(path)
        outcomes.append(outcome)
        try:
            prepared = prepare(path, content, cid)
        except CommandError as exc:
            outcome.error = str(exc)
            continue
        except Exception as exc:  # noqa: BLE001 - one unreadable file never stops the batch
            outcome.error = unexpected(exc)
            continue
        outcome.warnings = prepared.warnings
        if prepared.unit is None:
            outcome.suggestion = suggest_unit(
                path.stem, prepared.title, prepared.converted.signed_by
            )
            continue
        unit = prepared.unit
        outcome.unit = unit.short_name
        if unit.id in taken:
            first = relpath(taken[unit.id], folder)
            outcome.error = f"与 {first} 是同一单位（{unit.short_name}）的报告，未导入"
            continue
        taken[unit.id] = path
        try:
            result = write(root, prepared, content, cid, unit, force=force)
        except CommandError as exc:
            outcome.error = str(exc)
            continue
        outcome.written = result.files
        outcome.proposed = prepared.facts.count()
        outcome.unconfirmed = len(prepared.facts.unconfirmed())
        outcome.unclassified = len(prepared.numbers.unclassified)
    from_word = dict(taken)
    for path in [p for p in files if p.suffix.lower() == WORKBOOK]:
        outcomes.append(_import_workbook(root, path, content, cid, taken, from_word, force))
    return FolderResult(folder, sorted(outcomes, key=lambda o: o.path))


def _import_workbook(
    root: Path,
    path: Path,
    content: Content,
    cid: str,
    taken: dict[str, Path],
    from_word: dict[str, Path],
    force: bool,
) -> FileOutcome:
    outcome = FileOutcome(path)
    folder_name = relpath(path, root)
    try:
        book = open_workbook(path, folder_name)
        unit = unit_of_workbook(book, path, content, cid)
        outcome.unit = unit.short_name
        if unit.id in taken and unit.id not in from_word:
            first = relpath(taken[unit.id], root)
            outcome.error = f"与 {first} 是同一单位（{unit.short_name}）的数据，未导入"
            return outcome
        result = import_workbook(
            root,
            path,
            cid,
            unit.id,
            force=force or unit.id in from_word,
            content=content,
            book=book,
        )
    except (CommandError, ContentError) as exc:
        outcome.error = str(exc)
        return outcome
    except Exception as exc:  # noqa: BLE001 - one unreadable file never stops the batch
        outcome.error = unexpected(exc)
        return outcome
    taken[unit.id] = path
    outcome.written = result.files
    outcome.proposed = outcome.unconfirmed = len(result.unconfirmed)
    outcome.warnings = [w.format() for w in result.warnings]
    if unit.id in from_word:
        outcome.warnings.insert(
            0, f"数据取自填报表，替换了从 {relpath(from_word[unit.id], root)} 正文中读出的数值"
        )
    return outcome
