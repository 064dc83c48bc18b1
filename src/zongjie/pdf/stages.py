"""What the PDF stage of a build does, and the two commands that spread it over CI runners.

``zongjie build`` (``make site``, ``mkdocs build``) renders every report the cache lacks, then
binds. A province-wide site splits that work over the intranet's CI runners, sharing one cache::

    zongjie pdf render --shard I/N   # on N runners: the I-th slice of the reports, into the cache
    zongjie pdf bind                 # once: the site with every volume and archive, from the cache

Both are the ordinary site build, because the built pages (markers rendered) are what the PDFs
are made from; a :class:`PdfRun` tells the PDF stage of that build which half to do.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zongjie.data.content import ReportRef
from zongjie.errors import CommandError

PDF_HOOK = "hooks/zongjie_pdf.py"


@dataclass(frozen=True)
class Shard:
    """The ``index``-th (1-based, like GitLab's ``CI_NODE_INDEX``) of ``total`` slices."""

    index: int
    total: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
        if match is None or not 1 <= int(match[1]) <= int(match[2]):
            raise CommandError(
                f"分片“{text}”写法不对：应为 I/N，1 ≤ I ≤ N，如 2/4",
                hint="GitLab CI 中写 --shard $CI_NODE_INDEX/$CI_NODE_TOTAL",
            )
        return cls(int(match[1]), int(match[2]))

    def owns(self, report: ReportRef) -> bool:
        """Slices by a hash of the report's name, so a report stays in its slice when others
        are added or removed (a runner's own cache keeps serving it)."""
        name = f"{report.campaign_id}/{report.unit_id}".encode()
        slot = int.from_bytes(hashlib.sha256(name).digest()[:8], "big") % self.total
        return slot == self.index - 1

    def __str__(self) -> str:
        return f"{self.index}/{self.total}"


@dataclass
class PdfRun:
    """The part of the PDF stage one build does."""

    render: bool = True
    """Render the reports the cache lacks (only ``shard``'s slice of them, if given)."""
    bind: bool = True
    """Publish the reports, bind the volumes and write the archives; every report must be in
    the cache by then."""
    shard: Shard | None = None
    stats: Any = None
    """The PDF stage's figures (``pipeline.Stats``), set when it has run."""


_RUN: ContextVar[PdfRun | None] = ContextVar("zongjie_pdf_run", default=None)


def requested() -> PdfRun:
    """What the current build's PDF stage should do: everything, unless a command said less."""
    return _RUN.get() or PdfRun()


@contextmanager
def running(run: PdfRun) -> Iterator[PdfRun]:
    token = _RUN.set(run)
    try:
        yield run
    finally:
        _RUN.reset(token)


def render_shard(config_file: Path, shard: Shard) -> Any:
    """Build the site into a scratch folder and render ``shard``'s missing reports into the
    cache (``pdf.cache_dir``); the figures of the PDF stage."""
    from zongjie.site.atomic_build import build_site

    with (
        tempfile.TemporaryDirectory(prefix="zongjie-pdf-render-") as scratch,
        running(PdfRun(bind=False, shard=shard)) as run,
    ):
        build_site(config_file, site_dir=Path(scratch) / "site")
    return _ran(run, config_file)


def bind_site(config_file: Path, site_dir: Path | None, strict: bool) -> tuple[Path, Any]:
    """Build the site with every PDF from the cache, rendering nothing: fails, naming the
    reports, if any is missing. The site folder and the figures of the PDF stage."""
    from zongjie.site.atomic_build import build_site

    with running(PdfRun(render=False)) as run:
        target = build_site(config_file, site_dir=site_dir, strict=strict)
    return target, _ran(run, config_file)


def _ran(run: PdfRun, config_file: Path) -> Any:
    if run.stats is None:
        raise CommandError(
            "这次构建没有生成 PDF：mkdocs.yml 没有启用 PDF 钩子",
            hint=f"在 mkdocs.yml 的 hooks: 中加入 {PDF_HOOK}",
            path=config_file.name,
        )
    return run.stats
