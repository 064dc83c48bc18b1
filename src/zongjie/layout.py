"""Where everything of a project lies: its folders, each data file and page, each site output.

:class:`ProjectLayout` is made once from ``mkdocs.yml`` (which names ``docs_dir`` and
``site_dir``) and every command and layer asks it, so a project whose pages live in
``docs_dir: 内容`` works for ``check``, ``new``, ``import``, ``approve`` and the build alike.
Paths inside the built site do not depend on the project; they are the functions at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

DATA_SUFFIXES = (".yml", ".yaml")
"""Data files may be written either way; ``.yml`` is the one zongjie writes."""
DATA_FOLDER = "data"
THEME_FOLDER = "overrides"
"""The theme's ``custom_dir`` when mkdocs.yml names none: its links are checked all the same."""
CAMPAIGNS_DIR = "campaigns"
"""``data/campaigns/<活动>.yml``; in ``docs/`` the campaign pages and reports' narratives."""
REPORTS_DIR = "reports"
UNITS_FILE = "units.yml"
RESOURCES_FILE = "resources.yml"
SCHEMA_DIR = "schema"
RESOURCE_PAGES = "resources"
"""``docs/resources/<资源>.md``: written by hand, or generated from the catalogue."""
ORG_PAGES = "zuzhi"
"""``campaigns/<活动>/zuzhi/<组织>/``: an organisation's page in a campaign (its subtotals); no
unit may take this id."""
UNIT_PAGES = "danwei"
"""``danwei/<单位>/``: a unit's (or an organisation's) page across campaigns."""
GUIDE_DIR = "guide"
"""``docs/guide/``: the editors' guide (写作指南); readers reach it from one 帮助 link."""
PDF_DIR = "pdf"
"""In the built site: ``pdf/<活动>/<单位>.pdf``, the volumes and archives."""
CONFIG_FILE = "mkdocs.yml"


def is_data_file(path: Path) -> bool:
    return path.suffix in DATA_SUFFIXES and not path.name.startswith(".")


def data_files(folder: Path) -> list[Path]:
    """The YAML files of a data folder (``.yml`` or ``.yaml``), hidden ones excepted."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if is_data_file(p))


def existing_data_file(folder: Path, stem: str) -> Path | None:
    """``folder/stem.yml`` or ``folder/stem.yaml``, whichever exists."""
    for suffix in DATA_SUFFIXES:
        path = folder / f"{stem}{suffix}"
        if path.exists():
            return path
    return None


@dataclass(frozen=True)
class ProjectLayout:
    root: Path
    """The folder of ``mkdocs.yml``; every message names paths relative to it."""
    docs_dir: Path
    data_dir: Path
    site_dir: Path
    config_file: Path
    theme_dir: Path
    """The theme's ``custom_dir`` (``overrides/``), whose templates the site renders."""

    @classmethod
    def at(cls, root: Path) -> ProjectLayout:
        """The layout of the project whose ``mkdocs.yml`` is in ``root``."""
        return cls.read(root / CONFIG_FILE)

    @classmethod
    def read(cls, config_file: Path) -> ProjectLayout:
        """The layout ``config_file`` describes (MkDocs' defaults where it is silent, missing or
        unreadable: its own problems are reported by the settings check and the build)."""
        config = config_file.resolve()
        base = config.parent
        folders = _folders(config)
        return cls(
            root=base,
            docs_dir=(base / folders.get("docs_dir", "docs")).resolve(),
            data_dir=(base / DATA_FOLDER).resolve(),
            site_dir=(base / folders.get("site_dir", "site")).resolve(),
            config_file=config,
            theme_dir=(base / folders.get("custom_dir", THEME_FOLDER)).resolve(),
        )

    @classmethod
    def of_build(
        cls, config_file: str | Path, docs_dir: str, site_dir: str, theme_dir: str | None
    ) -> ProjectLayout:
        """The layout of a build, from the values MkDocs has loaded."""
        config = Path(config_file).resolve()
        return cls(
            root=config.parent,
            docs_dir=Path(docs_dir).resolve(),
            data_dir=(config.parent / DATA_FOLDER).resolve(),
            site_dir=Path(site_dir).resolve(),
            config_file=config,
            theme_dir=Path(theme_dir or config.parent / THEME_FOLDER).resolve(),
        )

    @property
    def linked_folders(self) -> list[Path]:
        """The folders whose files the site reads or publishes: no link in them may leave the
        project."""
        return [self.docs_dir, self.data_dir, self.theme_dir]

    def rel(self, path: Path) -> str:
        """``path`` as messages name it: relative to the project root where it lies inside."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except (ValueError, OSError, RuntimeError):
            return path.as_posix()

    # -- data ------------------------------------------------------------------------------

    @property
    def units_file(self) -> Path:
        return self.data_dir / UNITS_FILE

    @property
    def resources_file(self) -> Path:
        return self.data_dir / RESOURCES_FILE

    @property
    def campaigns_dir(self) -> Path:
        return self.data_dir / CAMPAIGNS_DIR

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / REPORTS_DIR

    @property
    def schema_dir(self) -> Path:
        return self.data_dir / SCHEMA_DIR

    def campaign_data(self, cid: str) -> Path:
        """The campaign's data file: the one that exists, else where a new one goes."""
        folder = self.campaigns_dir
        return existing_data_file(folder, cid) or folder / f"{cid}.yml"

    def report_data(self, cid: str, uid: str) -> Path:
        folder = self.reports_dir / cid
        return existing_data_file(folder, uid) or folder / f"{uid}.yml"

    # -- pages -----------------------------------------------------------------------------

    def page(self, src: str) -> Path:
        """A page by its path inside ``docs_dir``."""
        return self.docs_dir / src

    def page_src(self, path: Path) -> str:
        return path.relative_to(self.docs_dir).as_posix()

    def report_page(self, cid: str, uid: str) -> Path:
        return self.page(report_src(cid, uid))

    def campaign_page(self, cid: str) -> Path:
        return self.page(campaign_src(cid))


def report_src(cid: str, uid: str) -> str:
    """A report's narrative inside ``docs_dir``."""
    return f"{CAMPAIGNS_DIR}/{cid}/{uid}.md"


def campaign_src(cid: str) -> str:
    return f"{CAMPAIGNS_DIR}/{cid}/index.md"


def campaign_url(cid: str) -> str:
    """The campaign page's site URL (directory URLs)."""
    return f"{CAMPAIGNS_DIR}/{cid}/"


def org_src(cid: str, oid: str) -> str:
    """An organisation's page in a campaign."""
    return f"{CAMPAIGNS_DIR}/{cid}/{ORG_PAGES}/{oid}/index.md"


def unit_src(uid: str) -> str:
    return f"{UNIT_PAGES}/{uid}.md"


def resource_src(rid: str) -> str:
    return f"{RESOURCE_PAGES}/{rid}.md"


@dataclass(frozen=True)
class PageRef:
    """What a page inside ``docs_dir`` is: a campaign's page, an organisation's page in a
    campaign, or a report."""

    campaign: str
    unit: str = ""
    """The report's unit; empty for a campaign or organisation page."""
    org: str = ""
    """The organisation of an organisation page."""

    @property
    def report_key(self) -> tuple[str, str] | None:
        return (self.campaign, self.unit) if self.unit else None


def page_ref(src: str) -> PageRef | None:
    parts = src.split("/")
    if len(parts) < 3 or parts[0] != CAMPAIGNS_DIR or not parts[-1].endswith(".md"):
        return None
    if len(parts) == 3:
        name = parts[2][:-3]
        return PageRef(parts[1]) if name == "index" else PageRef(parts[1], unit=name)
    if len(parts) == 5 and parts[2] == ORG_PAGES and parts[4] == "index.md":
        return PageRef(parts[1], org=parts[3])
    return None


# -- the built site -------------------------------------------------------------------------


def report_pdf(cid: str, uid: str) -> str:
    """Stable site path of a report's PDF."""
    return f"{PDF_DIR}/{cid}/{uid}.pdf"


def campaign_volume(cid: str) -> str:
    """A campaign's bound volume (its index volume when it is bound in parts)."""
    return f"{PDF_DIR}/{cid}.pdf"


def campaign_archive(cid: str) -> str:
    return f"{PDF_DIR}/{cid}-archive.zip"


def part_file(cid: str, name: str) -> str:
    """A part (分册) of a campaign's volume, beside its reports."""
    return f"{PDF_DIR}/{cid}/{name}"


def table_download(cid: str, table: str, suffix: str) -> str:
    """A table's download beside the campaign page, under an ASCII name that no unit page can
    take (unit ids have no dot)."""
    return f"{CAMPAIGNS_DIR}/{cid}/{cid}-{table}.{suffix}"


def _folders(config_file: Path) -> dict[str, str]:
    """``docs_dir``, ``site_dir`` and the theme's ``custom_dir`` as written in mkdocs.yml
    (composed, never constructed: the file may hold ``!!python`` tags)."""
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    found = _scalars(node, ("docs_dir", "site_dir"))
    theme = _mapping(node).get("theme")
    found |= _scalars(theme, ("custom_dir",))
    return found


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _scalars(node: yaml.Node | None, keys: tuple[str, ...]) -> dict[str, str]:
    return {
        key: value.value.strip()
        for key, value in _mapping(node).items()
        if key in keys and isinstance(value, yaml.ScalarNode) and value.value.strip()
    }
