"""zongjie's settings: one typed block under ``extra: zongjie:`` in mkdocs.yml.

Example::

    extra:
      zongjie:
        audience: public        # public | restricted | editors (see ZongjieConfig.audience)
        pdf:
          jobs: 2               # render processes (default: every available CPU)
          cache_dir: .cache/zongjie-pdf
          in_preview: false     # render PDFs under `mkdocs serve` too (slow; default off)
          part_size: 100        # a campaign of more reports is bound in parts (分册) of this many
        publish:                # `zongjie publish`: release folders and the nginx server block
          restricted_prefix: nb # 内部 reports live only under /nb/, behind a password
          htpasswd: /etc/nginx/zongjie.htpasswd

Environment variables override single settings, for CI runners that must not edit mkdocs.yml.
This table is the only place they are read:

=====================  ===================
``ZONGJIE_PDF_JOBS``   ``pdf.jobs``
``ZONGJIE_PDF_CACHE``  ``pdf.cache_dir``
``ZONGJIE_SERVE_PDF``  ``pdf.in_preview``
=====================  ===================

A wrong value is an error at ``mkdocs.yml:line`` (or names the variable), like any data file.
(``ZONGJIE_DATA_CACHE``, where parsed data files are kept between builds, and
``ZONGJIE_PAGE_WORKERS``, which keeps the page loops in one process, are not settings of the
site: :mod:`zongjie.data.parse_cache` and :mod:`zongjie.site.page_workers` read them.)
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from zongjie.data.schema_errors import EXPECTED, validate
from zongjie.data.yamlfile import YamlDocument, YamlError, build_document, compose, relpath
from zongjie.errors import ContentError, Problem

ENV_OVERRIDES: dict[str, tuple[str, str]] = {
    "ZONGJIE_PDF_JOBS": ("pdf", "jobs"),
    "ZONGJIE_PDF_CACHE": ("pdf", "cache_dir"),
    "ZONGJIE_SERVE_PDF": ("pdf", "in_preview"),
}


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PdfSettings(_Settings):
    jobs: Annotated[int, Field(ge=1, le=256)] | None = None
    """Render processes; by default every CPU available to the build."""
    cache_dir: str = ".cache/zongjie-pdf"
    """Content-hash cache of rendered PDFs, relative to mkdocs.yml unless absolute."""
    in_preview: bool = False
    """Render PDFs under ``mkdocs serve`` as well; off so that the preview reloads in seconds."""
    part_size: Annotated[int, Field(ge=1, le=10_000)] = 100
    """Reports per part (分册) of a campaign's bound volume. A campaign with more reports is
    bound in parts plus an index volume; one with at most this many keeps a single volume.
    Each part is a file of a few MB that binds in seconds, whatever the campaign's size."""


def _segment(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,62}", value):
        raise ValueError(
            f"应为一级路径名（小写字母、数字、连字符或下划线），如 nb；实际为 {value!r}"
        )
    return value


def _listen(value: str) -> str:
    if not re.fullmatch(
        r"(\[[0-9a-fA-F:.]+\]:|[0-9.]+:|[A-Za-z0-9.-]+:)?[0-9]{1,5}( [a-z_]+)*", value
    ):
        raise ValueError(
            f"应为 nginx 的 listen 参数，如 80、127.0.0.1:8080 或 443 ssl；实际为 {value!r}"
        )
    return value


def _server_names(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_.*-]+( [A-Za-z0-9_.*-]+)*", value):
        raise ValueError(f"应为以空格分隔的主机名，如 zongjie.example.gov 或 _；实际为 {value!r}")
    return value


def _server_path(value: str) -> str:
    """A file path nginx reads: quoted in the config, so only these characters could break it."""
    if not value.startswith("/") or any(ch in value for ch in '$"\\\n\r{};'):
        raise ValueError(f'应为绝对路径，且不含 $ " \\ {{ }} ; 和换行；实际为 {value!r}')
    return value


ServerPath = Annotated[str, AfterValidator(_server_path)]


def _auth_url(value: str) -> str:
    if value and not re.fullmatch(r"https?://[A-Za-z0-9.:\[\]-]+(/[A-Za-z0-9._~/-]*)?", value):
        raise ValueError(f"应为认证服务的地址，如 http://127.0.0.1:8888/auth；实际为 {value!r}")
    return value


def _group(value: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_.-]{0,31}\$?", value):
        raise ValueError(
            f"应为系统用户组名，如 www-data（nginx 工作进程所在的组）；实际为 {value!r}"
        )
    return value


class PublishSettings(_Settings):
    restricted_prefix: Annotated[str, AfterValidator(_segment)] = "nb"
    """Top folder of the restricted (内部) tree: everything under ``/<prefix>/`` needs a login."""
    keep: Annotated[int, Field(ge=1, le=100)] = 5
    """Releases kept in ``DEST/releases/`` (the current one included) for ``--rollback``."""
    listen: Annotated[str, AfterValidator(_listen)] = "80"
    """nginx ``listen`` of the server block, e.g. ``80`` or ``443 ssl``."""
    server_name: Annotated[str, AfterValidator(_server_names)] = "_"
    """nginx ``server_name``; ``_`` answers for any host name."""
    htpasswd: ServerPath = "/etc/nginx/zongjie.htpasswd"
    """User file of the restricted tree (``htpasswd`` from apache2-utils writes it)."""
    auth_request: Annotated[str, AfterValidator(_auth_url)] = ""
    """Instead of the user file: an authentication service (e.g. one that checks the
    credentials against LDAP) that nginx asks for every restricted request (auth_request)."""
    tls_certificate: ServerPath | None = None
    """PEM certificate (chain) for HTTPS; with it ``listen`` must say ``ssl``."""
    tls_certificate_key: ServerPath | None = None
    compression: Literal["standard", "max"] = "standard"
    """``standard``: gzip -9 and brotli 8; ``max``: zopfli and brotli 11 (benchmarks/publish.md)."""
    brotli: Literal["auto"] | bool = "auto"
    """Write ``.br`` files and ``brotli_static on``; ``auto``: if nginx's brotli module is enabled
    on this machine (Debian: libnginx-mod-http-brotli-static)."""
    group: Annotated[str, AfterValidator(_group)] = "www-data"
    """The group nginx's worker processes run as (Debian: ``www-data``). Releases belong to it
    and are not readable by other users: folders 750, files 640."""
    reload_command: str = ""
    """Shell command that reloads nginx, run when a release needs a new nginx.conf (e.g. new
    inline-script hashes) before ``current`` switches to it."""

    @model_validator(mode="after")
    def _tls_pair(self) -> PublishSettings:
        if (self.tls_certificate is None) != (self.tls_certificate_key is None):
            raise ValueError("tls_certificate 和 tls_certificate_key 须同时设置")
        if self.tls_certificate and "ssl" not in self.listen.split():
            raise ValueError(
                f'设置了 tls_certificate 时 listen 须含 ssl，如 "443 ssl"（实际为 {self.listen!r}）'
            )
        return self


class ZongjieConfig(_Settings):
    audience: Literal["public", "restricted", "editors"] = "public"
    """Who the build is for. Every readers' build (``mkdocs build``, ``zongjie build``,
    ``zongjie publish``) is ``public`` and refuses any other value here: the signed-in readers'
    tree under ``publish.restricted_prefix`` is made by ``zongjie build`` itself, and the
    editors' view only by ``mkdocs serve`` or ``zongjie build --audience editors -d 目录``
    (:mod:`zongjie.site.audience`)."""
    pdf: PdfSettings = PdfSettings()
    publish: PublishSettings = PublishSettings()

    def cache_path(self, root: Path) -> Path:
        path = Path(self.pdf.cache_dir).expanduser()
        return path if path.is_absolute() else root / path


def load_settings(config_file: Path, extra: Mapping[str, Any] | None) -> ZongjieConfig:
    """Validated settings from ``extra.zongjie`` of the loaded config, with env overrides.

    ``extra`` is what MkDocs parsed; mkdocs.yml is re-read (composed, never constructed) only
    to find the lines of a wrong value.
    """
    raw = (extra or {}).get("zongjie") or {}
    if not isinstance(raw, dict):
        raise ContentError(
            [
                _problem(
                    config_file,
                    ("extra", "zongjie"),
                    "应为映射（“键: 值”的形式）",
                    hint="在 zongjie: 的下一行多缩进两个空格写各项设置，如 pdf:",
                )
            ]
        )
    merged: dict[str, Any] = {k: dict(v) if isinstance(v, dict) else v for k, v in raw.items()}
    for name, (section, key) in ENV_OVERRIDES.items():
        value = os.environ.get(name)
        if value is None or value == "":
            continue
        if not isinstance(merged.get(section, {}), dict):
            continue  # the file's own error is reported below
        merged.setdefault(section, {})[key] = value
    doc = _document(config_file, merged)
    settings, problems = validate(ZongjieConfig, doc)
    if problems:
        raise ContentError([_in_mkdocs_yml(p) for p in problems])
    assert isinstance(settings, ZongjieConfig)
    return settings


def check_settings(config_file: Path) -> list[Problem]:
    """The problems :func:`load_settings` would raise in a build, for ``zongjie check``, which
    reads mkdocs.yml without MkDocs (a block it cannot read is left to MkDocs' own checks)."""
    return read_settings(config_file)[1]


def read_settings(config_file: Path) -> tuple[ZongjieConfig | None, list[Problem]]:
    """The settings in mkdocs.yml read without MkDocs, or the problems that stop them."""
    try:
        root = compose(config_file.read_text(encoding="utf-8-sig"), config_file.name)
    except YamlError as exc:  # the build stops on it too, at the same line
        return None, exc.problems
    except (OSError, UnicodeDecodeError):
        return None, []
    try:
        node = child_node(root, "extra")
        extra = build_document(node, config_file.name).data if node is not None else {}
    except YamlError:
        return None, []
    try:
        return load_settings(config_file, extra if isinstance(extra, dict) else {}), []
    except ContentError as exc:
        return None, exc.problems


def site_host(config_file: Path) -> str:
    """The host of ``site_url`` in mkdocs.yml (``""`` when unset): narratives may link to it.
    Read without running MkDocs, for ``zongjie check``; the build takes it from its config."""
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    url = child_node(node, "site_url")
    return host_of(url.value) if isinstance(url, yaml.ScalarNode) else ""


def host_of(url: str | None) -> str:
    try:
        return urlsplit(url or "").hostname or ""
    except ValueError:
        return ""


def _document(config_file: Path, data: dict[str, Any]) -> YamlDocument:
    """The settings as a document whose lines point into mkdocs.yml."""
    rel = relpath(config_file, config_file.parent)
    doc = YamlDocument(rel, data)
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
        node = child_node(child_node(root, "extra"), "zongjie")
        if node is not None:
            lines = build_document(node, rel).lines
            doc.lines.update(lines)
    except (OSError, yaml.YAMLError, YamlError):
        pass  # MkDocs has read the file already; without lines the errors point at line 1
    return doc


def child_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value of ``key`` in a composed YAML mapping, or None."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.Node):
                return v
    return None


def _in_mkdocs_yml(problem: Problem) -> Problem:
    """Name the full key, and the environment variable when the value came from one."""
    message, hint = problem.message, problem.hint
    for name, (section, key) in ENV_OVERRIDES.items():
        if problem.field == f"{section}.{key}" and os.environ.get(name):
            message += f"（来自环境变量 {name}）"
    if message.startswith(EXPECTED["extra_forbidden"]):
        # The data files' hint (their JSON Schemas) does not apply to mkdocs.yml.
        hint = (
            f"可用的设置：{'、'.join(_settings_near(problem.field))}（说明见 README 的“设置”一节）"
        )
    return replace(problem, field=f"extra.zongjie.{problem.field}", message=message, hint=hint)


def _settings_near(field: str) -> list[str]:
    """The settings of the section a misspelt key is in (all of them for a top-level key), the
    closest names first: a list of every setting would hide the one the editor meant."""
    import difflib

    section = field.rpartition(".")[0]
    names = [n for n in _setting_names(ZongjieConfig) if n.rpartition(".")[0] == section]
    names = names or _setting_names(ZongjieConfig)
    close = difflib.get_close_matches(field, names, n=3, cutoff=0.6)
    return close + [n for n in names if n not in close]


def _setting_names(model: type[BaseModel], prefix: str = "") -> list[str]:
    names = []
    for name, field in model.model_fields.items():
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            names += _setting_names(kind, f"{prefix}{name}.")
        else:
            names.append(f"{prefix}{name}")
    return names


def setting_problem(config_file: Path, key: tuple[str, ...], message: str, hint: str) -> Problem:
    """A problem with the setting ``extra.zongjie.<key>``, at its line in mkdocs.yml."""
    line, col = _document(config_file, {}).line_of(key)
    path = relpath(config_file, config_file.parent)
    return Problem(path, line, message, field="extra.zongjie." + ".".join(key), col=col, hint=hint)


def _problem(config_file: Path, loc: tuple[str, ...], message: str, hint: str) -> Problem:
    doc = _document(config_file, {})
    line, col = doc.line_of(loc)
    return Problem(doc.path, line, message, field=".".join(loc), col=col, hint=hint)
