"""Who a build is for, and the one rule that decides it: no setting can make a readers' build
show more than approved 公开 reports.

* ``mkdocs serve`` (``make serve``) is the editors' preview: every report, drafts marked.
* Any other build run from the command line (``mkdocs build``, ``zongjie build``, ``make site``,
  ``zongjie publish``) is the readers' site. ``extra.zongjie.audience`` must then say
  ``public`` (or nothing); another value is refused at its line in mkdocs.yml, and so is
  ``mkdocs build --dirty``, which would keep pages of an earlier build (a report since made
  内部, say) in the site.
* The other views are asked for in code, never by a setting: :func:`zongjie.site.atomic_build.
  build_site` builds the signed-in readers' tree under ``publish.restricted_prefix`` itself, and
  ``zongjie build --audience editors`` (into a folder of its own) the editors' review copy.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from zongjie.config import ZongjieConfig, setting_problem
from zongjie.errors import ContentError
from zongjie.review.publication import Audience
from zongjie.rules.settings import setting_problems

_requested: ContextVar[Audience | None] = ContextVar("zongjie_audience", default=None)


@contextmanager
def building_for(audience: Audience) -> Iterator[None]:
    """Builds started inside this block (in this thread) are for ``audience``."""
    token = _requested.set(audience)
    try:
        yield
    finally:
        _requested.reset(token)


def resolve(command: str, dirty: bool, settings: ZongjieConfig, config_file: Path) -> Audience:
    """The audience of a build of ``config_file`` started by MkDocs' ``command``."""
    requested = _requested.get()
    if requested is not None:
        return requested
    if command == "serve":
        return "editors"
    refused = setting_problems(settings, config_file)
    if refused:
        raise ContentError(refused)
    if dirty:
        raise ContentError(
            [
                setting_problem(
                    config_file,
                    (),
                    "读者网站不能用 --dirty 构建：上次构建留下的页面（例如后来改为内部或撤回审定的"
                    "报告）会留在网站中",
                    hint="去掉 --dirty，或用 zongjie build（make site）构建",
                )
            ]
        )
    return "public"
