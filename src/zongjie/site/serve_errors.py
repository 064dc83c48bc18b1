"""Errors in the browser: while the last ``mkdocs serve`` rebuild failed, every page shows why.

MkDocs' own server logs a failed rebuild and keeps serving the last good site, so the editor's
browser stays silently on the old page. :func:`install` (the ``on_serve`` event, so never in a
build for readers) wraps the server: a failed rebuild writes an error page listing every problem
with its ``file:line``, field and hint, and the server answers each page request with it. The
page carries the server's own live-reload script, so it turns back into the real page by itself
as soon as a rebuild succeeds. The page is made from a Jinja template with autoescaping (the
problems quote editors' input) and loads nothing: its styles are inline and its policy
(``default-src 'none'``) lets it ask nothing of any host but the preview server's reload poll.
"""

from __future__ import annotations

import contextlib
import logging
import os
import posixpath
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from zongjie.errors import SEVERITY_LABEL, ContentError, Problem
from zongjie.framework import NAME, plugin_logger

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = plugin_logger("zongjie")

ERROR_FILE = ".zongjie-build-error.html"
"""The error page, written into the preview's own (temporary) site folder while a build fails."""
TEMPLATE = "serve/error.html.j2"
POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; " + (
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
)
"""The page's own Content-Security-Policy: the only script is the server's inline reload poll."""


@dataclass(frozen=True)
class Shown:
    """One problem as the error page lists it."""

    where: str
    severity: str
    field: str
    message: str
    hint: str


def _shown(problem: Problem) -> Shown:
    where = (
        f"{problem.path}:{problem.cell}"
        if problem.cell
        else f"{problem.path}:{problem.line}:{problem.col}"
    )
    return Shown(
        where, SEVERITY_LABEL[problem.severity], problem.field, problem.message, problem.hint
    )


def problems_of(error: BaseException, root: Path) -> list[Shown]:
    """What went wrong, one entry per problem: a content error lists all of its problems."""
    if isinstance(error, ContentError):
        return [_shown(p) for p in error.problems]
    if isinstance(error, jinja2.TemplateSyntaxError):  # a page template in overrides/
        where = error.filename or error.name or "模板"
        with contextlib.suppress(ValueError):
            where = Path(where).resolve().relative_to(root).as_posix()
        hint = "检查这一行的 {{ }} 和 {% %} 是否成对"
        return [Shown(f"{where}:{error.lineno}", "错误", "", error.message or str(error), hint)]
    text = str(error).strip() or type(error).__name__
    hint = "终端中有完整的出错信息；也可以运行 zongjie check 检查数据和正文"
    return [Shown("", "错误", "", text, hint)]


class _Warnings(logging.Handler):
    """zongjie's warnings during one rebuild: a failed build's page lists them after its errors."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(record.getMessage())


def render_page(problems: list[Shown], warnings: Iterable[str] = (), generator: str = NAME) -> str:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("zongjie", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template(TEMPLATE).render(
        problems=problems, warnings=list(warnings), policy=POLICY, generator=generator
    )


def is_page(path: str, mount_path: str) -> bool:
    """Whether a request is for a page (answered with the error page) rather than a file."""
    if path.startswith("/livereload/") or not (path + "/").startswith(mount_path):
        return False
    last = posixpath.basename(path)
    return path.endswith("/") or last.endswith((".html", ".htm")) or "." not in last


class ErrorPages:
    """The serve-only wrapper: remembers whether the last rebuild failed, and why."""

    def __init__(self, server: LiveReloadServer, root: Path) -> None:
        self.server = server
        self.root = root
        self.error: BaseException | None = None
        """The build's own exception, from ``on_build_error`` (MkDocs then raises ``Abort``)."""
        self.failed = False
        self._build: Callable[[], None] = server.builder
        self._app: Callable[..., Iterable[bytes]] = server.get_app()  # type: ignore[assignment]
        server.builder = self.rebuild
        server.set_app(self.serve_request)

    @property
    def path(self) -> Path:
        return Path(self.server.root) / ERROR_FILE

    def build_error(self, error: BaseException) -> None:
        self.error = error

    def rebuild(self) -> None:
        """MkDocs' rebuild; a failure becomes the error page and still reloads the browsers."""
        self.error = None
        warnings = _Warnings()
        log.addHandler(warnings)
        try:
            self._build()
        except Exception as raised:  # noqa: BLE001 - any failure is shown, as MkDocs logs any
            # MkDocs 1.6 raises a bare Abort after on_build_error; later versions chain the cause.
            error = self.error or _content_cause(raised) or raised
            if not isinstance(error, ContentError):
                traceback.print_exception(error)  # as MkDocs' server prints it
            self.show(error, warnings.texts)
        else:
            self.clear()
        finally:
            log.removeHandler(warnings)

    def show(self, error: BaseException, warnings: Iterable[str] = ()) -> None:
        html = render_page(problems_of(error, self.root), warnings)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, self.path)
        self.failed = True
        log.error("网站生成失败：浏览器中显示错误页，修正并保存后自动恢复")

    def clear(self) -> None:
        if self.failed:
            log.info("网站已重新生成，浏览器恢复显示页面")
        self.failed = False
        self.path.unlink(missing_ok=True)

    def serve_request(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if self.failed and is_page(path, self.server.mount_path):
            # Served by MkDocs itself, so its live-reload script is put into the page.
            environ = {**environ, "PATH_INFO": self.server.mount_path + ERROR_FILE}
        return self._app(environ, start_response)


def _content_cause(error: BaseException) -> ContentError | None:
    cause = error.__cause__
    return cause if isinstance(cause, ContentError) else None


def install(server: LiveReloadServer, root: Path) -> ErrorPages:
    """Wrap ``mkdocs serve``'s server (``on_serve``); returns the wrapper for ``on_build_error``."""
    return ErrorPages(server, root)
