"""A failing disk, a missing permission or a strange file during publishing, in words.

Publishing changes nothing readers see until ``current`` is switched, the very last step; any
operating-system error before it leaves the current release serving. That is what the message
says, with the reason and the file, instead of a traceback.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

from zongjie.errors import CommandError

REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许的操作（权限或文件属性）",
    errno.EROFS: "文件系统是只读的",
    errno.ELOOP: "符号链接循环",
    errno.EISDIR: "这是一个目录，不是文件（可能是指向目录的符号链接）",
    errno.ENOTDIR: "路径中有一部分不是目录",
    errno.ENOENT: "文件或目录不存在",
    errno.EEXIST: "文件已存在",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EMLINK: "硬链接数达到上限",
    errno.EXDEV: "不能跨文件系统改名",
    errno.EIO: "磁盘读写错误",
    errno.EMFILE: "打开的文件太多",
}


def describe(exc: OSError) -> str:
    reason = REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    where = str(exc.filename) if exc.filename is not None else ""
    if exc.filename2 is not None:
        where = f"{where} → {exc.filename2}"
    return f"{reason}（{where}）" if where else reason


@contextmanager
def worded(hint: str) -> Iterator[None]:
    """Turn an ``OSError`` inside the block into ``发布未完成：<reason>``."""
    try:
        yield
    except OSError as exc:
        raise CommandError(f"发布未完成：{describe(exc)}", hint=hint) from None
