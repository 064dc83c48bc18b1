"""The page loops on both cores: MkDocs reads, then writes, the pages of a large site in two
processes.

MkDocs reads every page (its Markdown converted to HTML, with the page events of zongjie's
checks), then (after ``on_env``) renders each one through the theme's templates and writes it,
one after another. Neither loop needs anything from the other pages of the same loop:

- :class:`ReadSplit` forks at the end of ``on_files``: each process reads half the pages; the
  child, after its last page, hands over what it read (each page's Markdown, HTML, outline,
  anchors and links) and leaves; the parent takes it after its own last page, so ``on_env``
  sees every page as if one process had read them all.
- :class:`PageSplit` forks at the end of ``on_env``: each process keeps every page in memory
  (links and anchors between pages are checked as before) but renders and writes only its own
  half. The child renders no static templates and copies no static files.

What the child's page events collected must reach the parent, which finishes the build: each
owner of a page event registers a :class:`Share` (collect in the child, merge in the parent),
and the child's log records are handed over too, so warnings count for ``--strict`` as if the
parent had logged them. A page event of anyone who has not registered (another plugin or hook)
keeps the loop in one process, as does ``serve``, a dirty build or a small site.
"""

from __future__ import annotations

import logging
import os
import pickle
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

from zongjie.framework import plugin_logger

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

MIN_PAGES = 400
"""Below this a fork, and handing the child's results over, costs more than it saves."""
ENV = "ZONGJIE_PAGE_WORKERS"
"""``1``: the page loop stays in one process."""
PAGE_EVENTS = ("pre_page", "page_context", "post_page")
READ_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")
PAGE_STATE = (
    "markdown",
    "meta",
    "content",
    "toc",
    "_title_from_render",
    "present_anchor_ids",
    "links_to_anchors",
    "title",
)
"""What reading a page leaves on it (``Page.read_source`` and ``Page.render``, and a title a
page event may set)."""
log = plugin_logger("zongjie")


@dataclass(frozen=True)
class Share:
    """What one owner of page events collected in the child, and how the parent takes it."""

    owner: type
    collect: Callable[[], object]
    merge: Callable[[object], None]


_SHARES: dict[type, Share] = {}
_READ_SHARES: dict[type, Share] = {}


def share(owner: object, collect: Callable[[], object], merge: Callable[[object], None]) -> None:
    """Register ``owner``'s page state for this build (called from its ``on_config``)."""
    _SHARES[type(owner)] = Share(type(owner), collect, merge)


def share_reading(
    owner: object, collect: Callable[[], object], merge: Callable[[object], None]
) -> None:
    """Register what ``owner``'s events collect while the pages are read (``on_page_markdown``,
    ``on_page_content``); ``merge`` runs in the parent after the child's pages are in place."""
    _READ_SHARES[type(owner)] = Share(type(owner), collect, merge)


class _Captured(logging.Handler):
    """The child's log records, kept to be logged again by the parent."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None
        record.exc_info = record.exc_text = None
        self.records.append(record)


class PageSplit:
    """The two halves of one build's page loop."""

    def __init__(self, pipe: Connection, pid: int, child: bool, captured: _Captured | None):
        self.pipe, self.pid, self.child, self.captured = pipe, pid, child, captured

    @classmethod
    def start(cls, config: MkDocsConfig, files: Files, dirty: bool) -> PageSplit | None:
        pages = list(files.documentation_pages())
        if not _eligible(config, dirty, len(pages)):
            return None
        receive, send = get_context("fork").Pipe(duplex=False)
        mine, theirs = pages[0::2], pages[1::2]
        pid = os.fork()
        if pid == 0:
            receive.close()
            _only(files, theirs)
            files.copy_static_files = lambda *a, **k: None  # type: ignore[method-assign]
            config.theme.static_templates.clear()
            config.extra_templates.clear()
            return cls(send, 0, True, _capture_logs())
        send.close()
        _only(files, mine)
        log.info("页面分两个进程生成：本进程 %d 个，子进程 %d 个", len(mine), len(theirs))
        return cls(receive, pid, False, None)

    def finish(self) -> None:
        """At ``on_post_build``: the child hands over and leaves; the parent takes it all."""
        if self.child:
            self._hand_over(None)
        (shares,) = _receive(self.pipe, self.pid, "另一半页面的生成进程意外退出", 1)
        for owner, value in shares.items():
            if owner in _SHARES:
                _SHARES[owner].merge(value)

    def fail(self, error: BaseException) -> None:
        """At ``on_build_error``: the child reports the error to the parent and leaves; the
        parent's build stops anyway, so it only ends the child."""
        if self.child:
            self._hand_over(error)
        _end(self.pipe, self.pid)

    def _hand_over(self, error: BaseException | None) -> None:
        code = 1 if error is not None else 0
        try:
            records = self.captured.records if self.captured else []
            shares = {owner: s.collect() for owner, s in _SHARES.items()} if error is None else {}
            failure: object = None
            if error is not None:
                failure = error if _picklable(error) else f"{type(error).__name__}: {error}"
            self.pipe.send((failure, records, shares))
            self.pipe.close()
        except BaseException:  # noqa: BLE001 - the parent hears of it as an unexpected exit
            code = 1
        finally:
            os._exit(code)


class ReadSplit:
    """The two halves of one build's reading of the pages."""

    def __init__(self, pipe: Connection, pid: int, child: bool, last: str, theirs: list[str]):
        self.pipe, self.pid, self.child = pipe, pid, child
        self.last = last
        """The ``src_uri`` of this process's last page: after it, the halves meet."""
        self.theirs = theirs
        """The pages the other process reads (the child's, in the parent)."""
        self.captured = _capture_logs() if child else None

    @classmethod
    def start(cls, config: MkDocsConfig, files: Files, dirty: bool) -> ReadSplit | None:
        pages = list(files.documentation_pages())
        if not _eligible(config, dirty, len(pages), READ_EVENTS, _READ_SHARES):
            return None
        receive, send = get_context("fork").Pipe(duplex=False)
        mine, theirs = pages[0::2], pages[1::2]
        pid = os.fork()
        if pid == 0:
            receive.close()
            _only(files, theirs)
            return cls(send, 0, True, theirs[-1].src_uri, [])
        send.close()
        _only(files, mine)
        log.info("页面分两个进程读取：本进程 %d 个，子进程 %d 个", len(mine), len(theirs))
        return cls(receive, pid, False, mine[-1].src_uri, [f.src_uri for f in theirs])

    def after_page(self, src: str, files: Files, config: MkDocsConfig) -> None:
        """After each page is read: past this process's last page, the child hands over what
        it read and leaves; the parent takes it and has every page again."""
        if src != self.last:
            return
        if self.child:
            self._hand_over(None, files)
        del files.documentation_pages  # the instance's half: every page again
        pages, shares = _receive(self.pipe, self.pid, "另一半页面的读取进程意外退出", 2)
        for src_uri, state in pages.items():
            _restore(files, config, src_uri, state)
        for owner, value in shares.items():
            if owner in _READ_SHARES:
                _READ_SHARES[owner].merge(value)

    def fail(self, error: BaseException, files: Files | None = None) -> None:
        """At ``on_build_error``: the child reports the error and leaves; the parent ends it."""
        if self.child:
            self._hand_over(error, files)
        _end(self.pipe, self.pid)

    def _hand_over(self, error: BaseException | None, files: Files | None) -> None:
        code = 1 if error is not None else 0
        try:
            records = self.captured.records if self.captured else []
            pages: dict[str, dict[str, Any]] = {}
            shares: dict[type, object] = {}
            if error is None and files is not None:
                pages = {f.src_uri: _state(f) for f in files.documentation_pages()}
                shares = {owner: s.collect() for owner, s in _READ_SHARES.items()}
            failure: object = None
            if error is not None:
                failure = error if _picklable(error) else f"{type(error).__name__}: {error}"
            self.pipe.send((failure, records, pages, shares))
            self.pipe.close()
        except BaseException:  # noqa: BLE001 - the parent hears of it as an unexpected exit
            code = 1
        finally:
            os._exit(code)


def _end(pipe: Connection, pid: int) -> None:
    """The build stopped: the child's work is not wanted."""
    pipe.close()
    try:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    except OSError:
        pass


def _receive(pipe: Connection, pid: int, lost: str, parts: int) -> tuple[Any, ...]:
    """What the child sent (its failure, its log records, then ``parts`` more values): the
    records are logged here, a failure raised here (``lost`` if the child died unheard)."""
    try:
        failure, records, *rest = pipe.recv()
    except (EOFError, OSError, pickle.UnpicklingError):
        failure, records, rest = lost, [], [{} for _ in range(parts)]
    finally:
        pipe.close()
        os.waitpid(pid, 0)
    for record in records:
        logging.getLogger(record.name).handle(record)
    if failure is not None:
        raise failure if isinstance(failure, Exception) else PluginError(str(failure))
    return tuple(rest)


def _state(file: File) -> dict[str, Any]:
    """What reading left on ``file``'s page; links to anchors name their files by path."""
    page = file.page
    state = {k: page.__dict__[k] for k in PAGE_STATE if page is not None and k in page.__dict__}
    links = state.get("links_to_anchors")
    if links:
        state["links_to_anchors"] = {to.src_uri: anchors for to, anchors in links.items()}
    return state


def _restore(files: Files, config: MkDocsConfig, src_uri: str, state: dict[str, Any]) -> None:
    from mkdocs.structure.pages import Page

    file = files.get_file_from_path(src_uri)
    if file is None:
        return
    if file.page is None:  # a page out of the nav: MkDocs makes its Page when it reads it
        Page(None, file, config)
    assert file.page is not None
    links = state.get("links_to_anchors")
    if links:
        state["links_to_anchors"] = {
            to: anchors for path, anchors in links.items() if (to := files.get_file_from_path(path))
        }
    file.page.__dict__.update(state)


def _eligible(
    config: MkDocsConfig,
    dirty: bool,
    pages: int,
    events: tuple[str, ...] = PAGE_EVENTS,
    shares: dict[type, Share] = _SHARES,
) -> bool:
    if dirty or pages < MIN_PAGES or os.environ.get(ENV) == "1" or not hasattr(os, "fork"):
        return False
    if threading.active_count() > 1:  # serve: a forked copy of its threads could deadlock
        return False
    for event in events:
        for handler in config.plugins.events[event]:
            owner = getattr(handler, "__self__", None)
            if owner is None or type(owner) not in shares:
                return False  # an event whose results only one process would see
    return True


def _only(files: Files, pages: list[File]) -> None:
    """This process renders and writes ``pages``; every page stays in ``files`` for links."""

    def documentation_pages(*args: Any, **kwargs: Any) -> list[File]:
        return list(pages)

    files.documentation_pages = documentation_pages  # type: ignore[method-assign]


def _capture_logs() -> _Captured:
    captured = _Captured()
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(captured)
    return captured


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:  # noqa: BLE001 - anything that cannot cross the pipe is sent as text
        return False
    return True
