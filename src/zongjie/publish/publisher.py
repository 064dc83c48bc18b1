"""``zongjie publish``: build (or take) a site, make it a release, switch ``current`` to it.

Nothing readers see changes until the very last step, the rename of ``current``: a failed
build, an interrupted copy or compression, or a refused nginx configuration leave the
previous release serving, and the next publish clears what was left behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zongjie import atomic
from zongjie.config import PublishSettings, load_settings, setting_problem
from zongjie.errors import CommandError
from zongjie.framework import plugin_logger
from zongjie.publish import nginx
from zongjie.publish.compress import CompressStats, precompress
from zongjie.publish.csp import InlineCode, policy, site_inline_code
from zongjie.publish.os_errors import worded
from zongjie.publish.permissions import group_id
from zongjie.publish.release import Destination, Release, git_commit, make_readable, now_ns
from zongjie.publish.reuse import copy_linking_unchanged, link_unchanged
from zongjie.publish.site_files import refuse_outside_links
from zongjie.publish.theme_scripts import theme_script_hashes
from zongjie.site import build_record

log = plugin_logger("zongjie.publish")
UNCHANGED = (
    "当前版本保持不变，读者看到的仍是原来的网站；解决上述问题（如清理磁盘、修正权限）后重新发布，"
    "上次中断留下的文件会自动清理"
)


@dataclass(frozen=True)
class Project:
    """What publishing needs from mkdocs.yml."""

    root: Path
    config_file: Path
    site_name: str
    settings: PublishSettings


def load_project(config_file: Path) -> Project:
    """Read mkdocs.yml as MkDocs does, without loading its hooks and plugins: publishing a
    built site needs only the site name and zongjie's settings, and starts in a second."""
    from mkdocs.exceptions import ConfigurationError

    from zongjie import mkdocs_yml

    if not config_file.is_file():
        raise CommandError(
            f"找不到 {config_file}", hint="在项目目录（mkdocs.yml 所在目录）中运行，或用 -f 指定"
        )
    path = config_file.resolve()
    try:
        config = mkdocs_yml.load(path)
    except (ConfigurationError, OSError) as exc:
        raise CommandError(f"无法读取 {config_file}：{exc}", path=config_file.name) from None
    extra = config.get("extra")
    settings = load_settings(path, extra if isinstance(extra, dict) else None).publish
    return Project(path.parent, path, str(config.get("site_name") or ""), settings)


@dataclass
class Outcome:
    """What a publish or rollback did, for the command's summary."""

    dest: Destination
    release: Release
    previous: str | None
    conf_changed: bool = False
    first: bool = False
    reloaded: bool = False
    compress: CompressStats = field(default_factory=CompressStats)
    removed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def _jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _use_brotli(settings: PublishSettings) -> bool:
    return nginx.brotli_enabled() if settings.brotli == "auto" else bool(settings.brotli)


def publish(
    project: Project, dest_dir: Path, site: Path | None = None, keep: int | None = None,
    strict: bool = False,
) -> Outcome:  # fmt: skip
    """Publish a new release of ``project`` to ``dest_dir`` (built now, or copied from ``site``)."""
    settings = project.settings
    keep = keep or settings.keep
    dest = Destination(dest_dir, group_id(project.config_file, settings.group))
    _check_dest(dest, project, site)
    if site is not None and not (site / "index.html").is_file():
        raise CommandError(
            f"{site} 不是构建好的站点（没有 index.html）",
            hint="先运行 make site（或 zongjie build），或去掉 --site 让 zongjie publish 自己构建",
        )
    if site is not None:
        _check_readers_site(project, site)
        refuse_outside_links(site)
    users = Path(settings.htpasswd)
    if not settings.auth_request and not users.is_file():
        log.warning(
            "用户文件 %s 不存在：nginx 会对受限页面（/%s/）返回 500。"
            "用 htpasswd -c -B %s 用户名 创建（写作指南“部署”）",
            users, settings.restricted_prefix, users,
        )  # fmt: skip
    with worded(UNCHANGED), dest.locked():
        leftovers = dest.remove_leftovers()
        if leftovers:
            log.info("清理了上次中断的发布留下的文件：%s", "、".join(leftovers))
        current = dest.current()
        releases = {r.name: r for r in dest.releases()}
        before = releases.get(current) if current else None
        commit = git_commit(project.root)
        name = dest.new_name(commit)
        release, stats, code = _prepare(project, dest, name, commit, site, strict, before)
        outcome = Outcome(dest, release, current, compress=stats, blocked=code.blocked)
        for problem in code.blocked:
            log.warning("浏览器会拦截：%s（内容安全策略只允许站点自己的脚本）", problem)
        kept = [r for r in dest.releases() if r.name != name][-(keep - 1) :] if keep > 1 else []
        others = [*kept, *([before] if before else [])]
        # A refused switch keeps the release: once nginx is reloaded, --switch serves it.
        _switch(project, dest, release, others, release.brotli, outcome, confirmed=False)
        outcome.removed = dest.prune(keep)
    return outcome


def _prepare(
    project: Project, dest: Destination, name: str, commit: str, site: Path | None,
    strict: bool, before: Release | None,
) -> tuple[Release, CompressStats, InlineCode]:  # fmt: skip
    """Build or copy the site into a staging folder, link, compress and scan it, then make it
    release ``name``; nothing of it is left behind if any step fails."""
    settings = project.settings
    previous = dest.current_folder()
    brotli = _use_brotli(settings)
    staging = dest.staging(name)
    try:
        if site is None:
            from zongjie.site.atomic_build import build_site

            build_site(project.config_file, site_dir=staging, strict=strict)
            linked = link_unchanged(staging, previous)
        else:
            linked = copy_linking_unchanged(site, staging, previous)
        files = [p for p in staging.rglob("*") if p.is_file()]  # the site, not the copies
        same_mode = before is not None and before.compression == settings.compression
        stats = precompress(
            staging, settings.compression, brotli,
            reuse_from=previous if same_mode else None, unchanged=linked, jobs=_jobs(),
        )  # fmt: skip
        code = site_inline_code(staging)
        scripts = theme_script_hashes(project.config_file, staging)
        code.blocked += [
            f"{where}: 不属于主题的内联脚本"
            for digest, where in sorted(code.script_at.items(), key=lambda kv: kv[1])
            if digest not in scripts
        ]
        code.scripts = scripts
        make_readable(staging, dest.gid if dest.gid is not None else os.getgid())
        release = Release(
            name=name,
            created_ns=now_ns(),
            commit=commit,
            source="build" if site is None else str(site.resolve()),
            compression=settings.compression,
            brotli=brotli,
            scripts=sorted(code.scripts),
            styles=sorted(code.styles),
            style_attributes=sorted(code.style_attributes),
            files=len(files),
            bytes=sum(p.stat().st_size for p in files),
            linked=len(linked),
        )
        dest.finish(staging, release)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return release, stats, code


def rollback(project: Project, dest_dir: Path, to: str | None = None) -> Outcome:
    """Switch ``current`` back to the release published before it, or to release ``to``.

    Whoever switches to a named release has been told to reload nginx first (a refused
    publish says so), so a configuration nginx has not confirmed is trusted here.
    """
    dest = Destination(dest_dir, group_id(project.config_file, project.settings.group))
    with worded(UNCHANGED), dest.locked():
        releases = dest.releases()
        current = dest.current()
        names = [r.name for r in releases]
        if to:
            if to not in names:
                raise CommandError(
                    f"没有名为 {to} 的版本",
                    hint=f"现有版本：{'、'.join(names) or '无'}（zongjie publish --list 列出）",
                )
            target = releases[names.index(to)]
        else:
            older = names[: names.index(current)] if current in names else []
            if not older:
                raise CommandError(
                    "没有更早的版本可以回滚",
                    hint=f"{dest.releases_dir} 中只保留最近的版本（publish.keep）",
                )
            target = releases[names.index(older[-1])]
        outcome = Outcome(dest, target, current)
        if target.name != current:
            brotli = _use_brotli(project.settings)
            _switch(project, dest, target, releases, brotli, outcome, confirmed=True)
    return outcome


def _switch(
    project: Project, dest: Destination, release: Release, others: Iterable[Release],
    brotli: bool, outcome: Outcome, confirmed: bool,
) -> None:  # fmt: skip
    """Write an nginx.conf that serves ``release`` and every other kept one, have nginx load it
    if what it runs cannot serve ``release``, then point ``current`` at it.

    ``DEST/.nginx-loaded.conf`` is the configuration nginx is known to run: the one written by
    the first publish, by a successful ``reload_command``, or confirmed by ``--switch``.
    """
    settings = project.settings
    gid = dest.gid if dest.gid is not None else os.getgid()
    errors = nginx.write_error_pages(dest.root, project.site_name, gid)
    covered = InlineCode()
    for r in [release, *others]:
        covered.update(_code(r))
    covered.update(errors)
    conf = nginx.render(nginx.ServerBlock(dest.root, settings, brotli, _policy(covered)))
    needed = _code(release)
    needed.update(errors)
    conf_path, loaded_path = dest.root / nginx.CONF, dest.root / nginx.LOADED
    written = conf_path.read_text("utf-8") if conf_path.is_file() else None
    loaded = loaded_path.read_text("utf-8") if loaded_path.is_file() else written
    outcome.first = written is None
    outcome.conf_changed = written != conf
    if outcome.conf_changed:
        atomic.write_text(conf_path, conf)
    stale = loaded is not None and any(
        nginx.needs_reload(running, conf, _policy(needed)) for running in (loaded, written or "")
    )
    if outcome.first or stale:
        if settings.reload_command:
            _reload(settings.reload_command, conf_path, written)
            outcome.reloaded = True
        elif stale and not confirmed:
            raise CommandError(
                f"版本 {release.name} 已准备好，但它需要新的 nginx 配置（内联脚本或设置有变化），"
                "nginx 重新加载之前不能切换：读者看到的仍是原来的版本",
                hint=f"新配置已写入 {conf_path}。请运行 sudo nginx -t && sudo systemctl reload "
                f"nginx，然后运行 zongjie publish --dest {dest.root} --switch {release.name}；"
                "也可以设置 extra.zongjie.publish.reload_command，发布时自动重新加载",
            )
        atomic.write_text(loaded_path, conf)
    dest.activate(release.name)


def _code(release: Release) -> InlineCode:
    return InlineCode(set(release.scripts), set(release.styles), set(release.style_attributes))


def _policy(code: InlineCode) -> str:
    return policy(code.scripts, code.styles, code.style_attributes)


def _reload(command: str, conf_path: Path, running: str | None) -> None:
    """Run ``reload_command``; on failure put the running configuration back."""
    try:
        done = subprocess.run(
            command, shell=True, capture_output=True, text=True, timeout=120, check=False
        )
        failed = done.returncode != 0
        detail = (done.stderr or done.stdout).strip()
    except (OSError, subprocess.SubprocessError) as exc:
        failed, detail = True, str(exc)
    if failed:
        if running is not None:
            atomic.write_text(conf_path, running)
        raise CommandError(
            f"重新加载 nginx 失败（publish.reload_command：{command}），当前版本保持不变",
            hint=f"命令输出：{detail[-500:] or '无'}；先手工运行 sudo nginx -t 查看原因",
        )


def _check_readers_site(project: Project, site: Path) -> None:
    """A prebuilt site is published only if zongjie built it for readers, with the restricted
    tree under the prefix this nginx.conf will protect."""
    record = build_record.read(site)
    if record is None:
        raise CommandError(
            f"{site} 不是 zongjie 构建的读者网站（没有 {build_record.RECORD}）：其中的报告未按"
            "审定状态和内部报告筛选",
            hint="用 make site（zongjie build）构建后再发布，或去掉 --site 让 zongjie publish "
            "自己构建",
        )
    if record.audience != "public":
        raise CommandError(
            f"{site} 是为 {record.audience} 构建的网站，含有未审定或内部的报告，不能发布给读者",
            hint="用 make site（zongjie build）构建读者网站后再发布",
        )
    prefix = project.settings.restricted_prefix
    if record.restricted_prefix != prefix:
        problem = setting_problem(
            project.config_file, ("publish", "restricted_prefix"), "", ""
        )  # fmt: skip
        raise CommandError(
            f"{site} 的内部报告在 /{record.restricted_prefix}/ 下，而 {problem.path}:"
            f"{problem.line} 的 publish.restricted_prefix 是 {prefix}：nginx 会保护错误的目录，"
            "内部报告将无需登录即可访问",
            hint="改回原来的前缀，或用现在的设置重新构建（make site）后再发布",
        )


def _check_dest(dest: Destination, project: Project, site: Path | None) -> None:
    for path in (dest.root, dest.root / "current"):
        text = str(path)
        if any(ch in text for ch in '$"\\\n\r{};'):
            raise CommandError(
                f'发布目录 {text} 含有 nginx 配置中不能使用的字符（$ " \\ {{ }} ; 或换行）',
                hint="换一个只含字母、数字、-、_、/ 的目录，如 /srv/zongjie",
            )
    root = dest.root.resolve()
    clashes = [project.root] if root == project.root else []
    if site is not None:
        built = site.resolve()
        if root == built or built in root.parents or root in built.parents:
            clashes.append(built)
    if clashes:
        raise CommandError(
            f"发布目录 {dest.root} 不能与 {clashes[0]} 重叠",
            hint="发布目录应是单独的目录，如 /srv/zongjie",
        )
