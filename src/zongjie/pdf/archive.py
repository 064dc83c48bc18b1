"""Archive package per campaign: the PDFs, a manifest and a ``sha256sum -c`` checksum file.

Layout of ``pdf/<campaign-id>-archive.zip``::

    <campaign-id>/README.txt      how to verify (Chinese)
    <campaign-id>/manifest.json   every file with SHA-256, size and pages; source commit; build time
    <campaign-id>/SHA256SUMS      sha256sum format, covers every other file in the package
    <campaign-id>/<campaign-id>.pdf          the bound volume, or the index volume of its parts
    <campaign-id>/volumes/<campaign-id>-NN.pdf   every part (分册) of a large campaign
    <campaign-id>/reports/<unit-id>.pdf      every report

The build time is the build's (:func:`zongjie.dates.build_time`): building the same commit twice
gives a byte-identical package (zip entries carry that time too).
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from zongjie import atomic
from zongjie.dates import CST, build_time
from zongjie.git import git
from zongjie.pdf.cache import Facts, digest, file_digest

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
README = "README.txt"
FORMAT = "zongjie-archive/1"


@dataclass(frozen=True)
class BuildInfo:
    commit: str | None
    dirty: bool
    time: dt.datetime
    from_clock: bool = False
    """Neither SOURCE_DATE_EPOCH nor a commit gave the time: it says when the package was made,
    and an unchanged package is not made again just because the clock moved."""

    @property
    def iso_time(self) -> str:
        return self.time.astimezone(CST).isoformat()


def build_info(root: Path) -> BuildInfo:
    commit = _git(root, "rev-parse", "HEAD")
    dirty = bool(commit and _git(root, "status", "--porcelain", "--untracked-files=no"))
    built = build_time(root, in_git=bool(commit))
    return BuildInfo(commit, dirty, built.time, built.from_clock)


def _git(root: Path, *args: str) -> str | None:
    out = git(root, *args, timeout=30)
    if out is None:
        return None
    return out.strip() or ("" if args[0] == "status" else None)


@dataclass(frozen=True)
class Member:
    name: str  # path inside the package folder, e.g. reports/shi-wenlian.pdf
    source: Path
    sha256: str
    size: int
    pages: int
    meta: dict[str, str | int]


def member(name: str, source: Path, facts: Facts | None = None, **meta: str | int) -> Member:
    """A file of the package; its checksum comes from the cache record when there is one, so an
    unchanged package is recognised without reading a single PDF."""
    if facts is None:
        import pikepdf

        with pikepdf.open(source) as pdf:
            pages = len(pdf.pages)
        facts = Facts(pages, file_digest(source), source.stat().st_size)
    return Member(name, source, facts.sha256, facts.size, facts.pages, meta)


def manifest(
    campaign_id: str, title: str, members: list[Member], info: BuildInfo, generator: str
) -> dict[str, object]:
    return {
        "format": FORMAT,
        "campaign": {"id": campaign_id, "title": title},
        "source_commit": info.commit,
        "source_dirty": info.dirty,
        "build_time": info.iso_time,
        "generator": generator,
        "pdf_standard": "PDF/A-2a (ISO 19005-2)、PDF/UA-1 (ISO 14289-1), 版式参照 GB/T 9704-2012",
        "files": [
            {
                "path": m.name,
                "sha256": m.sha256,
                "bytes": m.size,
                "pages": m.pages,
                **m.meta,
            }
            for m in members
        ],
    }


def readme(campaign_id: str, title: str, info: BuildInfo, parts: int = 0) -> str:
    if parts:
        volumes = (
            f"  {campaign_id}.pdf         索引册：分册一览、每份报告所在的册和页、数据总览\n"
            f"  volumes/{campaign_id}-NN.pdf  分册（共{parts}册），各有封面、目录和连续页码\n"
        )
    else:
        volumes = f"  {campaign_id}.pdf         汇编本（封面、目录、数据总览、各单位报告）\n"
    return (
        f"{title} 工作总结报告归档包\n\n"
        f"源文件版本（git commit）：{info.commit or '未知'}"
        f"{'（含未提交修改）' if info.dirty else ''}\n"
        f"生成时间：{info.iso_time}\n\n"
        "内容：\n"
        f"{volumes}"
        "  reports/<单位id>.pdf    各单位报告（PDF/A-2a，带结构标签，符合 PDF/UA-1）\n"
        f"  {MANIFEST}           文件清单（SHA-256、页数、单位、日期）\n"
        f"  {SUMS}             校验和\n\n"
        "校验方法（任选其一）：\n"
        f"  cd {campaign_id} && sha256sum -c {SUMS}\n"
        f"  zongjie verify {campaign_id}-archive.zip\n"
    )


def package_key(campaign_id: str, members: list[Member], info: BuildInfo, generator: str) -> str:
    time = "" if info.from_clock else info.iso_time
    parts = [FORMAT, campaign_id, info.commit or "", str(info.dirty), time, generator]
    parts += [f"{m.name}={m.sha256}={m.pages}={sorted(m.meta.items())}" for m in members]
    return digest(*parts)


def write_package(
    target: Path,
    campaign_id: str,
    title: str,
    members: list[Member],
    info: BuildInfo,
    generator: str,
) -> None:
    """Write the zip deterministically: sorted entries, fixed times and permissions."""
    data = manifest(campaign_id, title, members, info, generator)
    parts = sum(1 for m in members if m.meta.get("kind") == "part")
    texts = {
        README: readme(campaign_id, title, info, parts).encode(),
        MANIFEST: (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode(),
    }
    sums = [f"{digest_bytes(body)}  {name}" for name, body in texts.items()]
    sums += [f"{m.sha256}  {m.name}" for m in members]
    texts[SUMS] = ("\n".join(sorted(sums, key=lambda s: s.split("  ", 1)[1])) + "\n").encode()
    stamp = info.time.astimezone(dt.UTC)
    date_time = (
        max(stamp.year, 1980),
        stamp.month,
        stamp.day,
        stamp.hour,
        stamp.minute,
        stamp.second,
    )
    with atomic.replacing(target) as tmp, zipfile.ZipFile(tmp, "w") as zf:
        for name, body in sorted(texts.items()):
            zf.writestr(_info(f"{campaign_id}/{name}", date_time, zipfile.ZIP_DEFLATED), body)
        for m in sorted(members, key=lambda m: m.name):
            with (
                m.source.open("rb") as fh,
                zf.open(
                    _info(f"{campaign_id}/{m.name}", date_time, zipfile.ZIP_STORED), "w"
                ) as out,
            ):
                while block := fh.read(1 << 20):
                    out.write(block)


def digest_bytes(body: bytes) -> str:
    import hashlib

    return hashlib.sha256(body).hexdigest()


def _info(name: str, date_time: tuple[int, ...], method: int) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, date_time=date_time)  # type: ignore[arg-type]
    zi.compress_type = method
    zi.external_attr = 0o644 << 16
    zi.create_system = 3
    return zi
