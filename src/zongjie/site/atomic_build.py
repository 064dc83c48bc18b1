"""Atomic publishing: build into a temporary folder and swap it in only on success.

MkDocs cleans ``site_dir`` before writing, and under ``--strict`` it aborts only
after writing, so a failed build could leave half a site. Readers must always see
the last good site, so the real ``site_dir`` is only ever replaced by a rename.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from zongjie import rules
from zongjie.config import ZongjieConfig, load_settings
from zongjie.errors import ContentError, Problem
from zongjie.locks import exclusive
from zongjie.review import publication
from zongjie.review.publication import Audience
from zongjie.site import build_record
from zongjie.site.audience import building_for
from zongjie.site.events import RESTRICTED_FOUND
from zongjie.site.layout import layout_of

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    strict: bool = False,
    audience: Audience | None = None,
) -> Path:
    """Build the site for ``config_file``; raises (leaving ``site_dir`` untouched) on failure.

    A reader build (``public``) whose content has approved 内部 reports gets a second tree for
    signed-in readers under ``publish.restricted_prefix``: a complete site of its own, so that no
    restricted sentence ever has to sit in the public tree, and both swap in together.
    """
    config_file = config_file.resolve()
    refuse_settings(config_file)
    probe = load_config(str(config_file), strict=strict)
    settings = load_settings(config_file, probe.extra)
    chosen: Audience = audience or "public"  # never from a setting (zongjie.site.audience)
    target = (site_dir or Path(probe.site_dir)).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with staging_lock(target):
        return _build_and_swap(config_file, probe, settings, target, strict, chosen)


def refuse_settings(config_file: Path) -> None:
    """Stop on the settings errors ``zongjie check`` reports, before MkDocs loads mkdocs.yml:
    its loader would run a ``!!python`` tag, its validation would stop on a bad value in English
    without a line, and a hook listed there would run. An including Markdown extension is left
    to the build's events, which report it with the pages that use it, as check does."""
    from zongjie.rules.site_config import site_config_problems

    errors = [
        p
        for p in site_config_problems(config_file)
        if p.severity == "error" and not p.field.startswith("markdown_extensions")
    ]
    if errors:
        raise ContentError(errors)


def _build_and_swap(
    config_file: Path, probe: MkDocsConfig, settings: ZongjieConfig, target: Path, strict: bool,
    chosen: Audience,
) -> Path:  # fmt: skip
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        _build(config_file, staging, strict, chosen)
        if chosen == "public":
            restricted = RESTRICTED_FOUND.pop(str(staging.resolve()), None)
            if restricted is None:  # not known from the build's events: ask the content
                restricted = publication.has_restricted(rules.load(layout_of(probe)))
            if restricted:
                prefix = settings.publish.restricted_prefix
                _refuse_clash(Path(probe.docs_dir), prefix, config_file.parent)
                _build(config_file, staging / prefix, strict, "restricted")
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


@contextlib.contextmanager
def staging_lock(target: Path) -> Iterator[None]:
    """One build of ``target`` at a time; under the lock, what a killed build left beside it
    (``.site-new-*`` with a whole site in it, ``.site-old-*``) is removed first."""
    lock = target.parent / f".{target.name}.lock"
    busy = f"另一个构建正在生成 {target}"
    with exclusive(lock, busy, hint="等它结束后再运行；同一个网站目录同一时间只能有一个构建"):
        for stale in (*target.parent.glob(f".{target.name}-new-*"),
                      *target.parent.glob(f".{target.name}-old-*")):  # fmt: skip
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
        try:
            yield
        finally:
            lock.unlink(missing_ok=True)  # nothing left beside the site once it is built


def _build(config_file: Path, site_dir: Path, strict: bool, audience: Audience) -> None:
    config = load_config(str(config_file), strict=strict, site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        # A public build is what the settings say, and they are checked (zongjie.site.audience).
        with building_for(audience) if audience != "public" else contextlib.nullcontext():
            build(config)
    except jinja2.TemplateNotFound as exc:
        raise ContentError(
            [
                Problem(
                    config_file.name,
                    1,
                    f"找不到网站模板“{exc.name}”：theme.custom_dir 中的模板引用了不存在的模板",
                    field="theme.custom_dir",
                    hint="检查 overrides/ 中的模板，或从 git 恢复被删除的模板文件",
                )
            ]
        ) from None
    except Abort as exc:
        # MkDocs logs the real error and raises a generic Abort from within its
        # handler; re-raise our own so callers see file:line problems or the PDF failure.
        if isinstance(exc.__context__, PluginError):
            raise exc.__context__ from None
        raise
    finally:
        config.plugins.on_shutdown()
    if build_record.read(site_dir) is None:
        raise ContentError(
            [
                Problem(
                    config_file.name,
                    1,
                    "这次构建没有经过 zongjie 的构建事件（mkdocs.yml 的 hooks 中没有 "
                    "hooks/zongjie_hooks.py）：网站未按审定状态和内部报告筛选，不能作为读者网站",
                    field="hooks",
                    hint="在 mkdocs.yml 的 hooks: 中加上 - hooks/zongjie_hooks.py",
                )
            ]
        )


def _refuse_clash(docs: Path, prefix: str, root: Path) -> None:
    """docs/<prefix> would be published twice: once public, then replaced by the restricted tree."""
    for clash in (docs / prefix, docs / f"{prefix}.md"):
        if clash.exists():
            raise ContentError(
                [
                    Problem(
                        clash.relative_to(root).as_posix(),
                        1,
                        f"“{prefix}”是内部报告专用的路径，docs/ 中不能有同名的文件或目录",
                        field="publish.restricted_prefix",
                        hint="改名，或在 mkdocs.yml 的 extra: zongjie: publish: restricted_prefix "
                        "中换一个前缀",
                    )
                ]
            )


def _swap(new: Path, target: Path) -> None:
    os.chmod(new, 0o755)  # mkdtemp makes 0700 folders; a web server must read the site
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.rmdir(old)
        os.rename(target, old)
    os.rename(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
